import * as path from 'node:path';
import { parseUnifiedDiff, fileDiffFor, type FileDiff } from '../core/unifiedDiff';
import { createGit, type GitOptions } from '../notes/git';
import { CatFileBatch } from './catFileBatch';

/** Where a file sits in the user's own project repository, for a code anchor. */
export interface WorkspaceFileOrigin {
  /** The repository root, or the workspace folder when the file is outside git. */
  readonly root: string;
  readonly inGit: boolean;
  /** Normalized remote URL, else the root folder's name. */
  readonly remoteUrl?: string;
  readonly head?: string;
}

const COMMIT = /^[0-9a-f]{40}$/;
/** A revision to diff to: a full commit id or HEAD (never anything git could read as an option). */
const REVISION = /^([0-9a-f]{40}|HEAD)$/;

/** An anchored file's committed history: its text at the flagged commit and git's diff since. */
export interface CommittedHistory {
  /** The file at the flagged commit. */
  readonly original: string;
  /** Where the file is at `to` (renames followed), or undefined when it was deleted. */
  readonly path?: string;
  /** git's diff from the commit to `to` for this file: renames, whitespace ignored, no context. */
  readonly diff?: FileDiff;
  /** The file at `to` (when `to` is a commit id), read in the same burst. */
  readonly text?: string;
}

/** Files whose diff from one commit to one revision is asked for in the same tick. */
interface DiffBurst {
  readonly paths: Set<string>;
  readonly result: Promise<FileDiff[] | null>;
}

/** git's own environment, minus variables that would point it at another repository. */
function readEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^GIT_/i.test(key)) env[key] = value;
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

/**
 * Read-only git queries in the user's project, for anchors. Only commands that never run
 * hooks or fsmonitor (rev-parse, config --get, cat-file, tree-to-tree diff): a project's
 * own git config must not get to run code through Mentorship.
 */
export class WorkspaceRepo {
  private readonly batches = new Map<string, CatFileBatch>();
  // null: git could not diff (the history is then unknown, not empty).
  private readonly diffs = new Map<string, Promise<FileDiff | undefined | null>>();
  private readonly diffBursts = new Map<string, DiffBurst>();

  constructor(private readonly options: GitOptions = {}) {}

  /** The repository holding `file` (git runs in the file's folder). */
  originOf(file: string, fallbackFolder: string | undefined): Promise<WorkspaceFileOrigin | undefined> {
    return this.originOfFolder(path.dirname(file), fallbackFolder);
  }

  async originOfFolder(folder: string, fallbackFolder: string | undefined): Promise<WorkspaceFileOrigin | undefined> {
    const git = createGit(folder, this.options);
    const root = (await git.raw(['rev-parse', '--show-toplevel']).catch(() => '')).trim();
    if (!root) {
      return fallbackFolder ? { root: fallbackFolder, inGit: false } : undefined;
    }
    const inRoot = createGit(root, this.options);
    const head = (await inRoot.raw(['rev-parse', '--verify', '-q', 'HEAD']).catch(() => '')).trim();
    const remoteUrl = (await inRoot.raw(['config', '--get', 'remote.origin.url']).catch(() => '')).trim();
    return { root, inGit: true, head: COMMIT.test(head) ? head : undefined, remoteUrl: remoteUrl || undefined };
  }

  /** The file's text at a commit, or undefined when it did not exist there (one batched read per repo). */
  async fileAt(root: string, commit: string, relativePath: string): Promise<string | undefined> {
    if (!COMMIT.test(commit) || relativePath.startsWith('-') || relativePath.includes('..')) return undefined;
    let batch = this.batches.get(root);
    if (!batch) {
      batch = new CatFileBatch(root, this.options.binary || 'git', readEnvironment());
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
    let pending = this.diffs.get(key);
    if (!pending) {
      pending = this.diffLater(root, commit, to, relativePath, now);
      this.diffs.set(key, pending);
    }
    // Asked for in the same tick: the texts share one cat-file, and the diff runs beside it.
    const [original, diff, atTo] = await Promise.all([this.fileAt(root, commit, relativePath), pending, COMMIT.test(to) ? this.fileAt(root, to, now) : undefined]);
    if (original === undefined || diff === null) return undefined;
    if (diff?.change === 'deleted') return { original, diff };
    const path = diff?.newPath ?? relativePath;
    return { original, path, ...(diff ? { diff } : {}), ...(atTo !== undefined && path === now ? { text: atTo } : {}) };
  }

  /**
   * git's diff of one file, asked for together with every other file flagged at the same commit
   * in the same tick: one `git diff` per (commit, to) and burst, not one per file.
   */
  private diffLater(root: string, commit: string, to: string, from: string, now: string): Promise<FileDiff | undefined | null> {
    const key = `${root}\0${commit}\0${to}`;
    let burst = this.diffBursts.get(key);
    if (!burst) {
      const created: DiffBurst = { paths: new Set(), result: new Promise((resolve) => setImmediate(() => resolve(this.runDiff(root, commit, to, created)))) };
      this.diffBursts.set(key, created);
      void created.result.finally(() => this.diffBursts.delete(key));
      burst = created;
    }
    burst.paths.add(from);
    burst.paths.add(now);
    return burst.result.then((diffs) => (diffs === null ? null : fileDiffFor(diffs, from)));
  }

  private async runDiff(root: string, commit: string, to: string, burst: DiffBurst): Promise<FileDiff[] | null> {
    const args = ['diff', '-U0', '-w', '-M', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', commit, to, '--', ...[...burst.paths].map((p) => `:(literal)${p}`)];
    return createGit(root, this.options)
      .raw(args)
      .then((out) => parseUnifiedDiff(out))
      .catch(() => null);
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
