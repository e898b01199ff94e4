import { createGit, type GitOptions } from './git';
import { toNotesRepoError } from './gitErrors';

/** How long Connect waits for a remote to answer before asking whether to keep it anyway. */
export const REMOTE_CHECK_TIMEOUT_MS = 15_000;

/**
 * Asks `url` for its branches (git ls-remote, no prompts): undefined when it answers, else why
 * not. A well-formed URL that no host answers would otherwise be kept and retried forever.
 */
export async function remoteProblem(cwd: string, url: string, options: GitOptions, timeoutMs = REMOTE_CHECK_TIMEOUT_MS): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`it did not answer within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
  });
  const asked = createGit(cwd, options)
    // The URL passed checkRemoteUrl (no leading dash, no ext:: transport) before it gets here.
    .raw(['ls-remote', '--heads', url])
    .then(
      () => undefined,
      (error: unknown) => toNotesRepoError(error, 'Asking the remote').message,
    );
  try {
    return await Promise.race([asked, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
