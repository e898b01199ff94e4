import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NotesRepo } from '../../src/notes/notesRepo';
import { tempFolder } from '../support/git';

// A child process that commits a large session file over and over, alternating two versions,
// through the same NotesRepo.commitFiles the extension uses.
const WRITER = `
const { NotesRepo } = require(process.argv[2]);
(async () => {
  const repo = await NotesRepo.open(process.argv[3]);
  const versions = ['a', 'b'].map((c) => '---\\ndate: 2026-11-23\\n---\\n' + c.repeat(2_000_000) + '\\n');
  process.stdout.write('ready\\n');
  for (let i = 0; ; i++) await repo.commitFiles([{ path: 'sessions/2026-11-23-killtest.md', content: versions[i % 2] }], 'v' + i);
})();
`;

describe('notes/notesRepo a kill in the middle of a write', () => {
  it('leaves the file as the old or the new version, never torn (killed at 5 random moments)', async function () {
    this.timeout(60_000);
    const root = path.join(tempFolder('kill'), 'notes');
    const repo = await NotesRepo.openOrCreate(root);
    await repo.setIdentity('Sam', 'sam@example.com');
    const original = `---\ndate: 2026-11-23\n---\n${'o'.repeat(2_000_000)}\n`;
    await repo.commitFiles([{ path: 'sessions/2026-11-23-killtest.md', content: original }], 'original');
    const script = path.join(root, '..', 'writer.js');
    writeFileSync(script, WRITER);
    const seen = new Set<string>();
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, [script, path.join(__dirname, '../../src/notes/notesRepo.js'), root], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
      });
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 400));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const text = readFileSync(path.join(root, 'sessions/2026-11-23-killtest.md'), 'utf8');
      const body = text.slice('---\ndate: 2026-11-23\n---\n'.length, -1);
      assert.equal(body.length, 2_000_000, 'the file is complete');
      assert.ok(/^(o+|a+|b+)$/.test(body), 'the file is one whole version');
      seen.add(body[0] ?? '');
      // A kill during `git add` may leave git's index.lock behind (the app asks before removing
      // one); here the test removes it so the next round can write.
      const lock = path.join(root, '.git', 'index.lock');
      if (existsSync(lock)) rmSync(lock);
    }
  });
});
