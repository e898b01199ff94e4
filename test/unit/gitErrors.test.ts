import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyGitFailure, NotesRepoError, toNotesRepoError } from '../../src/notes/gitErrors';
import { bareRemote, git, tempFolder } from '../support/git';

// stderr as git 2.39 prints it.
const SAMPLES = {
  offline: "fatal: unable to access 'https://github.example.invalid/a/notes.git/': Could not resolve host: github.example.invalid\n",
  missingRemotePath:
    "fatal: '/tmp/nope/notes.git' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n",
  sshRefused: 'ssh: connect to host git.example.com port 22: Connection refused\r\nfatal: Could not read from remote repository.\n',
  rejected: [
    'To /tmp/mentorship-remote-x/notes.git',
    ' ! [rejected]        main -> main (fetch first)',
    "error: failed to push some refs to '/tmp/mentorship-remote-x/notes.git'",
    'hint: Updates were rejected because the remote contains work that you do',
    'hint: not have locally. This is usually caused by another repository pushing',
    'hint: to the same ref. You may want to first integrate the remote changes',
    "hint: (e.g., 'git pull ...') before pushing again.",
    "hint: See the 'Note about fast-forwards' in 'git push --help' for details.",
  ].join('\n'),
  nonFastForward: ' ! [rejected]        main -> main (non-fast-forward)\nerror: failed to push some refs to \'origin\'\n',
  conflict: [
    'Rebasing (1/1)Auto-merging agenda/k3m9q2xa.md',
    'CONFLICT (content): Merge conflict in agenda/k3m9q2xa.md',
    'error: could not apply 41b15f8... Add agenda item',
    'hint: Resolve all conflicts manually, mark them as resolved with',
    'hint: "git add/rm <conflicted_files>", then run "git rebase --continue".',
    'Could not apply 41b15f8... Add agenda item',
  ].join('\n'),
  indexLock: [
    "fatal: Unable to create '/home/sam/notes/.git/index.lock': File exists.",
    '',
    'Another git process seems to be running in this repository, e.g.',
    "an editor opened by 'git commit'. Please make sure all processes",
    'are terminated then try again. If it still fails, a git process',
    'may have crashed in this repository earlier:',
    'remove the file manually to continue.',
  ].join('\n'),
  noRemoteBranch: "fatal: couldn't find remote ref main\n",
  auth: "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/a/notes.git/'\n",
  noPrompt: "fatal: could not read Username for 'https://github.com': terminal prompts disabled\n",
  publickey: 'git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote repository.\n',
  notARepo: 'fatal: not a git repository (or any of the parent directories): .git\n',
  missingGit: 'spawn git ENOENT',
  timeout: 'block timeout reached',
};

function stderrOf(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  assert.notEqual(result.status, 0, `git ${args.join(' ')} should fail`);
  return result.stderr;
}

describe('notes/gitErrors', () => {
  describe('classifyGitFailure on git stderr samples', () => {
    it('offline: host not resolved, remote path missing, connection refused', () => {
      assert.equal(classifyGitFailure(SAMPLES.offline), 'offline');
      assert.equal(classifyGitFailure(SAMPLES.missingRemotePath), 'offline');
      assert.equal(classifyGitFailure(SAMPLES.sshRefused), 'offline');
    });

    it('rejected push (fetch first, non-fast-forward)', () => {
      assert.equal(classifyGitFailure(SAMPLES.rejected), 'rejected');
      assert.equal(classifyGitFailure(SAMPLES.nonFastForward), 'rejected');
    });

    it('rebase conflict', () => {
      assert.equal(classifyGitFailure(SAMPLES.conflict), 'conflict');
    });

    it('a rejected push to a path containing "conflict" is rejected, not conflict', () => {
      const stderr = [
        'To /srv/conflict-free/notes.git',
        ' ! [rejected]        main -> main (fetch first)',
        "error: failed to push some refs to '/srv/conflict-free/notes.git'",
      ].join('\n');
      assert.equal(classifyGitFailure(stderr), 'rejected');
      assert.equal(classifyGitFailure(`${stderr}\nhint: Updates were rejected because the remote contains work that you do\n`), 'rejected');
      // The real conflict line is still a conflict, with or without other text around it.
      assert.equal(classifyGitFailure('CONFLICT (content): Merge conflict in mentorship.md'), 'conflict');
      assert.equal(classifyGitFailure('Auto-merging mentorship.md\nCONFLICT (content): Merge conflict in mentorship.md\n'), 'conflict');
    });

    it('a remote path with digits like "2403" is offline, not auth', () => {
      const stderr = "fatal: '/media/usb-2403/notes.git' does not appear to be a git repository\nfatal: Could not read from remote repository.";
      assert.equal(classifyGitFailure(stderr), 'offline');
      assert.equal(classifyGitFailure("fatal: unable to access 'https://h/x.git/': The requested URL returned error: 403"), 'auth');
    });

    it('a repository that does not exist is offline', () => {
      assert.equal(classifyGitFailure("fatal: repository '/nope/x.git' does not exist"), 'offline');
      assert.equal(classifyGitFailure("fatal: repository '/nope/x.git' does not exist\n"), 'offline');
    });

    it('index.lock held by another process', () => {
      assert.equal(classifyGitFailure(SAMPLES.indexLock), 'index-locked');
    });

    it('no remote branch yet', () => {
      assert.equal(classifyGitFailure(SAMPLES.noRemoteBranch), 'no-remote-branch');
    });

    it('authentication failures', () => {
      assert.equal(classifyGitFailure(SAMPLES.auth), 'auth');
      assert.equal(classifyGitFailure(SAMPLES.noPrompt), 'auth');
      assert.equal(classifyGitFailure(SAMPLES.publickey), 'auth');
    });

    it('not a repository, git missing, timeout, unknown', () => {
      assert.equal(classifyGitFailure(SAMPLES.notARepo), 'not-a-repo');
      assert.equal(classifyGitFailure(SAMPLES.missingGit), 'git-missing');
      assert.equal(classifyGitFailure(SAMPLES.timeout), 'timeout');
      assert.equal(classifyGitFailure('fatal: something nobody expected'), 'unknown');
      assert.equal(classifyGitFailure(''), 'unknown');
    });
  });

  describe('classifyGitFailure on stderr produced by the git on this machine', function () {
    this.timeout(20000);

    it('classifies a missing remote, a missing remote branch, a lock and a conflict', () => {
      const repo = tempFolder('errors');
      git(repo, 'init', '--quiet', '--initial-branch', 'main');
      writeFileSync(path.join(repo, 'a.md'), 'one\n');
      git(repo, 'add', 'a.md');
      git(repo, 'commit', '--quiet', '-m', 'one');

      assert.equal(classifyGitFailure(stderrOf(repo, 'ls-remote', path.join(tempFolder('gone'), 'missing.git'))), 'offline');

      const bare = bareRemote();
      git(repo, 'remote', 'add', 'origin', bare);
      assert.equal(classifyGitFailure(stderrOf(repo, 'pull', '--rebase', 'origin', 'main')), 'no-remote-branch');

      git(repo, 'push', '--quiet', 'origin', 'main');
      const other = path.join(tempFolder('other'), 'clone');
      git(path.dirname(other), 'clone', '--quiet', bare, other);
      writeFileSync(path.join(other, 'a.md'), 'theirs\n');
      git(other, 'commit', '--quiet', '-am', 'theirs');
      git(other, 'push', '--quiet', 'origin', 'main');

      writeFileSync(path.join(repo, 'a.md'), 'mine\n');
      git(repo, 'commit', '--quiet', '-am', 'mine');
      assert.equal(classifyGitFailure(stderrOf(repo, 'push', 'origin', 'main')), 'rejected');
      assert.equal(classifyGitFailure(stderrOf(repo, 'pull', '--rebase', 'origin', 'main')), 'conflict');
      git(repo, 'rebase', '--abort');

      writeFileSync(path.join(repo, '.git', 'index.lock'), '');
      writeFileSync(path.join(repo, 'b.md'), 'b\n');
      assert.equal(classifyGitFailure(stderrOf(repo, 'add', 'b.md')), 'index-locked');
    });
  });

  describe('toNotesRepoError', () => {
    it('wraps an Error with a code, the action and the first non-empty line', () => {
      const error = toNotesRepoError(new Error(`\n  ${SAMPLES.missingRemotePath}`), 'Syncing the notes repo');
      assert.ok(error instanceof NotesRepoError);
      assert.equal(error.name, 'NotesRepoError');
      assert.equal(error.code, 'offline');
      assert.equal(error.message, "Syncing the notes repo failed: fatal: '/tmp/nope/notes.git' does not appear to be a git repository");
      assert.equal(error.detail, `\n  ${SAMPLES.missingRemotePath}`);
    });

    it('wraps non-Error values', () => {
      const error = toNotesRepoError('fatal: couldn\'t find remote ref main', 'Pulling');
      assert.equal(error.code, 'no-remote-branch');
      assert.equal(error.message, "Pulling failed: fatal: couldn't find remote ref main");
      assert.equal(toNotesRepoError(new Error(''), 'X').message, 'X failed: unknown git error');
    });

    it('returns a NotesRepoError unchanged', () => {
      const original = new NotesRepoError('refused', 'no');
      assert.equal(toNotesRepoError(original, 'Anything'), original);
    });
  });
});
