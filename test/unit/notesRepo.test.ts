import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NotesRepoError } from '../../src/notes/gitErrors';
import { checkNotePath, NotesRepo } from '../../src/notes/notesRepo';
import { bareRemote, commitSubjects, git, tempFolder } from '../support/git';

async function newRepo(prefix = 'repo'): Promise<NotesRepo> {
  const repo = await NotesRepo.openOrCreate(path.join(tempFolder(prefix), 'notes'));
  await repo.setIdentity('Sam Lee', 'sam@example.com');
  return repo;
}

/** Resolves to the error a promise (or a function throwing synchronously) rejects with. */
async function errorOf(action: () => Promise<unknown>): Promise<NotesRepoError> {
  try {
    await action();
  } catch (error) {
    assert.ok(error instanceof NotesRepoError, `expected a NotesRepoError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

function tracked(repo: string): string[] {
  return git(repo, 'ls-files').split('\n').filter(Boolean).sort();
}

describe('notes/notesRepo', function () {
  this.timeout(20000);

  describe('openOrCreate / open', () => {
    it('creates the folder and a git repo on branch main, and is idempotent', async () => {
      const root = path.join(tempFolder('create'), 'deep', 'notes');
      const repo = await NotesRepo.openOrCreate(root);
      assert.equal(repo.root, root);
      assert.ok(existsSync(path.join(root, '.git')));
      assert.equal(git(root, 'symbolic-ref', '--short', 'HEAD'), 'main');
      assert.equal(await repo.currentBranch(), 'main');
      await repo.setIdentity('Sam Lee', 'sam@example.com');
      await repo.commitFiles([{ path: 'mentorship.md', content: 'one\n' }], 'First');

      const again = await NotesRepo.openOrCreate(root);
      assert.deepEqual(commitSubjects(root), ['First']);
      assert.equal(await again.readFile('mentorship.md'), 'one\n');
      assert.deepEqual(await again.log(), ['First']);
    });

    it('resolves a relative root to an absolute path', async () => {
      const parent = tempFolder('relative');
      const repo = await NotesRepo.openOrCreate(path.relative(process.cwd(), path.join(parent, 'notes')));
      assert.equal(repo.root, path.join(parent, 'notes'));
    });

    it('open refuses a folder that is not a git repo with code not-a-repo', async () => {
      const folder = tempFolder('plain');
      const error = await errorOf(() => NotesRepo.open(folder));
      assert.equal(error.code, 'not-a-repo');
      assert.ok(error.message.includes(folder));
      assert.ok(!existsSync(path.join(folder, '.git')), 'open does not create a repo');
    });

    it('open refuses a missing folder and a subfolder of a repo', async () => {
      const missing = path.join(tempFolder('missing'), 'nope');
      assert.equal((await errorOf(() => NotesRepo.open(missing))).code, 'not-a-repo');
      assert.ok(!existsSync(missing));
      const repo = await newRepo();
      mkdirSync(path.join(repo.root, 'agenda'));
      assert.equal((await errorOf(() => NotesRepo.open(path.join(repo.root, 'agenda')))).code, 'not-a-repo');
    });

    it('open opens an existing repo', async () => {
      const repo = await newRepo();
      await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
      const opened = await NotesRepo.open(repo.root);
      assert.deepEqual(await opened.log(), ['A']);
      assert.deepEqual(await opened.identity(), { name: 'Sam Lee', email: 'sam@example.com' });
    });
  });

  describe('setIdentity', () => {
    it('sets user.name and user.email in the repo config only', async () => {
      const repo = await newRepo();
      assert.equal(git(repo.root, 'config', '--local', 'user.name'), 'Sam Lee');
      assert.equal(git(repo.root, 'config', '--local', 'user.email'), 'sam@example.com');
      await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
      assert.equal(git(repo.root, 'log', '-1', '--format=%an <%ae>|%cn <%ce>'), 'Sam Lee <sam@example.com>|Sam Lee <sam@example.com>');
    });
  });

  describe('commitFiles', () => {
    it('writes the files and makes exactly one commit with the message and only those paths', async () => {
      const repo = await newRepo();
      writeFileSync(path.join(repo.root, 'untracked.md'), 'leave me alone\n');
      writeFileSync(path.join(repo.root, 'scratch.txt'), 'x');

      const sha = await repo.commitFiles(
        [
          { path: 'mentorship.md', content: '---\na: 1\n---\nAgreement\n' },
          { path: 'agenda/k3m9q2xa.md', content: 'Agenda ü\n' },
        ],
        'Set up mentorship: Sam ↔ Alex',
      );

      assert.match(sha, /^[0-9a-f]{40}$/);
      assert.equal(git(repo.root, 'rev-parse', 'HEAD'), sha);
      assert.deepEqual(commitSubjects(repo.root), ['Set up mentorship: Sam ↔ Alex']);
      assert.deepEqual(git(repo.root, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort(), ['agenda/k3m9q2xa.md', 'mentorship.md']);
      assert.deepEqual(tracked(repo.root), ['agenda/k3m9q2xa.md', 'mentorship.md']);
      assert.equal(readFileSync(path.join(repo.root, 'agenda', 'k3m9q2xa.md'), 'utf8'), 'Agenda ü\n');
      assert.equal(git(repo.root, 'show', 'HEAD:mentorship.md'), '---\na: 1\n---\nAgreement');
      const status = git(repo.root, 'status', '--porcelain').split('\n').sort();
      assert.deepEqual(status, ['?? scratch.txt', '?? untracked.md']);
    });

    it('commits only its own paths even when something else is staged', async () => {
      const repo = await newRepo();
      await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
      writeFileSync(path.join(repo.root, 'staged.md'), 'staged by someone else\n');
      git(repo.root, 'add', 'staged.md');

      await repo.commitFiles([{ path: 'b.md', content: 'b' }], 'B');
      assert.deepEqual(git(repo.root, 'show', '--name-only', '--format=', 'HEAD').split('\n'), ['b.md']);
      assert.equal(git(repo.root, 'status', '--porcelain'), 'A  staged.md');
    });

    it('overwrites an existing file as a new commit', async () => {
      const repo = await newRepo();
      await repo.commitFiles([{ path: 'a.md', content: 'one\n' }], 'One');
      await repo.commitFiles([{ path: 'a.md', content: 'two\n' }], 'Two');
      assert.deepEqual(commitSubjects(repo.root), ['Two', 'One']);
      assert.equal(await repo.readFile('a.md'), 'two\n');
      assert.equal(git(repo.root, 'status', '--porcelain'), '');
    });

    it('waits for a short-lived index.lock of another git process and then commits', async () => {
      const repo = await newRepo();
      const lock = path.join(repo.root, '.git', 'index.lock');
      writeFileSync(lock, '');
      const released = new Promise((resolve) => setTimeout(() => resolve(rmSync(lock)), 250));
      await repo.commitFiles([{ path: 'window-two.md', content: 'flagged from a second window' }], 'From the second window');
      await released;
      assert.deepEqual(commitSubjects(repo.root), ['From the second window']);
    });

    it('tells commit listeners after each commit, not after a failure', async () => {
      const repo = await newRepo();
      let calls = 0;
      const subscription = repo.onDidCommit(() => calls++);
      await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
      assert.equal(calls, 1);

      // Another git process holds the index: the commit fails with index-locked.
      const lock = path.join(repo.root, '.git', 'index.lock');
      writeFileSync(lock, '');
      const error = await errorOf(() => repo.commitFiles([{ path: 'b.md', content: 'b' }], 'B'));
      assert.equal(error.code, 'index-locked');
      assert.match(error.message, /^Another git process holds the notes repo's index\.lock, so b\.md is written but not committed yet\./);
      // Never removed by the repo itself: the user is asked (see showError), with the file named.
      assert.equal(error.lockFile, lock);
      assert.ok(existsSync(lock));
      assert.equal(calls, 1);
      assert.deepEqual(commitSubjects(repo.root), ['A']);

      // The queue is not stuck after a failure.
      rmSync(lock);
      await repo.commitFiles([{ path: 'b.md', content: 'b' }], 'B');
      assert.equal(calls, 2);
      subscription.dispose();
      await repo.commitFiles([{ path: 'c.md', content: 'c' }], 'C');
      assert.equal(calls, 2);
      assert.deepEqual(commitSubjects(repo.root), ['C', 'B', 'A']);
    });

    it('makes no empty commit when the content did not change', async () => {
      const repo = await newRepo();
      const first = await repo.commitFiles([{ path: 'a.md', content: 'same\n' }], 'A');
      await repo.commitFiles([{ path: 'a.md', content: 'same\n' }], 'A again').catch(() => undefined);
      assert.deepEqual(commitSubjects(repo.root), ['A']);
      assert.equal(git(repo.root, 'rev-parse', 'HEAD'), first);
      assert.equal(git(repo.root, 'status', '--porcelain'), '');
    });

    it('committing the same content twice resolves with the same sha and tells listeners once', async () => {
      const repo = await newRepo();
      let calls = 0;
      repo.onDidCommit(() => calls++);
      const first = await repo.commitFiles([{ path: 'a.md', content: 'same\n' }], 'A');
      assert.equal(calls, 1);
      const second = await repo.commitFiles([{ path: 'a.md', content: 'same\n' }], 'A again');
      assert.equal(second, first, 'no new commit, HEAD is unchanged');
      assert.equal(calls, 1, 'no commit, so no sync request');
      assert.deepEqual(commitSubjects(repo.root), ['A']);
      assert.equal(git(repo.root, 'status', '--porcelain'), '');

      // A real change afterwards is a commit and is heard again.
      const third = await repo.commitFiles([{ path: 'a.md', content: 'changed\n' }], 'A changed');
      assert.notEqual(third, first);
      assert.equal(calls, 2);
      assert.deepEqual(commitSubjects(repo.root), ['A changed', 'A']);
    });

    it('refuses a bad path with a rejected promise, never a synchronous throw', async () => {
      const repo = await newRepo();
      let calls = 0;
      repo.onDidCommit(() => calls++);
      // Called outside any async wrapper: a synchronous throw would fail this test right here.
      const promise = repo.commitFiles([{ path: '../x.md', content: '' }], 'm');
      assert.ok(promise instanceof Promise);
      await assert.rejects(promise, (error: unknown) => error instanceof NotesRepoError && error.code === 'refused' && error.message.includes('"../x.md"'));
      assert.ok(!existsSync(path.resolve(repo.root, '..', 'x.md')));
      assert.equal(calls, 0);
      assert.deepEqual(await repo.log(), []);
    });

    for (const bad of ['../x.md', 'A.md', '-rf.md', 'x.sh', '/etc/x.md', 'agenda/../../x.md', 'a/../b.md', '.git/config.md', 'a b.md', 'agenda/.md', 'x.md/', '', 'x.MD', 'Agenda/x.md', 'a\\b.md']) {
      it(`refuses the path ${JSON.stringify(bad)} with code refused and writes nothing`, async () => {
        const repo = await newRepo();
        const before = git(repo.root, 'status', '--porcelain', '--ignored', '--untracked-files=all');
        const error = await errorOf(async () => repo.commitFiles([{ path: 'good.md', content: 'good' }, { path: bad, content: 'evil' }], 'Evil'));
        assert.equal(error.code, 'refused');
        assert.ok(error.message.includes(`"${bad}"`), error.message);
        assert.ok(!existsSync(path.join(repo.root, 'good.md')), 'the good file of the same call is not written either');
        assert.ok(!existsSync(path.resolve(repo.root, '..', 'x.md')));
        assert.equal(git(repo.root, 'status', '--porcelain', '--ignored', '--untracked-files=all'), before);
        assert.deepEqual(await repo.log(), []);
      });
    }

    it('checkNotePath accepts generated note paths', () => {
      for (const good of ['mentorship.md', 'agenda/k3m9q2xa.md', 'sessions/2026-10-19-a4f8k2m1.md', 'state/sync.json', 'a/b/c/d.md', '0.md']) {
        assert.doesNotThrow(() => checkNotePath(good), good);
      }
    });

    it('runs concurrent calls one after the other: 10 commits, all files present', async () => {
      const repo = await newRepo();
      const shas = await Promise.all(
        Array.from({ length: 10 }, (_, i) => repo.commitFiles([{ path: `agenda/item-${i}.md`, content: `item ${i}\n` }], `Item ${i}`)),
      );
      assert.equal(new Set(shas).size, 10);
      const subjects = commitSubjects(repo.root);
      assert.equal(subjects.length, 10);
      // Serialized in call order: the newest commit is the last call.
      assert.deepEqual(subjects, Array.from({ length: 10 }, (_, i) => `Item ${9 - i}`));
      assert.deepEqual(tracked(repo.root), Array.from({ length: 10 }, (_, i) => `agenda/item-${i}.md`).sort());
      assert.equal(git(repo.root, 'status', '--porcelain'), '');
      assert.deepEqual(await repo.listNotes('agenda'), Array.from({ length: 10 }, (_, i) => `agenda/item-${i}.md`).sort());
      assert.ok(!existsSync(path.join(repo.root, '.git', 'index.lock')));
    });
  });

  describe('readFile / listNotes', () => {
    it('reads files, undefined for a missing file; lists only .md files sorted, [] for a missing folder', async () => {
      const repo = await newRepo();
      await repo.commitFiles(
        [
          { path: 'agenda/b.md', content: 'b' },
          { path: 'agenda/a.md', content: 'a' },
          { path: 'agenda/data.json', content: '{}' },
        ],
        'Agenda',
      );
      assert.equal(await repo.readFile('agenda/a.md'), 'a');
      assert.equal(await repo.readFile('agenda/missing.md'), undefined);
      assert.deepEqual(await repo.listNotes('agenda'), ['agenda/a.md', 'agenda/b.md']);
      assert.deepEqual(await repo.listNotes('sessions'), []);
    });
  });

  describe('setRemote', () => {
    it('adds origin, then changes it', async () => {
      const repo = await newRepo();
      assert.equal(await repo.remoteUrl(), undefined);
      const first = bareRemote();
      await repo.setRemote(first);
      assert.equal(git(repo.root, 'remote'), 'origin');
      assert.equal(git(repo.root, 'remote', 'get-url', 'origin'), first);
      assert.equal(await repo.remoteUrl(), first);
      await repo.setRemote(first);
      const second = 'https://github.com/sam/notes.git';
      await repo.setRemote(`  ${second} `);
      assert.equal(git(repo.root, 'remote'), 'origin');
      assert.equal(git(repo.root, 'remote', 'get-url', 'origin'), second);
    });

    for (const hostile of ['--upload-pack=touch /tmp/mentorship-pwned', 'ext::sh -c touch% /tmp/mentorship-pwned', 'fd::17', '-oProxyCommand=x:y', 'https://sam:token@github.com/a/b.git', 'notes', '/srv/x.git\n[core]', '']) {
      it(`refuses ${JSON.stringify(hostile)} and adds no remote`, async () => {
        const repo = await newRepo();
        const error = await errorOf(() => repo.setRemote(hostile));
        assert.equal(error.code, 'refused');
        assert.equal(git(repo.root, 'remote'), '');
        assert.deepEqual(git(repo.root, 'config', '--local', '--list').split('\n').filter((line) => line.startsWith('remote.')), []);
      });
    }

    it('refuses a hostile url without touching an existing remote', async () => {
      const repo = await newRepo();
      const bare = bareRemote();
      await repo.setRemote(bare);
      await assert.rejects(repo.setRemote('ext::sh -c id'), (e: unknown) => e instanceof NotesRepoError && e.code === 'refused');
      assert.equal(git(repo.root, 'remote', 'get-url', 'origin'), bare);
    });
  });

  describe('sync', () => {
    it('without a remote says no-remote and changes nothing', async () => {
      const repo = await newRepo();
      await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
      assert.deepEqual(await repo.sync(), { kind: 'no-remote' });
      assert.deepEqual(commitSubjects(repo.root), ['A']);
    });

    it('pushes local commits to a bare remote (first push creates main)', async () => {
      const repo = await newRepo();
      const bare = bareRemote();
      await repo.commitFiles([{ path: 'mentorship.md', content: 'm' }], 'Set up');
      await repo.commitFiles([{ path: 'agenda/a.md', content: 'a' }], 'Agenda');
      await repo.setRemote(bare);
      assert.equal(await repo.pendingPushCount(), 2);

      assert.deepEqual(await repo.sync(), { kind: 'synced', pushed: 2, pulled: false, keptBoth: [] });
      assert.deepEqual(commitSubjects(bare, 'main'), ['Agenda', 'Set up']);
      assert.equal(git(bare, 'rev-parse', 'main'), git(repo.root, 'rev-parse', 'HEAD'));
      assert.equal(await repo.pendingPushCount(), 0);
      assert.equal(git(repo.root, 'rev-parse', '--abbrev-ref', 'main@{upstream}'), 'origin/main');

      assert.deepEqual(await repo.sync(), { kind: 'synced', pushed: 0, pulled: false, keptBoth: [] });
      await repo.commitFiles([{ path: 'agenda/b.md', content: 'b' }], 'More');
      assert.equal(await repo.pendingPushCount(), 1);
      assert.deepEqual(await repo.sync(), { kind: 'synced', pushed: 1, pulled: false, keptBoth: [] });
      assert.deepEqual(commitSubjects(bare, 'main'), ['More', 'Agenda', 'Set up']);
    });

    it('with nothing committed and an empty remote syncs nothing', async () => {
      const repo = await newRepo();
      const bare = bareRemote();
      await repo.setRemote(bare);
      assert.equal(await repo.pendingPushCount(), 0);
      const outcome = await repo.sync();
      assert.deepEqual(outcome, { kind: 'synced', pushed: 0, pulled: false, keptBoth: [] });
      assert.equal(git(bare, 'for-each-ref'), '');
    });

    it('to a missing remote path is offline with the pending count; the commits stay', async () => {
      const repo = await newRepo();
      const missing = path.join(tempFolder('gone'), 'missing', 'notes.git');
      await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
      await repo.commitFiles([{ path: 'b.md', content: 'b' }], 'B');
      await repo.setRemote(missing);

      const outcome = await repo.sync();
      assert.equal(outcome.kind, 'offline');
      assert.ok(outcome.kind === 'offline');
      assert.equal(outcome.pending, 2);
      assert.match(outcome.reason, /does not appear to be a git repository/);
      assert.deepEqual(commitSubjects(repo.root), ['B', 'A']);
      assert.equal(git(repo.root, 'status', '--porcelain'), '');
      assert.ok(!existsSync(missing));

      // Once the remote exists, the same commits go out.
      mkdirSync(path.dirname(missing), { recursive: true });
      git(path.dirname(missing), 'init', '--quiet', '--bare', '--initial-branch', 'main', missing);
      assert.deepEqual(await repo.sync(), { kind: 'synced', pushed: 2, pulled: false, keptBoth: [] });
      assert.deepEqual(commitSubjects(missing, 'main'), ['B', 'A']);
    });

    it('mentee and mentor clones both commit concurrently; after syncing both have every file', async () => {
      const bare = bareRemote();
      const seed = await newRepo('seed');
      await seed.commitFiles([{ path: 'mentorship.md', content: 'agreement\n' }], 'Set up mentorship');
      await seed.setRemote(bare);
      assert.deepEqual(await seed.sync(), { kind: 'synced', pushed: 1, pulled: false, keptBoth: [] });

      const mentee = await NotesRepo.clone(bare, path.join(tempFolder('mentee'), 'notes'));
      const mentor = await NotesRepo.clone(bare, path.join(tempFolder('mentor'), 'notes'));
      await mentee.setIdentity('Sam Lee', 'sam@example.com');
      await mentor.setIdentity('Alex Kim', 'alex@example.com');
      assert.equal(await mentee.remoteUrl(), bare);
      assert.equal(await mentee.readFile('mentorship.md'), 'agreement\n');

      await Promise.all([
        mentee.commitFiles([{ path: 'agenda/mentee1.md', content: 'from Sam\n' }], 'Sam: agenda'),
        mentor.commitFiles([{ path: 'sessions/2026-01-02-mentor1.md', content: 'from Alex\n' }], 'Alex: session'),
      ]);
      const [menteeSync, mentorSync] = await Promise.all([mentee.sync(), mentor.sync()]);
      assert.equal(menteeSync.kind, 'synced', JSON.stringify(menteeSync));
      assert.equal(mentorSync.kind, 'synced', JSON.stringify(mentorSync));
      // A second round brings the other side's commit to whoever pushed first.
      assert.equal((await mentee.sync()).kind, 'synced');
      assert.equal((await mentor.sync()).kind, 'synced');

      for (const repo of [mentee, mentor]) {
        assert.equal(await repo.readFile('agenda/mentee1.md'), 'from Sam\n');
        assert.equal(await repo.readFile('sessions/2026-01-02-mentor1.md'), 'from Alex\n');
        assert.equal(await repo.readFile('mentorship.md'), 'agreement\n');
        assert.equal(await repo.pendingPushCount(), 0);
        assert.equal(git(repo.root, 'status', '--porcelain'), '');
        assert.equal(git(repo.root, 'rev-parse', 'HEAD'), git(bare, 'rev-parse', 'main'));
      }
      // Linear history, never force-pushed: all three commits on main, no merge commits.
      const subjects = commitSubjects(bare, 'main');
      assert.equal(subjects.length, 3);
      assert.deepEqual([...subjects].sort(), ['Alex: session', 'Sam: agenda', 'Set up mentorship']);
      assert.equal(git(bare, 'rev-list', '--merges', '--count', 'main'), '0');
      assert.equal(git(mentee.root, 'log', '-1', '--format=%an', '--author=Alex'), 'Alex Kim');
    });

    it('two clones of an empty remote both push their own first commits', async () => {
      const bare = bareRemote();
      const mentee = await NotesRepo.clone(bare, path.join(tempFolder('mentee'), 'notes'));
      const mentor = await NotesRepo.clone(bare, path.join(tempFolder('mentor'), 'notes'));
      await mentee.setIdentity('Sam Lee', 'sam@example.com');
      await mentor.setIdentity('Alex Kim', 'alex@example.com');
      await mentee.commitFiles([{ path: 'agenda/a.md', content: 'a' }], 'Sam first');
      await mentor.commitFiles([{ path: 'agenda/b.md', content: 'b' }], 'Alex first');
      assert.equal((await mentee.sync()).kind, 'synced');
      const second = await mentor.sync();
      assert.deepEqual(second, { kind: 'synced', pushed: 1, pulled: true, keptBoth: [] });
      assert.equal((await mentee.sync()).kind, 'synced');
      for (const repo of [mentee, mentor]) {
        assert.deepEqual(await repo.listNotes('agenda'), ['agenda/a.md', 'agenda/b.md']);
      }
      assert.deepEqual(commitSubjects(bare, 'main'), ['Alex first', 'Sam first']);
    });

    it('the same note edited on both sides: both versions kept, no markers in any commit, pushed without force', async () => {
      const bare = bareRemote();
      const seed = await newRepo('seed');
      await seed.commitFiles([{ path: 'sessions/2026-01-05-abcd1234.md', content: 'line 1\nshared\nline 3\n' }, { path: 'mentorship.md', content: 'v1\n' }], 'v1');
      await seed.setRemote(bare);
      await seed.sync();
      const mentee = await NotesRepo.clone(bare, path.join(tempFolder('mentee'), 'notes'));
      await mentee.setIdentity('Sam Lee', 'sam@example.com');

      await seed.commitFiles([{ path: 'sessions/2026-01-05-abcd1234.md', content: 'line 1\nmentor wrote this\nline 3\n' }], 'Mentor edit');
      await seed.commitFiles([{ path: 'agenda/mentor.md', content: 'from the mentor\n' }], 'Mentor agenda');
      assert.deepEqual(await seed.sync(), { kind: 'synced', pushed: 2, pulled: false, keptBoth: [] });
      await mentee.commitFiles([{ path: 'sessions/2026-01-05-abcd1234.md', content: 'line 1\nmentee wrote this\nline 3\n' }], 'Mentee edit');
      const remoteBefore = git(bare, 'rev-parse', 'main');

      const outcome = await mentee.sync();
      assert.equal(outcome.kind, 'synced', JSON.stringify(outcome));
      assert.ok(outcome.kind === 'synced');
      const short = git(mentee.root, 'rev-parse', '--short', remoteBefore);
      const theirsPath = `conflicts/sessions/2026-01-05-abcd1234-theirs-${short}.md`;
      assert.deepEqual(outcome.keptBoth, [{ path: 'sessions/2026-01-05-abcd1234.md', theirsPath }]);
      // Ours in place, theirs beside it, the other side's other work merged in.
      assert.equal(await mentee.readFile('sessions/2026-01-05-abcd1234.md'), 'line 1\nmentee wrote this\nline 3\n');
      assert.equal(await mentee.readFile(theirsPath), 'line 1\nmentor wrote this\nline 3\n');
      assert.equal(await mentee.readFile('agenda/mentor.md'), 'from the mentor\n');
      assert.equal(git(mentee.root, 'status', '--porcelain'), '');
      assert.ok(!existsSync(path.join(mentee.root, '.git', 'MERGE_HEAD')));
      // Pushed as a fast-forward of what the mentor pushed (nothing of theirs overwritten).
      assert.equal(git(bare, 'rev-parse', 'main'), git(mentee.root, 'rev-parse', 'HEAD'));
      assert.equal(git(bare, 'merge-base', '--is-ancestor', remoteBefore, 'main'), '');
      assert.doesNotMatch(git(bare, 'log', '-p', '--all', '--format=%s'), /^\+?(<{7}|>{7}|={7})/m);
      // The mentor gets both versions on the next sync.
      assert.equal((await seed.sync()).kind, 'synced');
      assert.equal(await seed.readFile(theirsPath), 'line 1\nmentor wrote this\nline 3\n');
      assert.equal(await seed.readFile('sessions/2026-01-05-abcd1234.md'), 'line 1\nmentee wrote this\nline 3\n');
    });

    it('edits to different lines of one note merge without a conflict copy', async () => {
      const bare = bareRemote();
      const seed = await newRepo('seed');
      await seed.commitFiles([{ path: 'sessions/s.md', content: 'a\nb\nc\nd\ne\nf\n' }], 'v1');
      await seed.setRemote(bare);
      await seed.sync();
      const mentee = await NotesRepo.clone(bare, path.join(tempFolder('mentee'), 'notes'));
      await mentee.setIdentity('Sam Lee', 'sam@example.com');
      await seed.commitFiles([{ path: 'sessions/s.md', content: 'A\nb\nc\nd\ne\nf\n' }], 'Mentor edit');
      await seed.sync();
      await mentee.commitFiles([{ path: 'sessions/s.md', content: 'a\nb\nc\nd\ne\nF\n' }], 'Mentee edit');
      assert.deepEqual(await mentee.sync(), { kind: 'synced', pushed: 1, pulled: true, keptBoth: [] });
      assert.equal(await mentee.readFile('sessions/s.md'), 'A\nb\nc\nd\ne\nF\n');
      assert.equal(git(bare, 'rev-list', '--merges', '--count', 'main'), '0');
    });

    it('a remote whose history was rewritten is refused, every time, and nothing is pushed', async () => {
      const bare = bareRemote();
      const seed = await newRepo('seed');
      await seed.commitFiles([{ path: 'mentorship.md', content: 'v1\n' }], 'v1');
      await seed.setRemote(bare);
      await seed.sync();
      await seed.commitFiles([{ path: 'agenda/a.md', content: 'a\n' }], 'Agenda a');
      await seed.sync();
      const mentee = await NotesRepo.clone(bare, path.join(tempFolder('mentee'), 'notes'));
      await mentee.setIdentity('Sam Lee', 'sam@example.com');

      // Someone rewrites the remote: drops "Agenda a" and force-pushes something else.
      git(seed.root, 'reset', '--hard', 'HEAD~1');
      git(seed.root, 'commit', '--allow-empty', '-m', 'Rewritten');
      git(seed.root, 'push', '--force', '--quiet', 'origin', 'HEAD:main');
      const rewritten = git(bare, 'rev-parse', 'main');

      await mentee.commitFiles([{ path: 'agenda/b.md', content: 'b\n' }], 'Agenda b');
      for (let attempt = 0; attempt < 2; attempt++) {
        const outcome = await mentee.sync();
        assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
        assert.ok(outcome.kind === 'failed');
        assert.equal(outcome.error.code, 'remote-rewritten');
        assert.match(outcome.error.message, /rewritten by someone else/);
        assert.equal(outcome.pending, 1);
      }
      assert.equal(git(bare, 'rev-parse', 'main'), rewritten);
      assert.deepEqual(commitSubjects(mentee.root), ['Agenda b', 'Agenda a', 'v1']);
      assert.equal(await mentee.readFile('agenda/a.md'), 'a\n');
    });
  });

  describe('pendingPushCount', () => {
    it('is 0 without commits, counts all commits before the first push, and 0 after', async () => {
      const repo = await newRepo();
      assert.equal(await repo.pendingPushCount(), 0);
      await repo.commitFiles([{ path: 'a.md', content: 'a' }], 'A');
      assert.equal(await repo.pendingPushCount(), 1);
      await repo.commitFiles([{ path: 'b.md', content: 'b' }], 'B');
      await repo.commitFiles([{ path: 'c.md', content: 'c' }], 'C');
      assert.equal(await repo.pendingPushCount(), 3);
      await repo.setRemote(bareRemote());
      assert.equal(await repo.pendingPushCount(), 3);
      await repo.sync();
      assert.equal(await repo.pendingPushCount(), 0);
      await repo.commitFiles([{ path: 'd.md', content: 'd' }], 'D');
      assert.equal(await repo.pendingPushCount(), 1);
    });
  });

  describe('clone', () => {
    for (const hostile of ['ext::sh -c touch% MARKER', '--upload-pack=touch MARKER', '-u touch MARKER', 'fd::3', 'file://relative/path', 'relative/path']) {
      it(`refuses ${JSON.stringify(hostile)} before running git`, async () => {
        const parent = tempFolder('clone');
        const marker = path.join(parent, 'pwned');
        const target = path.join(parent, 'sub', 'notes');
        const error = await errorOf(() => NotesRepo.clone(hostile.replace('MARKER', marker), target));
        assert.equal(error.code, 'refused');
        assert.ok(!existsSync(marker), 'no command ran');
        assert.ok(!existsSync(path.join(parent, 'sub')), 'not even the parent folder was created');
      });
    }

    it('clones an existing remote with its files and origin set', async () => {
      const bare = bareRemote();
      const seed = await newRepo('seed');
      await seed.commitFiles([{ path: 'mentorship.md', content: 'agreement\n' }], 'Set up');
      await seed.setRemote(bare);
      await seed.sync();
      const target = path.join(tempFolder('clone'), 'a', 'b', 'notes');
      const clone = await NotesRepo.clone(bare, target);
      assert.equal(clone.root, target);
      assert.equal(await clone.readFile('mentorship.md'), 'agreement\n');
      assert.equal(git(target, 'remote', 'get-url', 'origin'), bare);
      assert.equal(await clone.currentBranch(), 'main');
      assert.equal(await clone.pendingPushCount(), 0);
    });

    it('fails a clone of a missing remote with a NotesRepoError and leaves no folder', async () => {
      const target = path.join(tempFolder('clone'), 'notes');
      const missing = path.join(tempFolder('gone'), 'nope.git');
      const error = await errorOf(() => NotesRepo.clone(missing, target));
      assert.notEqual(error.code, 'refused');
      assert.ok(error.message.startsWith(`Cloning ${missing} failed: `), error.message);
      assert.ok(!existsSync(target));
    });

    it('refuses to clone into a folder that is not empty', async () => {
      const bare = bareRemote();
      const target = tempFolder('busy');
      writeFileSync(path.join(target, 'keep.txt'), 'mine');
      await assert.rejects(NotesRepo.clone(bare, target), NotesRepoError);
      assert.equal(readFileSync(path.join(target, 'keep.txt'), 'utf8'), 'mine');
      assert.ok(!existsSync(path.join(target, '.git')));
    });
  });
});
