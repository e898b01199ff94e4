import { strict as assert } from 'node:assert';
import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NotesRepoError } from '../../../src/notes/gitErrors';
import { SessionStore } from '../../../src/notes/sessionStore';
import { git } from '../../support/git';
import { ACTIONS_FILE, FaultWorld, rewriteRemote } from '../../faults/world';
import { assertNothingLost, assertRecovers } from '../../faults/checks';

describe('faults: the remote and other processes', function () {
  this.timeout(120_000);
  let template: FaultWorld;
  before(async () => {
    template = await FaultWorld.create();
  });

  for (const how of ['amend', 'drop', 'squash'] as const) {
    it(`a third party who ${how}s this clone's own just-pushed commits is reported to both sides; nothing is pushed back silently`, async () => {
      const world = template.copy();
      await world.save('a', 'agenda/a1.md', 'a1\n');
      await world.save('a', 'agenda/a2.md', 'a2\n');
      assert.equal((await world.sync('a')).kind, 'synced');
      assert.equal((await world.sync('b')).kind, 'synced');
      const before = git(world.bare, 'rev-parse', 'main');
      rewriteRemote(world.bare, how);
      const rewritten = git(world.bare, 'rev-parse', 'main');
      for (const side of ['a', 'b'] as const) {
        const outcome = await world.sync(side);
        assert.ok(outcome.kind === 'failed' && outcome.error.code === 'remote-rewritten', `${side}: ${JSON.stringify(outcome)}`);
      }
      assert.equal(git(world.bare, 'rev-parse', 'main'), rewritten, 'nothing pushed over the rewrite');
      assertNothingLost(world, how);
      // The third party undoes it: both sides carry on.
      git(world.bare, 'update-ref', 'refs/heads/main', before);
      await assertRecovers(world, `${how} undone`);
    });
  }

  it('the remote taken away: offline with the count of waiting commits; back, everything goes out', async () => {
    const world = template.copy();
    await world.save('a', 'agenda/offline.md', 'written offline\n');
    renameSync(world.bare, `${world.bare}.away`);
    const outcome = await world.sync('a');
    assert.ok(outcome.kind === 'offline' && outcome.pending === 1, JSON.stringify(outcome));
    renameSync(`${world.bare}.away`, world.bare);
    await assertRecovers(world, 'remote back');
  });

  it('a stale index.lock (a killed git) is removed before the next write; a live one is reported and the save committed later', async () => {
    const world = template.copy();
    const lock = path.join(world.root('a'), '.git', 'index.lock');
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    await world.save('a', 'agenda/after-stale-lock.md', 'saved\n');
    assert.equal(git(world.root('a'), 'status', '--porcelain'), '');

    // A fresh lock (another git running): the save is written, reported, and committed once it is gone.
    writeFileSync(lock, '');
    const repo = await world.open('a');
    await assert.rejects(repo.commitFiles([{ path: 'agenda/while-locked.md', content: 'locked\n' }], 'While locked'), (e: unknown) => e instanceof NotesRepoError && e.code === 'index-locked');
    const stale = new Date(Date.now() - 60_000);
    utimesSync(lock, stale, stale);
    assert.equal((await repo.sync()).kind, 'synced');
    assert.equal(git(world.bare, 'show', 'main:agenda/while-locked.md'), 'locked');
    assert.equal(git(world.root('a'), 'status', '--porcelain'), '');
  });

  it('Mark Done during a background sync applies to the text the sync brought in, and refuses when its line changed', async () => {
    const world = template.copy();
    const theirs = await world.open('b');
    const text = (await theirs.readFile(ACTIONS_FILE))!;
    // The other person edits the same note (task 20) and pushes.
    await world.save('b', ACTIONS_FILE, text.replace('- [ ] task 20\n', '- [ ] task 20 (Alex added a link)\n'));
    assert.equal((await world.sync('b')).kind, 'synced');
    // Here: a sync starts, and Mark Done on task 3 is asked while it runs (as read before the pull).
    const repo = await world.open('a');
    const sessions = new SessionStore(repo);
    const action = (await sessions.openActionItems()).find((open) => open.action.text === 'task 3')!.action;
    const sync = repo.sync();
    await sessions.setActionItemDone(ACTIONS_FILE, action, true);
    assert.equal((await sync).kind, 'synced');
    const after = (await repo.readFile(ACTIONS_FILE))!;
    assert.match(after, /^- \[x\] task 3$/m);
    assert.match(after, /^- \[ \] task 20 \(Alex added a link\)$/m, 'the other person\'s edit is kept');
    world.recordFile('a', ACTIONS_FILE);

    // The other person rewrites task 30; Mark Done from the older view refuses loudly.
    const stale = (await sessions.openActionItems()).find((open) => open.action.text === 'task 30')!.action;
    await world.save('b', ACTIONS_FILE, (await theirs.readFile(ACTIONS_FILE))!.replace('- [ ] task 30\n', '- [ ] task thirty, reworded\n'));
    assert.equal((await world.sync('b')).kind, 'synced');
    assert.equal((await world.sync('a')).kind, 'synced');
    await assert.rejects(sessions.setActionItemDone(ACTIONS_FILE, stale, true), (e: unknown) => e instanceof NotesRepoError && e.code === 'changed' && /no longer on line/.test(e.message));
    assert.match((await repo.readFile(ACTIONS_FILE))!, /^- \[ \] task thirty, reworded$/m);
    await assertRecovers(world, 'mark done');
  });

  it('both sides editing the same note: both versions kept, nothing lost, both converge', async () => {
    const world = template.copy();
    const text = (await (await world.open('a')).readFile(ACTIONS_FILE))!;
    await world.save('a', ACTIONS_FILE, text.replace('- [ ] task 7\n', '- [ ] a wrote\n'));
    await world.save('b', ACTIONS_FILE, text.replace('- [ ] task 7\n', '- [ ] b wrote\n'));
    assert.equal((await world.sync('a')).kind, 'synced');
    const outcome = await world.sync('b');
    assert.ok(outcome.kind === 'synced' && outcome.keptBoth.length === 1, JSON.stringify(outcome));
    await assertRecovers(world, 'both edited');
  });
});
