import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { NotesRepoError } from '../../src/notes/gitErrors';
import { NotesRepo, type SyncOutcome } from '../../src/notes/notesRepo';
import { SyncScheduler, type SyncState } from '../../src/notes/syncScheduler';
import { bareRemote, commitSubjects, tempFolder } from '../support/git';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Reads the state afresh (a plain `scheduler.state` stays narrowed by earlier asserts). */
const stateOf = (scheduler: SyncScheduler): SyncState => scheduler.state;

/** A stand-in for NotesRepo that only counts sync() calls and answers with given outcomes. */
function fakeRepo(outcomes: SyncOutcome[] = []): { repo: NotesRepo; calls: () => number } {
  let calls = 0;
  const fake = {
    sync: async (): Promise<SyncOutcome> => {
      calls++;
      return outcomes.shift() ?? { kind: 'synced', pushed: 0, pulled: false, keptBoth: [] };
    },
  };
  return { repo: fake as unknown as NotesRepo, calls: () => calls };
}

describe('notes/syncScheduler', function () {
  this.timeout(20000);
  const schedulers: SyncScheduler[] = [];
  const track = (scheduler: SyncScheduler): SyncScheduler => {
    schedulers.push(scheduler);
    return scheduler;
  };
  afterEach(() => {
    for (const scheduler of schedulers.splice(0)) scheduler.dispose();
  });

  async function repoWithMissingRemote(): Promise<NotesRepo> {
    const repo = await NotesRepo.openOrCreate(path.join(tempFolder('sched'), 'notes'));
    await repo.setIdentity('Sam Lee', 'sam@example.com');
    await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
    await repo.commitFiles([{ path: 'b.md', content: 'b' }], 'B');
    await repo.setRemote(path.join(tempFolder('gone'), 'missing.git'));
    return repo;
  }

  it('starts local-only', () => {
    const scheduler = track(new SyncScheduler(fakeRepo().repo, () => true));
    assert.deepEqual(scheduler.state, { kind: 'local-only' });
  });

  it('with a real repo and a missing remote: offline with pending and a retry in the future; listeners hear syncing then offline', async () => {
    const repo = await repoWithMissingRemote();
    const scheduler = track(new SyncScheduler(repo, () => true));
    const heard: SyncState[] = [];
    scheduler.onDidChange((state) => heard.push(state));

    const before = Date.now();
    const outcome = await scheduler.syncNow();
    assert.equal(outcome.kind, 'offline');

    const state = scheduler.state;
    assert.equal(state.kind, 'offline');
    assert.ok(state.kind === 'offline');
    assert.equal(state.pending, 2);
    assert.ok(state.retryAt.getTime() > Date.now(), 'retryAt is in the future');
    const firstDelay = state.retryAt.getTime() - before;
    assert.ok(firstDelay >= 5000 && firstDelay < 5000 + 10000, `first retry after ~5 s, was ${firstDelay}`);
    assert.match(state.reason, /does not appear to be a git repository/);
    assert.deepEqual(
      heard.map((s) => s.kind),
      ['syncing', 'offline'],
    );
    assert.deepEqual(commitSubjects(repo.root), ['B', 'A'], 'local commits are kept');

    // Backoff: the next failure waits twice as long.
    const beforeSecond = Date.now();
    await scheduler.syncNow();
    const second = scheduler.state;
    assert.ok(second.kind === 'offline');
    const secondDelay = second.retryAt.getTime() - beforeSecond;
    assert.ok(secondDelay >= 10000 && secondDelay < 10000 + 10000, `second retry after ~10 s, was ${secondDelay}`);
    assert.deepEqual(
      heard.map((s) => s.kind),
      ['syncing', 'offline', 'syncing', 'offline'],
    );

    scheduler.dispose();
  });

  it('goes synced once the remote exists, and local-only without a remote', async () => {
    const repo = await NotesRepo.openOrCreate(path.join(tempFolder('sched'), 'notes'));
    await repo.setIdentity('Sam Lee', 'sam@example.com');
    await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
    const scheduler = track(new SyncScheduler(repo, () => true));

    assert.deepEqual(await scheduler.syncNow(), { kind: 'no-remote' });
    assert.deepEqual(scheduler.state, { kind: 'local-only' });

    const bare = bareRemote();
    await repo.setRemote(bare);
    const before = Date.now();
    assert.deepEqual(await scheduler.syncNow(), { kind: 'synced', pushed: 1, pulled: false, keptBoth: [] });
    const state = scheduler.state;
    assert.ok(state.kind === 'synced');
    assert.ok(state.at.getTime() >= before && state.at.getTime() <= Date.now());
    assert.deepEqual(commitSubjects(bare, 'main'), ['A']);
  });

  it('reports a failure (not offline) with its message and pending count', async () => {
    const error = new NotesRepoError('conflict', 'Pulling the notes repo failed: CONFLICT');
    const { repo } = fakeRepo([{ kind: 'failed', pending: 3, error }]);
    const scheduler = track(new SyncScheduler(repo, () => true));
    await scheduler.syncNow();
    assert.deepEqual(scheduler.state, { kind: 'failed', pending: 3, message: 'Pulling the notes repo failed: CONFLICT' });
  });

  it('the retry backoff resets after a success', async () => {
    const { repo, calls } = fakeRepo([
      { kind: 'offline', pending: 1, reason: 'down' },
      { kind: 'synced', pushed: 1, pulled: false, keptBoth: [] },
      { kind: 'offline', pending: 1, reason: 'down again' },
    ]);
    const scheduler = track(new SyncScheduler(repo, () => true));
    const before = Date.now();
    await scheduler.syncNow();
    assert.equal(calls(), 1);
    const first = scheduler.state;
    assert.ok(first.kind === 'offline');
    assert.ok(first.retryAt.getTime() - before >= 5000);
    await scheduler.syncNow(); // clears the pending retry timer, succeeds
    assert.equal(scheduler.state.kind, 'synced');
    const beforeThird = Date.now();
    await scheduler.syncNow();
    const third = stateOf(scheduler);
    assert.ok(third.kind === 'offline');
    const delay = third.retryAt.getTime() - beforeThird;
    assert.ok(delay >= 5000 && delay < 6000, `backoff reset to 5 s, was ${delay}`);
    assert.equal(calls(), 3);
  });

  it('debounces a burst of requests into one sync', async () => {
    const { repo, calls } = fakeRepo();
    const scheduler = track(new SyncScheduler(repo, () => true));
    scheduler.request(30);
    scheduler.request(30);
    scheduler.request(30);
    await tick(120);
    assert.equal(calls(), 1);
    assert.equal(scheduler.state.kind, 'synced');
  });

  it('does not schedule anything while auto sync is off', async () => {
    const { repo, calls } = fakeRepo();
    const scheduler = track(new SyncScheduler(repo, () => false));
    scheduler.request(10);
    await tick(60);
    assert.equal(calls(), 0);
    assert.deepEqual(scheduler.state, { kind: 'local-only' });
    // "Sync Notes Now" still works.
    await scheduler.syncNow();
    assert.equal(calls(), 1);
  });

  it('dispose cancels a pending request, ignores later ones and drops listeners', async () => {
    const { repo, calls } = fakeRepo();
    const scheduler = track(new SyncScheduler(repo, () => true));
    let heard = 0;
    scheduler.onDidChange(() => heard++);
    scheduler.request(20);
    scheduler.dispose();
    scheduler.request(5);
    await tick(80);
    assert.equal(calls(), 0);
    await scheduler.syncNow();
    assert.equal(heard, 0, 'listeners were cleared');
  });

  it('dispose after an offline outcome cancels the retry timer', async () => {
    // Watch the timers the scheduler arms and clears.
    const armed = new Map<unknown, number>();
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    globalThis.setTimeout = ((handler: () => void, delay?: number) => {
      const handle = realSetTimeout(handler, delay);
      armed.set(handle, delay ?? 0);
      return handle;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
      armed.delete(handle);
      realClearTimeout(handle);
    }) as typeof clearTimeout;
    try {
      const { repo, calls } = fakeRepo([{ kind: 'offline', pending: 2, reason: 'down' }]);
      const scheduler = track(new SyncScheduler(repo, () => true));
      await scheduler.syncNow();
      assert.equal(scheduler.state.kind, 'offline');
      assert.deepEqual([...armed.values()], [5000], 'one retry timer of 5 s is armed');
      scheduler.dispose();
      assert.equal(armed.size, 0, 'dispose cleared the retry timer');
      assert.equal(calls(), 1);
    } finally {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
      for (const handle of armed.keys()) realClearTimeout(handle as Parameters<typeof clearTimeout>[0]);
    }
  });

  it('a listener can unsubscribe', async () => {
    const { repo } = fakeRepo();
    const scheduler = track(new SyncScheduler(repo, () => true));
    const heard: string[] = [];
    const subscription = scheduler.onDidChange((state) => heard.push(state.kind));
    await scheduler.syncNow();
    subscription.dispose();
    await scheduler.syncNow();
    assert.deepEqual(heard, ['syncing', 'synced']);
  });
});
