import * as path from 'node:path';
import { createGit, type GitOptions } from '../notes/git';

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

/**
 * Read-only git queries in the user's project, for anchors. Only commands that never run
 * hooks or fsmonitor (rev-parse, config --get, cat-file, tree-to-tree diff): a project's
 * own git config must not get to run code through Mentorship.
 */
export class WorkspaceRepo {
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

  /** The file's text at a commit, or undefined when it did not exist there. */
  async fileAt(root: string, commit: string, relativePath: string): Promise<string | undefined> {
    if (!COMMIT.test(commit) || relativePath.startsWith('-') || relativePath.includes('..')) return undefined;
    const out = await createGit(root, this.options)
      .raw(['cat-file', '-p', `${commit}:${relativePath}`])
      .catch(() => undefined);
    return out;
  }

  /** Paths renamed between a commit and HEAD (old → new), from git's rename detection. */
  async renamesSince(root: string, commit: string): Promise<Map<string, string>> {
    const renames = new Map<string, string>();
    if (!COMMIT.test(commit)) return renames;
    const out = await createGit(root, this.options)
      .raw(['diff', '--name-status', '-M', '-z', commit, 'HEAD'])
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
