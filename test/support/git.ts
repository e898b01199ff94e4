import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Plain git for tests to check what is really on disk (independent of the code under test). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' },
  }).trim();
}

export function tempFolder(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `mentorship-${prefix}-`));
}

/** A bare repository to act as the shared remote of mentee and mentor. */
export function bareRemote(): string {
  const folder = path.join(tempFolder('remote'), 'notes.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch', 'main', folder]);
  return folder;
}

export function commitSubjects(repo: string, ref = 'HEAD'): string[] {
  return git(repo, 'log', '--format=%s', ref).split('\n').filter(Boolean);
}
