import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseBatchOutput } from '../../src/workspace/catFileBatch';
import { WorkspaceRepo } from '../../src/workspace/workspaceRepo';
import { git } from './anchor-history/historyCases';

function commit(root: string, message: string): string {
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '--quiet', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

describe('workspace/WorkspaceRepo history for anchors', function () {
  this.timeout(20_000);

  it('reads many files at commits through one cat-file batch, missing ones as undefined', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mentorship-catfile-'));
    git(root, 'init', '--quiet');
    mkdirSync(path.join(root, 'src'));
    for (let i = 0; i < 20; i++) writeFileSync(path.join(root, 'src', `f${i}.ts`), `export const f${i} = ${i};\n`);
    writeFileSync(path.join(root, 'src', '[...slug].ts'), 'export const slug = 1;\n');
    const a = commit(root, 'base');
    const repo = new WorkspaceRepo();
    const texts = await Promise.all([...Array.from({ length: 20 }, (_, i) => repo.fileAt(root, a, `src/f${i}.ts`)), repo.fileAt(root, a, 'src/missing.ts'), repo.fileAt(root, a, 'src/[...slug].ts'), repo.fileAt(root, a, '../outside.ts')]);
    assert.deepEqual(texts.slice(0, 20), Array.from({ length: 20 }, (_, i) => `export const f${i} = ${i};\n`));
    assert.deepEqual(texts.slice(20), [undefined, 'export const slug = 1;\n', undefined]);
  });

  it('parses cat-file --batch output with missing objects and binary-safe sizes', () => {
    const out = Buffer.from('abc123 blob 6\nx\ny\nz\n\nsrc/none missing\ndef456 tree 0\n\n');
    assert.deepEqual(parseBatchOutput(out, 3), ['x\ny\nz\n', undefined, undefined]);
  });

  it('follows the file commit by commit along the first-parent line, through a rename', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mentorship-history-'));
    git(root, 'init', '--quiet');
    mkdirSync(path.join(root, 'src'));
    const lines = Array.from({ length: 30 }, (_, i) => `export const value${i} = compute(${i});`);
    writeFileSync(path.join(root, 'src', 'a.ts'), `${lines.join('\n')}\n`);
    const flagged = commit(root, 'base');
    writeFileSync(path.join(root, 'src', 'a.ts'), `// header\n${lines.join('\n')}\n`);
    commit(root, 'header');
    renameSync(path.join(root, 'src', 'a.ts'), path.join(root, 'src', 'b.ts'));
    commit(root, 'rename');
    writeFileSync(path.join(root, 'src', 'b.ts'), `// header\n${lines.slice(0, 10).join('\n')}\n  // inserted\n${lines.slice(10).join('\n')}\n`);
    const head = commit(root, 'insert');
    const repo = new WorkspaceRepo();
    const history = await repo.historyOf(root, flagged, 'src/a.ts', await repo.renamesSince(root, flagged, head), head);
    assert.ok(history);
    assert.equal(history.path, 'src/b.ts');
    assert.equal(history.diffs.length, 3, 'one diff per commit that touched the file');
    assert.equal(history.diffs[1]?.change, 'renamed');
    assert.equal(history.text?.split('\n')[11], '  // inserted');
  });
});
