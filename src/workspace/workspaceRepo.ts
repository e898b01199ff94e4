import * as path from 'node:path';
import { parseUnifiedDiff, fileDiffFor, type FileDiff } from '../core/unifiedDiff';
import { createGit, gitEnvironment, type GitOptions } from '../notes/git';
import { GitCommandError } from '../notes/gitErrors';
import { CatFileBatch } from './catFileBatch';

/** Where a file sits in the user's own project repository, for a code anchor. */
export interface WorkspaceFileOrigin {
  /** The repository root, or the workspace folder when the file is outside git. */
  readonly root: string;
  readonly inGit: boolean;
  /** Normalized remote URL, else the root folder's name. */
  readonly remoteUrl?: string;
  readonly head?: string;
  /**
   * What git said when it could not read the folder for another reason than "not a git
   * repository" (a safe.directory refusal, a broken git): the caller tells the user.
   */
  readonly gitProblem?: string;
}

// The one answer of `rev-parse --show-toplevel` that means "not in git" rather than "git failed".
const NOT_A_REPOSITORY = /not a git repository/i;

const COMMIT = /^[0-9a-f]{40}$/;
/** A revision to diff to: a full commit id or HEAD (never anything git could read as an option). */
const REVISION = /^([0-9a-f]{40}|HEAD)$/;

/** An anchored file's committed history: its text at the flagged commit and git's diff since. */
export interface CommittedHistory {
  /** The file at the flagged commit. */
  readonly original: string;
  /** Where the file is at `to` (renames followed), or undefined when it was deleted. */
  readonly path?: string;
  /**
   * git's diffs of this file from the commit to `to`, oldest first: one per commit on the
   * first-parent line when the commit is on it (as git blame follows history), else one diff
   * straight from the commit to `to`. Renames followed, whitespace ignored, no context.
   */
  readonly diffs: readonly FileDiff[];
  /** The file at `to` (when `to` is a commit id), read in the same burst. */
  readonly text?: string;
}

/** Files whose diff from one commit to one revision is asked for in the same tick. */
interface Burst {
  readonly paths: Set<string>;
  readonly result: Promise<FileDiff[] | FileDiff[][] | null>;
}


/**
 * Read-only git queries in the user's project, for anchors. Only commands that never run
 * hooks or fsmonitor (rev-parse, config --get, cat-file, tree-to-tree diff): a project's
 * own git config must not get to run code through Mentorship.
 */
export class WorkspaceRepo {
  private readonly batches = new Map<string, CatFileBatch>();
  // null: git could not diff (the history is then unknown, not empty).
  private readonly histories = new Map<string, Promise<FileDiff[] | null>>();
  private readonly bursts = new Map<string, Burst>();
  private readonly lines = new Map<string, Promise<boolean>>();
  private readonly commits = new Map<string, Promise<boolean>>();

  constructor(private readonly options: GitOptions = {}) {}

  /** The repository holding `file` (git runs in the file's folder). */
  originOf(file: string, fallbackFolder: string | undefined): Promise<WorkspaceFileOrigin | undefined> {
    return this.originOfFolder(path.dirname(file), fallbackFolder);
  }

  async originOfFolder(folder: string, fallbackFolder: string | undefined): Promise<WorkspaceFileOrigin | undefined> {
    const git = createGit(folder, this.options);
    let root = '';
    let gitProblem: string | undefined;
    try {
      root = (await git.raw(['rev-parse', '--show-toplevel'])).trim();
    } catch (error) {
      // "Not a repository" is an answer; anything else (dubious ownership, git missing) is a
      // failure the user must hear about, not a silent "not in git".
      if (!(error instanceof GitCommandError && NOT_A_REPOSITORY.test(error.stderr))) gitProblem = firstLine(error);
    }
    if (!root) {
      return fallbackFolder ? { root: fallbackFolder, inGit: false, ...(gitProblem ? { gitProblem } : {}) } : undefined;
    }
    const inRoot = createGit(root, this.options);
    // Exit 1 of these two is an answer: no commit yet, no remote.
    const head = (await inRoot.run(['rev-parse', '--verify', '-q', 'HEAD'], [1])).stdout.trim();
    const remoteUrl = (await inRoot.run(['config', '--get', 'remote.origin.url'], [1])).stdout.trim();
    return { root, inGit: true, head: COMMIT.test(head) ? head : undefined, remoteUrl: remoteUrl || undefined };
  }

  /** The file's text at a commit, or undefined when it did not exist there (one batched read per repo). */
  async fileAt(root: string, commit: string, relativePath: string): Promise<string | undefined> {
    if (!COMMIT.test(commit) || relativePath.startsWith('-') || relativePath.split('/').includes('..')) return undefined;
    let batch = this.batches.get(root);
    if (!batch) {
      batch = new CatFileBatch(root, this.options.binary || 'git', gitEnvironment());
      this.batches.set(root, batch);
    }
    return batch.read(commit, relativePath);
  }

  /**
   * The history of a file flagged at `commit` up to `to` (HEAD, or a commit): its text then,
   * where it is now (renames from `renames`, see renamesSince) and git's diff between. Diffs are
   * asked for in bursts (one git diff per commit and tick) and kept per file: pass a commit id
   * as `to` so the answer cannot go stale. Undefined when the file was not in that commit.
   */
  async historyOf(root: string, commit: string, relativePath: string, renames: ReadonlyMap<string, string>, to = 'HEAD'): Promise<CommittedHistory | undefined> {
    if (!REVISION.test(to)) return undefined;
    const now = renames.get(relativePath) ?? relativePath;
    const key = `${root}\0${commit}\0${to}\0${relativePath}\0${now}`;
    let pending = this.histories.get(key);
    if (!pending) {
      pending = this.diffsOf(root, commit, to, relativePath, now);
      this.histories.set(key, pending);
    }
    // Asked for in the same tick: the texts share one cat-file, and the diffs run beside it.
    const [original, diffs, atTo] = await Promise.all([this.fileAt(root, commit, relativePath), pending, COMMIT.test(to) ? this.fileAt(root, to, now) : undefined]);
    if (original === undefined || diffs === null) return undefined;
    const last = diffs[diffs.length - 1];
    if (last?.newPath === undefined && last !== undefined) return { original, diffs };
    const path = last?.newPath ?? relativePath;
    return { original, path, diffs, ...(atTo !== undefined && path === now ? { text: atTo } : {}) };
  }

  /** The per-commit diffs of one file along the first-parent line, else the straight diff. */
  private async diffsOf(root: string, commit: string, to: string, from: string, now: string): Promise<FileDiff[] | null> {
    const [chain, onLine] = await Promise.all([this.later(root, commit, to, 'log', from, now), this.onFirstParentLine(root, commit, to)]);
    if (chain !== null && onLine) {
      const diffs: FileDiff[] = [];
      let path: string | undefined = from;
      for (const files of chain as FileDiff[][]) {
        const diff: FileDiff | undefined = path === undefined ? undefined : fileDiffFor(files, path);
        if (!diff) continue;
        diffs.push(diff);
        path = diff.newPath;
      }
      // A rename through a name outside the pathspec reads as a deletion: ask the straight diff.
      if (path === now || (path === undefined && from === now)) return diffs;
    }
    const straight = await this.later(root, commit, to, 'diff', from, now);
    if (straight === null) return null;
    const diff = fileDiffFor(straight as FileDiff[], from);
    return diff ? [diff] : [];
  }

  /**
   * Whether this clone has `commit` (a mentee's unpushed commit, or one beyond a shallow clone,
   * is not here: its history cannot be followed). A commit found is remembered; a missing one is
   * asked again next time, since a pull or fetch may bring it.
   */
  hasCommit(root: string, commit: string): Promise<boolean> {
    if (!COMMIT.test(commit)) return Promise.resolve(false);
    const key = `${root}\0${commit}`;
    let pending = this.commits.get(key);
    if (!pending) {
      pending = createGit(root, this.options)
        .raw(['cat-file', '-e', `${commit}^{commit}`])
        .then(
          () => true,
          () => false,
        );
      this.commits.set(key, pending);
      void pending.then((here) => here || this.commits.delete(key));
    }
    return pending;
  }

  /** Whether `commit` is on the first-parent line of `to` (then its log is the file's history). */
  private onFirstParentLine(root: string, commit: string, to: string): Promise<boolean> {
    const key = `${root}\0${commit}\0${to}`;
    let pending = this.lines.get(key);
    if (!pending) {
      pending = createGit(root, this.options)
        .raw(['rev-list', '--first-parent', '--parents', `${commit}..${to}`])
        .then((out) => {
          const rows = out.trim().split('\n').filter(Boolean);
          return rows.length === 0 || (rows[rows.length - 1] ?? '').split(' ')[1] === commit;
        })
        .catch(() => false);
      this.lines.set(key, pending);
    }
    return pending;
  }

  /**
   * git's diff (or first-parent log with patches) of one file, asked for together with every
   * other file flagged at the same commit in the same tick: one git call per (commit, to, kind)
   * and burst, not one per file. A log answers per commit, oldest first.
   */
  private later(root: string, commit: string, to: string, kind: 'diff' | 'log', from: string, now: string): Promise<FileDiff[] | FileDiff[][] | null> {
    const key = `${root}\0${commit}\0${to}\0${kind}`;
    let burst = this.bursts.get(key);
    if (!burst) {
      const created: Burst = { paths: new Set(), result: new Promise((resolve) => setImmediate(() => resolve(this.run(root, commit, to, kind, created)))) };
      this.bursts.set(key, created);
      void created.result.finally(() => this.bursts.delete(key));
      burst = created;
    }
    burst.paths.add(from);
    burst.paths.add(now);
    return burst.result;
  }

  private async run(root: string, commit: string, to: string, kind: 'diff' | 'log', burst: Burst): Promise<FileDiff[] | FileDiff[][] | null> {
    const common = ['-U0', '-w', '-M', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];
    const paths = [...burst.paths].map((p) => `:(literal)${p}`);
    const args =
      kind === 'diff'
        ? ['diff', ...common, commit, to, '--', ...paths]
        : ['log', '--first-parent', '-m', '-p', '--format=commit %H', ...common, `${commit}..${to}`, '--', ...paths];
    try {
      const out = await createGit(root, this.options).raw(args);
      if (kind === 'diff') return parseUnifiedDiff(out);
      // Newest first from git; one parsed diff per commit, oldest first.
      return out.split(/^commit [0-9a-f]{40}$/m).slice(1).map((chunk) => parseUnifiedDiff(chunk)).reverse();
    } catch {
      return null;
    }
  }

  /** Paths renamed between a commit and HEAD (old → new), from git's rename detection. */
  async renamesSince(root: string, commit: string, to = 'HEAD'): Promise<Map<string, string>> {
    const renames = new Map<string, string>();
    if (!COMMIT.test(commit) || !REVISION.test(to)) return renames;
    const out = await createGit(root, this.options)
      .raw(['diff', '--name-status', '-M', '-z', commit, to])
      .catch(() => '');
    const fields = out.split('\0');
    for (let i = 0; i < fields.length; ) {
      const status = fields[i] ?? '';
      if (status.startsWith('R')) {
        const from = fields[i + 1];
        const to = fields[i + 2];
        if (from && to) renames.set(from, to);
        i += 3;
      } else {
        i += status.startsWith('C') ? 3 : 2;
      }
    }
    return renames;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? text;
}
