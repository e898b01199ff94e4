import { strict as assert } from 'node:assert';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AGENDA_ORDER_FILE } from '../../../src/core/agendaItem';
import type { SessionFacts } from '../../../src/core/sessionFacts';
import { NotesRepoError } from '../../../src/notes/gitErrors';
import { AgendaStore } from '../../../src/notes/agendaStore';
import { NotesRepo } from '../../../src/notes/notesRepo';
import { SessionStore } from '../../../src/notes/sessionStore';
import { bareRemote, git, tempFolder } from '../../support/git';

const FACTS: SessionFacts = { date: '2026-02-01', participants: [], mode: 'pairing', agendaItemIds: [] };

/** A remote built with plain git, as a third party (or the other person) could build it. */
function hostileRemote(files: Record<string, string | Buffer>, links: Record<string, string> = {}): string {
  const bare = bareRemote();
  const work = path.join(tempFolder('hostile-work'), 'w');
  git(path.dirname(work), 'clone', '--quiet', bare, work);
  // Attributes last: committed first, they would already garble the notes in this plain clone.
  const ordered = Object.entries(files).sort(([a], [b]) => Number(a === '.gitattributes') - Number(b === '.gitattributes'));
  for (const [file, content] of ordered) {
    if (file === '.gitattributes') {
      git(work, 'add', '-A');
      git(work, 'commit', '--quiet', '-m', 'notes');
    }
    mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    writeFileSync(path.join(work, file), content);
  }
  for (const [file, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    symlinkSync(target, path.join(work, file));
  }
  git(work, 'add', ...(files['.gitattributes'] === undefined ? ['-A'] : ['.gitattributes']));
  git(work, 'commit', '--quiet', '-m', 'hostile');
  git(work, 'push', '--quiet', 'origin', 'HEAD:main');
  return bare;
}

async function cloneOf(bare: string): Promise<NotesRepo> {
  const repo = await NotesRepo.clone(bare, path.join(tempFolder('hostile-clone'), 'notes'));
  await repo.setIdentity('Sam', 'sam@example.com');
  return repo;
}

async function refused(action: () => Promise<unknown>, pattern: RegExp): Promise<NotesRepoError> {
  try {
    await action();
  } catch (error) {
    assert.ok(error instanceof NotesRepoError, String(error));
    assert.equal(error.code, 'refused', error.message);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('faults: hostile clones and links', function () {
  this.timeout(60_000);
  let outside: string;
  beforeEach(() => {
    outside = tempFolder('outside');
    writeFileSync(path.join(outside, 'bashrc'), 'mine\n');
  });

  it('links committed in the remote arrive as plain files; nothing is written through them', async () => {
    const target = path.join(outside, 'bashrc');
    const repo = await cloneOf(hostileRemote({ 'mentorship.md': 'a\n' }, { [AGENDA_ORDER_FILE]: target, 'pairing/sam.md': target, sessions: outside }));
    for (const file of [AGENDA_ORDER_FILE, 'pairing/sam.md', 'sessions']) assert.ok(!lstatSync(path.join(repo.root, file)).isSymbolicLink(), file);
    await new AgendaStore(repo).saveOrder(['x']);
    await repo.commitFiles([{ path: 'pairing/sam.md', content: 'invitation\n' }], 'Pairing');
    assert.equal(readFileSync(target, 'utf8'), 'mine\n');
    assert.equal(git(repo.root, 'config', 'core.symlinks'), 'false');
  });

  it('a symlinked agenda/order.json or pairing/<you>.md is refused, the target untouched, and listed under Needs attention', async () => {
    const repo = await cloneOf(hostileRemote({ 'mentorship.md': 'a\n' }));
    const target = path.join(outside, 'bashrc');
    mkdirSync(path.join(repo.root, 'agenda'));
    symlinkSync(target, path.join(repo.root, AGENDA_ORDER_FILE));
    mkdirSync(path.join(repo.root, 'pairing'));
    symlinkSync(target, path.join(repo.root, 'pairing', 'sam.md'));
    const agenda = new AgendaStore(repo);
    await refused(() => agenda.saveOrder(['x']), /"agenda\/order\.json" in the notes repo is a symbolic link/);
    await refused(() => repo.commitFiles([{ path: 'pairing/sam.md', content: 'x' }], 'Pairing'), /symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), 'mine\n');
    const { problems } = await agenda.load();
    assert.deepEqual(problems.map((p) => path.relative(repo.root, p.file)), [AGENDA_ORDER_FILE]);
    assert.match(problems[0]!.problem.reason, /symbolic link/);
  });

  for (const folder of ['sessions', 'updates', 'conflicts']) {
    it(`a symlinked ${folder}/ folder: nothing is created outside, the write is refused, the folder listed`, async () => {
      const repo = await cloneOf(hostileRemote({ 'mentorship.md': 'a\n' }));
      symlinkSync(outside, path.join(repo.root, folder));
      const sessions = new SessionStore(repo);
      if (folder === 'sessions') await refused(() => sessions.create(FACTS, []), /"sessions" in the notes repo is a symbolic link/);
      if (folder === 'updates') await refused(() => sessions.postUpdate({ date: '2026-02-01', author: 'Sam', sections: {} }), /"updates" in the notes repo is a symbolic link/);
      if (folder === 'conflicts') await refused(() => repo.commitFiles([{ path: 'conflicts/sessions/x-theirs-1.md', content: 'theirs' }], 'x'), /symbolic link/);
      assert.deepEqual(readdirSync(outside), ['bashrc']);
      assert.ok(!existsSync(path.join(outside, 'sessions')) && !existsSync(path.join(outside, 'x-theirs-1.md')));
      const { problems } = await sessions.load();
      assert.ok(problems.some((p) => p.file === folder && /symbolic link/.test(p.problem.reason)), JSON.stringify(problems));
    });
  }

  it('a keep-both sync with a symlinked conflicts/ folder fails with a clear error, writes nothing outside and commits no markers', async () => {
    const bare = hostileRemote({ 'sessions/s.md': 'one\nshared\n' });
    const mine = await cloneOf(bare);
    const theirs = await cloneOf(bare);
    await theirs.commitFiles([{ path: 'sessions/s.md', content: 'one\ntheirs\n' }], 'Theirs');
    assert.equal((await theirs.sync()).kind, 'synced');
    await mine.commitFiles([{ path: 'sessions/s.md', content: 'one\nmine\n' }], 'Mine');
    symlinkSync(outside, path.join(mine.root, 'conflicts'));
    const outcome = await mine.sync();
    assert.equal(outcome.kind, 'failed');
    assert.ok(outcome.kind === 'failed' && /symbolic link/.test(outcome.error.message), JSON.stringify(outcome));
    assert.deepEqual(readFileSync(path.join(outside, 'bashrc'), 'utf8'), 'mine\n');
    assert.ok(!existsSync(path.join(outside, 'sessions')));
    assert.equal(await mine.readFile('sessions/s.md'), 'one\nmine\n');
    assert.ok(!existsSync(path.join(mine.root, '.git', 'MERGE_HEAD')));
    assert.doesNotMatch(git(mine.root, 'log', '-p', '--format='), /^\+<{7} /m);
    // Once the link is replaced by a folder, the same sync keeps both.
    rmSync(path.join(mine.root, 'conflicts'));
    const again = await mine.sync();
    assert.equal(again.kind, 'synced', JSON.stringify(again));
  });

  it('attributes that change bytes (working-tree-encoding, eol, text, filter) do not apply to notes', async () => {
    const attributes = '* working-tree-encoding=UTF-16LE text eol=crlf filter=evil merge=ours\n';
    const repo = await cloneOf(hostileRemote({ '.gitattributes': attributes, 'sessions/a.md': 'line one\nline two\n' }));
    assert.equal(readFileSync(path.join(repo.root, 'sessions/a.md'), 'utf8'), 'line one\nline two\n');
    const text = 'Grüße\nline two\n';
    await repo.commitFiles([{ path: 'sessions/a.md', content: text }], 'Edit');
    assert.equal(git(repo.root, 'cat-file', 'blob', 'HEAD:sessions/a.md'), text.trimEnd());
    assert.equal(readFileSync(path.join(repo.root, 'sessions/a.md'), 'utf8'), text);
    assert.match(readFileSync(path.join(repo.root, '.git', 'info', 'attributes'), 'utf8'), /-working-tree-encoding/);
  });

  it('names with a leading dash or ".." are read, and writes to them are refused by name', async () => {
    const repo = await cloneOf(hostileRemote({ 'sessions/-rf.md': '---\ndate: 2026-01-01\n---\n- [ ] x\n', 'sessions/a..b.md': '---\ndate: 2026-01-02\n---\n' }));
    assert.deepEqual(await repo.listNotes('sessions'), ['sessions/-rf.md', 'sessions/a..b.md']);
    await refused(() => new SessionStore(repo).setActionItemDone('sessions/-rf.md', { line: 3, text: 'x', done: false }, true), /not a notes-repo file name/);
    await refused(() => repo.commitFiles([{ path: '../x.md', content: 'x' }], 'x'), /not a notes-repo file name/);
    assert.equal((await new SessionStore(repo).load()).sessions.length, 2);
  });

  it('invalid UTF-8 is never rewritten; YAML bombs and tags are problems, not crashes', async () => {
    const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghijklmnop'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghijklmnop'[i]}`).join(',')}]`), 'date: 2026-01-01', '---', '- [ ] x', ''].join('\n');
    const invalid = Buffer.concat([Buffer.from('---\ndate: 2026-01-01\n---\n- [ ] caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\n')]);
    const repo = await cloneOf(hostileRemote({ 'sessions/2026-01-01-bomb.md': bomb, 'sessions/2026-01-02-tag.md': '---\ndate: !!js/function "x"\n---\n', 'sessions/2026-01-03-bytes.md': invalid }));
    const sessions = new SessionStore(repo);
    const { problems } = await sessions.load();
    assert.deepEqual(problems.map((p) => p.file).sort(), ['sessions/2026-01-01-bomb.md', 'sessions/2026-01-02-tag.md']);
    assert.match(problems.find((p) => p.file.endsWith('bomb.md'))!.problem.reason, /too many values/);
    await assert.rejects(sessions.rate('sessions/2026-01-01-bomb.md', 'rating', 4), /front matter is broken/);
    await refused(() => sessions.rate('sessions/2026-01-03-bytes.md', 'rating', 4), /not valid UTF-8/);
    assert.ok(readFileSync(path.join(repo.root, 'sessions/2026-01-03-bytes.md')).equals(invalid));
  });

  it('a 50 MB note clones, syncs and lists without trouble', async function () {
    this.timeout(120_000);
    const big = `---\ndate: 2026-01-01\n---\n${'x'.repeat(50 * 1024 * 1024)}\n`;
    const bare = hostileRemote({ 'sessions/2026-01-01-big.md': big });
    const repo = await cloneOf(bare);
    await repo.commitFiles([{ path: 'agenda/a.md', content: 'a\n' }], 'A');
    assert.equal((await repo.sync()).kind, 'synced');
    assert.equal((await new SessionStore(repo).load()).sessions.length, 1);
    assert.equal(git(bare, 'rev-parse', 'main'), git(repo.root, 'rev-parse', 'HEAD'));
  });
});
