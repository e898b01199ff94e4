import type { SimpleGit } from 'simple-git';
import { isGitVersionSupported, MINIMUM_GIT_VERSION, parseGitVersion } from '../core/gitVersion';
import { redactCredentials } from '../core/remoteUrl';
import { GitCommandError, NotesRepoError } from './gitErrors';

/** Every git call is bounded: a hung credential prompt or network must not hang the queue. */
const GIT_BLOCK_TIMEOUT_MS = 60_000;

export interface GitOptions {
  /** The git executable (the `mentorship.git.path` setting), default "git". */
  readonly binary?: string;
}

/** What one git call printed and how it ended. */
export interface GitResult {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Where each git command is logged (the Mentorship output channel): args and duration, never note text. */
let logSink: ((line: string) => void) | undefined;
export function setGitLog(sink: ((line: string) => void) | undefined): void {
  logSink = sink;
}

/** A line for the same log (what recovery did after an interruption). */
export function logGitNote(line: string): void {
  logSink?.(line);
}

/**
 * A fault-injection probe (tests only): called before each git process starts, once it is
 * spawned, and after it ended, with a per-process step number. The torture suite kills the
 * host or the git child at a chosen step through it. Never set by the extension.
 */
export type GitStepProbe = (step: number, phase: 'before' | 'spawned' | 'after', args: readonly string[]) => void;
let probe: GitStepProbe | undefined;
let steps = 0;
export function setGitStepProbe(next: GitStepProbe | undefined): void {
  probe = next;
}

/** simple-git, loaded the first time git is needed (never during activation). */
function loadSimpleGit(): typeof import('simple-git') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see esbuild.mjs
  return require('simple-git') as typeof import('simple-git');
}

/** How a git call ended, carried through simple-git's error hook (on its own GitError, which it passes on unchanged). */
interface ExitMarker {
  readonly exit: { readonly code: number | null; readonly stderr: string; readonly stdout: string };
}

function exitOf(error: unknown): ExitMarker['exit'] | undefined {
  return error instanceof Error && 'exit' in error ? (error as Error & ExitMarker).exit : undefined;
}

/**
 * The one git boundary of the notes side: simple-git behind a wrapper that runs git with a fixed
 * language (its messages are classified by their English text), no terminal prompts, ssh in
 * batch mode, a timeout, logs each command with its duration, and turns every non-zero exit —
 * including a git killed by a signal, which simple-git reads as success — into a
 * GitCommandError with args, exit code and stderr.
 */
export class Git {
  private readonly simple: SimpleGit;

  constructor(
    readonly baseDir: string,
    options: GitOptions = {},
  ) {
    const simpleGit = loadSimpleGit();
    this.simple = simpleGit
      .simpleGit({
        baseDir,
        binary: options.binary || 'git',
        maxConcurrentProcesses: 4,
        timeout: { block: GIT_BLOCK_TIMEOUT_MS },
        // Done when git's output streams close. simple-git's default also waits 50 ms after the
        // process exits, which a git call that prints nothing always pays (fetch, update-ref, push).
        completion: { onClose: true, onExit: false },
        allowEnvironment: ['GIT_TERMINAL_PROMPT', 'GIT_SSH_COMMAND'],
        // Our own `ssh -o BatchMode=yes`, or the user's own GIT_SSH_COMMAND (see gitEnvironment).
        unsafe: { allowUnsafeSshCommand: true },
        errors: (prior, result) => {
          const code = result.exitCode as number | null;
          if (code === 0 && !prior) return undefined;
          const text = (buffers: Buffer[]): string => Buffer.concat(buffers).toString('utf8');
          const stderr = text(result.stdErr) || (prior instanceof Error ? prior.message : '');
          const marked = new simpleGit.GitError(undefined, stderr) as Error & { exit?: ExitMarker['exit'] };
          marked.exit = { code, stderr, stdout: text(result.stdOut) };
          return marked;
        },
      })
      .env(gitEnvironment());
    this.simple.outputHandler(() => probe?.(steps, 'spawned', []));
  }

  /** Runs git; resolves with stdout when it exits 0, rejects with a GitCommandError otherwise. */
  async raw(args: readonly string[]): Promise<string> {
    return (await this.run(args)).stdout;
  }

  /** Runs git; the exit codes in `ok` (besides 0) are answers, not failures (e.g. 1 of `config --get`). */
  async run(args: readonly string[], ok: readonly number[] = []): Promise<GitResult> {
    const step = ++steps;
    probe?.(step, 'before', args);
    const started = Date.now();
    let result: GitResult;
    try {
      result = { stdout: await this.simple.raw([...args]), exitCode: 0 };
    } catch (error) {
      const exit = exitOf(error);
      const exitCode = exit ? exit.code : null;
      if (exit && exitCode !== null && ok.includes(exitCode)) {
        result = { stdout: exit.stdout, exitCode };
      } else {
        const stderr = exit ? exit.stderr : error instanceof Error ? error.message : String(error);
        this.log(args, started, exitCode ?? 'killed');
        probe?.(step, 'after', args);
        throw new GitCommandError(args, exitCode, redactCredentials(stderr));
      }
    }
    this.log(args, started, result.exitCode);
    probe?.(step, 'after', args);
    return result;
  }

  private log(args: readonly string[], started: number, exit: number | string): void {
    if (!logSink) return;
    // Commit messages carry note titles: only the command and its options are logged.
    const shown: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--') break;
      shown.push(arg === '-m' ? '-m …' : arg);
      if (arg === '-m') i++;
    }
    logSink(`git ${redactCredentials(shown.join(' '))} → exit ${exit} in ${Date.now() - started} ms (${this.baseDir})`);
  }
}

export function createGit(baseDir: string, options: GitOptions = {}): Git {
  return new Git(baseDir, options);
}

// Variables simple-git's guard refuses (they can make git run programs); git's own defaults
// apply instead, and the user's credential helper and ssh agent still work.
const GUARDED = /^(git_.*|pager|visual|editor|ssh_askpass|prefix|lc_.*|lang|language)$/i;

/** The extension host's environment, minus what could redirect git, plus no prompts and a fixed language. */
export function gitEnvironment(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && !GUARDED.test(key)) env[key] = value;
  }
  // git's messages are classified by their English text: the same text in every locale.
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  // A credential prompt would hang the background sync: fail fast and say so instead.
  env.GIT_TERMINAL_PROMPT = '0';
  // The same for ssh's password and host-key prompts, unless the user configured ssh for git.
  env.GIT_SSH_COMMAND = source.GIT_SSH_COMMAND || 'ssh -o BatchMode=yes';
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
