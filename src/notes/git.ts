import type { SimpleGit } from 'simple-git';
import { isGitVersionSupported, MINIMUM_GIT_VERSION, parseGitVersion } from '../core/gitVersion';
import { NotesRepoError } from './gitErrors';

/** Every git call is bounded: a hung credential prompt or network must not hang the queue. */
const GIT_BLOCK_TIMEOUT_MS = 60_000;

export interface GitOptions {
  /** The git executable (the `mentorship.git.path` setting), default "git". */
  readonly binary?: string;
}

/**
 * simple-git configured for the notes repo: no terminal prompts (they would hang the
 * background sync), ssh in batch mode, a timeout, and none of simple-git's unsafe options.
 */
/** simple-git, loaded the first time git is needed (never during activation). */
function loadSimpleGit(): typeof import('simple-git') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see esbuild.mjs
  return require('simple-git') as typeof import('simple-git');
}

export function createGit(baseDir: string, options: GitOptions = {}): SimpleGit {
  const git = loadSimpleGit().simpleGit({
    baseDir,
    binary: options.binary || 'git',
    maxConcurrentProcesses: 4,
    timeout: { block: GIT_BLOCK_TIMEOUT_MS },
    // Done when git's output streams close. simple-git's default also waits 50 ms after the
    // process exits, which a git call that prints nothing always pays (fetch, update-ref, push).
    completion: { onClose: true, onExit: false },
    allowEnvironment: ['GIT_TERMINAL_PROMPT'],
  });
  return git.env(gitEnvironment());
}

// Variables simple-git's guard refuses (they can make git run programs); git's own defaults
// apply instead, and the user's credential helper and ssh agent still work.
const GUARDED = /^(git_.*|pager|visual|editor|ssh_askpass|prefix)$/i;

/** The extension host's environment, minus what could redirect git, plus no prompts. */
function gitEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !GUARDED.test(key)) env[key] = value;
  }
  // A credential prompt would hang the background sync: fail fast and say so instead.
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

/** Checks once that git exists and is recent enough; one clear message otherwise. */
export async function checkGitInstallation(options: GitOptions = {}): Promise<string> {
  let output: string;
  try {
    output = await createGit(process.cwd(), options).raw(['--version']);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new NotesRepoError(
      'git-missing',
      `Mentorship keeps notes in git, but git could not be run${options.binary ? ` from "${options.binary}"` : ''}. Install git (https://git-scm.com/downloads) or set "mentorship.git.path".`,
      detail,
    );
  }
  const version = parseGitVersion(output);
  if (!version || !isGitVersionSupported(version)) {
    throw new NotesRepoError(
      'git-too-old',
      `Mentorship needs git ${MINIMUM_GIT_VERSION.join('.')} or newer; found "${output.trim()}". Update git (https://git-scm.com/downloads).`,
    );
  }
  return version.join('.');
}

const checked = new Map<string, Promise<string>>();

/**
 * checkGitInstallation, once per executable while it succeeds; a failure is checked again
 * next time (the user may have installed git or fixed `mentorship.git.path` meanwhile).
 */
export function ensureGitInstalled(options: GitOptions = {}): Promise<string> {
  const key = options.binary || 'git';
  let check = checked.get(key);
  if (!check) {
    check = checkGitInstallation(options);
    checked.set(key, check);
    check.catch(() => checked.delete(key));
  }
  return check;
}

/** The user's own git identity (global config), to prefill who commits notes. */
export async function readGlobalIdentity(options: GitOptions = {}): Promise<{ name: string; email: string }> {
  const git = createGit(process.cwd(), options);
  const read = (key: string): Promise<string> => git.raw(['config', '--global', '--get', key]).then((v) => v.trim(), () => '');
  return { name: await read('user.name'), email: await read('user.email') };
}
