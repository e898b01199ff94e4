import { redactCredentials } from '../core/remoteUrl';

/** What went wrong in a git call, as the user can act on it (stderr mapped to a code). */
export type GitFailureCode =
  | 'git-missing'
  | 'git-too-old'
  | 'offline'
  | 'auth'
  | 'rejected'
  | 'conflict'
  | 'no-remote-branch'
  | 'index-locked'
  | 'not-a-repo'
  | 'timeout'
  | 'refused'
  | 'remote-rewritten'
  | 'changed'
  | 'unknown';

/** A git call that did not exit 0: what ran, how it ended (null: killed by a signal) and what it said. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(stderr.trim() || (exitCode === null ? `git ${args[0] ?? ''} was stopped before it finished` : `git ${args[0] ?? ''} exited with code ${exitCode}`));
    this.name = 'GitCommandError';
  }
}

export class NotesRepoError extends Error {
  constructor(
    readonly code: GitFailureCode,
    message: string,
    readonly detail = '',
    /** For 'index-locked': the lock file a user may remove once no other git runs. */
    readonly lockFile?: string,
  ) {
    super(message);
    this.name = 'NotesRepoError';
  }
}

const PATTERNS: ReadonlyArray<[RegExp, GitFailureCode]> = [
  [/ENOENT|spawn .*git.* ENOENT|not found: git/i, 'git-missing'],
  [/index\.lock.*File exists|Unable to create .*index\.lock/i, 'index-locked'],
  [/couldn't find remote ref|no such ref was fetched/i, 'no-remote-branch'],
  [/^CONFLICT \(|could not apply [0-9a-f]|Resolve all conflicts|needs merge/m, 'conflict'],
  [/\[rejected\]|non-fast-forward|fetch first|failed to push some refs/i, 'rejected'],
  [/Authentication failed|Permission denied \(publickey|could not read Username|terminal prompts disabled|returned error: 403/i, 'auth'],
  [
    /Could not resolve host|Connection refused|Connection timed out|unable to access|Could not read from remote repository|does not appear to be a git repository|Network is unreachable|No route to host|Operation timed out|repository '.*' does not exist|repository not found/i,
    'offline',
  ],
  [/not a git repository/i, 'not-a-repo'],
  [/block timeout reached|timed out/i, 'timeout'],
];

export function classifyGitFailure(text: string): GitFailureCode {
  for (const [pattern, code] of PATTERNS) {
    if (pattern.test(text)) return code;
  }
  return 'unknown';
}

/** Wraps anything thrown by a git call into a NotesRepoError with a code. */
export function toNotesRepoError(error: unknown, action: string): NotesRepoError {
  if (error instanceof NotesRepoError) return error;
  const detail = redactCredentials(error instanceof Error ? error.message : String(error));
  const code = classifyGitFailure(detail);
  return new NotesRepoError(code, `${action} failed: ${firstLine(detail)}`, detail);
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? 'unknown git error'
  );
}
