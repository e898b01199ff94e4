import { strict as assert } from 'node:assert';
import { chmodSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createGit, gitEnvironment, setGitLog } from '../../src/notes/git';
import { GitCommandError } from '../../src/notes/gitErrors';
import { NotesRepo } from '../../src/notes/notesRepo';
import { tempFolder } from '../support/git';

describe('notes/git the one git boundary', function () {
  this.timeout(20_000);

  it('runs git in a fixed language, without prompts, ssh in batch mode unless the user set GIT_SSH_COMMAND', () => {
    const env = gitEnvironment({ LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', LC_MESSAGES: 'de_DE', LANGUAGE: 'de', PATH: '/usr/bin', GIT_DIR: '/elsewhere' });
    assert.equal(env.LC_ALL, 'C');
    assert.equal(env.LANGUAGE, 'C');
    assert.equal(env.LC_MESSAGES, undefined);
    assert.equal(env.LANG, undefined);
    assert.equal(env.GIT_DIR, undefined, 'nothing may redirect git');
    assert.equal(env.GIT_TERMINAL_PROMPT, '0');
    assert.equal(env.GIT_SSH_COMMAND, 'ssh -o BatchMode=yes');
    assert.equal(gitEnvironment({ GIT_SSH_COMMAND: 'ssh -i ~/.ssh/notes' }).GIT_SSH_COMMAND, 'ssh -i ~/.ssh/notes');
  });

  it('git answers in English whatever the user\'s locale', async () => {
    const saved = process.env.LANGUAGE;
    process.env.LANGUAGE = 'de';
    try {
      const error = await createGit(tempFolder('locale')).raw(['rev-parse', 'HEAD']).catch((e: unknown) => e);
      assert.ok(error instanceof GitCommandError);
      assert.match(error.stderr, /not a git repository/);
    } finally {
      if (saved === undefined) delete process.env.LANGUAGE;
      else process.env.LANGUAGE = saved;
    }
  });

  it('keeps args, exit code and stderr in its error; exit codes given as answers are results', async () => {
    const git = createGit(tempFolder('errors'));
    const error = await git.raw(['rev-parse', '--verify', 'nope']).catch((e: unknown) => e);
    assert.ok(error instanceof GitCommandError);
    assert.deepEqual(error.args, ['rev-parse', '--verify', 'nope']);
    assert.equal(error.exitCode, 128);
    assert.match(error.stderr, /not a git repository/);
    await git.raw(['init', '--quiet']);
    assert.deepEqual(await git.run(['config', '--get', 'no.such'], [1]), { stdout: '', exitCode: 1 });
    // A silent non-zero exit is a failure too (simple-git alone reads it as success).
    await assert.rejects(git.raw(['config', '--get', 'no.such']), (e: unknown) => e instanceof GitCommandError && e.exitCode === 1);
  });

  it('a git killed by a signal is an error, never an empty answer (a killed `git config` is not "no remote")', async () => {
    const folder = tempFolder('killed');
    const binary = path.join(folder, 'git-killed.sh');
    writeFileSync(binary, '#!/bin/sh\nkill -9 $$\n');
    chmodSync(binary, 0o755);
    const error = await createGit(folder, { binary }).run(['config', '--get', 'remote.origin.url'], [1]).catch((e: unknown) => e);
    assert.ok(error instanceof GitCommandError, String(error));
    assert.equal(error.exitCode, null);
    assert.match(error.message, /stopped before it finished/);
  });

  it('logs each command with its exit and duration, never a commit message or a path', async () => {
    const lines: string[] = [];
    setGitLog((line) => lines.push(line));
    try {
      const repo = await NotesRepo.openOrCreate(path.join(tempFolder('log'), 'notes'));
      await repo.setIdentity('Sam', 'sam@example.com');
      await repo.commitFiles([{ path: 'sessions/secret-topic.md', content: 'my private note\n' }], 'Record takeaways: my private topic');
    } finally {
      setGitLog(undefined);
    }
    const commit = lines.find((line) => line.startsWith('git commit'));
    assert.ok(commit, lines.join('\n'));
    assert.match(commit, /^git commit --no-verify -m … → exit 0 in \d+ ms/);
    assert.ok(!lines.some((line) => /private|secret-topic/.test(line)), lines.join('\n'));
  });
});
