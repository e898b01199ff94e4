import { readFile as readFileCallback, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkRemoteUrl } from '../core/remoteUrl';
import { createGit, ensureGitInstalled, type Git, type GitOptions } from './git';
import { NotesRepoError, toNotesRepoError } from './gitErrors';
import { hardenRepo, linkProblems, type LinkProblem } from './repoHardening';
import { DEFAULT_STALE_LOCK_MS, RepoRecovery } from './repoRecovery';
import { decodeUtf8, ensureFoldersInside, hasConflictMarkers, linkOnPath, readNoFollow, refuseBadPaths, writeNoteInside } from './safeFiles';
import { REMOTE_NAME, syncNotes, type SyncOutcome } from './notesSync';
import { WriteQueue } from './writeQueue';

export { checkNotePath } from './safeFiles';
export { conflictCopyPath, CONFLICTS_FOLDER, REMOTE_NAME, type KeptBoth, type SyncOutcome } from './notesSync';
export type { LinkProblem } from './repoHardening';

const READ_BATCH = 200;
const DEFAULT_BRANCH = 'main';

/** A file to write, by its path relative to the notes repo root. */
export interface NoteFile {
  readonly path: string;
  readonly content: string;
}

export interface NotesRepoOptions extends GitOptions {
  /** How old a git lock must be before recovery removes it as stale (tests use less). */
  readonly staleLockMs?: number;
}

const LOCK_RETRY_DELAYS_MS = [100, 200, 400, 800];

/**
 * Another git process (a second VS Code window, the user in a terminal) may hold
 * .git/index.lock for a moment: retry with backoff. A lock that stays is reported, and removed
 * by recovery only once it is old enough that no live git can hold it.
 */
async function whileIndexLocked<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = LOCK_RETRY_DELAYS_MS[tries];
      if (delay === undefined || toNotesRepoError(error, 'git').code !== 'index-locked') throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * One mentorship relationship's git repository. All writes and git calls go through one
 * serialized queue; every change is one commit; every write stays inside the repo; sync is
 * commit → pull --rebase → push, never force, and survives a kill at any step.
 */
export class NotesRepo {
  private readonly queue = new WriteQueue();
  private readonly commitListeners = new Set<() => void>();
  private readonly recovery: RepoRecovery;

  private constructor(
    readonly root: string,
    private readonly git: Git,
    options: NotesRepoOptions,
  ) {
    this.recovery = new RepoRecovery(root, git, () => this.currentBranch(), () => this.notifyCommit(), options.staleLockMs ?? DEFAULT_STALE_LOCK_MS);
  }

  private static async make(root: string, options: NotesRepoOptions): Promise<NotesRepo> {
    const git = createGit(root, options);
    await hardenRepo(root, git);
    return new NotesRepo(root, git, options);
  }

  /** Opens an existing repo; refuses a folder that is not a git work tree root. */
  static async open(root: string, options: NotesRepoOptions = {}): Promise<NotesRepo> {
    const resolved = path.resolve(root);
    try {
      await fs.access(path.join(resolved, '.git'));
    } catch {
      throw new NotesRepoError('not-a-repo', `${resolved} is not a git repository.`);
    }
    await ensureGitInstalled(options);
    return NotesRepo.make(resolved, options);
  }

  /** Opens the repo at `root`, creating folder and repository when missing (zero setup). */
  static async openOrCreate(root: string, options: NotesRepoOptions = {}): Promise<NotesRepo> {
    const resolved = path.resolve(root);
    await ensureGitInstalled(options);
    await fs.mkdir(resolved, { recursive: true });
    try {
      await fs.access(path.join(resolved, '.git'));
    } catch {
      try {
        await createGit(resolved, options).raw(['init', '--quiet', '--initial-branch', DEFAULT_BRANCH]);
      } catch (error) {
        throw toNotesRepoError(error, 'Creating the notes repo');
      }
    }
    return NotesRepo.make(resolved, options);
  }

  /**
   * Clones `remote` into `target` (which must not exist or be empty). Links arrive as plain
   * files and the clone's own attributes cannot change bytes: the repo is hardened before the
   * first checkout. A failed clone leaves no folder behind.
   */
  static async clone(remote: string, target: string, options: NotesRepoOptions = {}): Promise<NotesRepo> {
    const check = checkRemoteUrl(remote);
    if (!check.ok) throw new NotesRepoError('refused', check.reason);
    await ensureGitInstalled(options);
    const resolved = path.resolve(target);
    const firstCreated = await fs.mkdir(path.dirname(resolved), { recursive: true });
    const existed = await fs.access(resolved).then(() => true, () => false);
    try {
      const config = ['-c', 'core.symlinks=false', '-c', 'core.autocrlf=false', '-c', 'core.protectNTFS=true'];
      await createGit(path.dirname(resolved), options).raw([...config, 'clone', '--quiet', '--no-checkout', '--', check.url, resolved]);
      const git = createGit(resolved, options);
      await hardenRepo(resolved, git);
      // An empty remote has no branch to check out yet.
      const head = await git.run(['rev-parse', '--verify', '-q', 'HEAD'], [1]);
      if (head.exitCode === 0) await git.raw(['checkout', '--quiet', '--force', 'HEAD', '--', '.']);
    } catch (error) {
      if (!existed) await fs.rm(resolved, { recursive: true, force: true });
      if (firstCreated) await fs.rm(firstCreated, { recursive: true, force: true }).catch(() => undefined);
      throw toNotesRepoError(error, `Cloning ${check.url}`);
    }
    return NotesRepo.make(resolved, options);
  }

  /** A note's text; undefined when missing or reached through a link (never followed). */
  async readFile(relative: string): Promise<string | undefined> {
    const parent = path.posix.dirname(relative);
    if (parent !== '.' && (await linkOnPath(this.root, parent))) return undefined;
    // The callback API: fs.promises.readFile is several times slower on small files.
    const bytes = await new Promise<Buffer | undefined>((resolve, reject) => {
      try {
        resolve(readNoFollow(path.join(this.root, relative)));
      } catch (error) {
        reject(error);
      }
    });
    return bytes?.toString('utf8');
  }

  /**
   * Reads many notes (missing ones and links as undefined). Small files are read synchronously
   * in batches, yielding between batches: for thousands of notes this is several times faster
   * than one async read each, and never blocks the extension host for long.
   */
  async readFiles(relatives: readonly string[]): Promise<(string | undefined)[]> {
    const texts: (string | undefined)[] = [];
    const linkedFolders = new Map<string, boolean>();
    for (let start = 0; start < relatives.length; start += READ_BATCH) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const relative of relatives.slice(start, start + READ_BATCH)) {
        const parent = path.posix.dirname(relative);
        if (!linkedFolders.has(parent)) linkedFolders.set(parent, parent !== '.' && (await linkOnPath(this.root, parent)) !== undefined);
        texts.push(linkedFolders.get(parent) ? undefined : readNoFollow(path.join(this.root, relative))?.toString('utf8'));
      }
    }
    return texts;
  }

  /** Markdown files directly inside `folder` (e.g. "agenda"), sorted by name; links are left out (see linkProblems). */
  async listNotes(folder: string): Promise<string[]> {
    if (await linkOnPath(this.root, folder)) return [];
    try {
      const entries = await fs.readdir(path.join(this.root, folder), { withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
        .map((entry) => entry.name)
        .sort()
        .map((name) => `${folder}/${name}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
  }

  /** Links in these folders (or the folders themselves): never read or written, listed under Needs attention. */
  linkProblems(folders: readonly string[]): Promise<LinkProblem[]> {
    return linkProblems(this.root, folders);
  }

  /**
   * The identity commits are made with, from the repo's (or the user's) git config. Read once
   * per opened repo: views ask on every render ("Refresh" reopens the repo and reads it again).
   */
  identity(): Promise<{ name: string; email: string }> {
    this.identityRead ??= (async () => ({ name: await this.configValue('user.name').catch(() => ''), email: await this.configValue('user.email').catch(() => '') }))();
    return this.identityRead;
  }

  private identityRead: Promise<{ name: string; email: string }> | undefined;

  /** A config value, '' when unset; a git that fails or is killed is an error, never "unset". */
  private async configValue(key: string): Promise<string> {
    return (await this.git.run(['config', '--get', key], [1])).stdout.trim();
  }

  /** Sets the identity for this repo only (the user's global git config is left alone). */
  setIdentity(name: string, email: string): Promise<void> {
    this.identityRead = undefined;
    return this.queue.run(async () => {
      await this.git.raw(['config', '--local', 'user.name', name]);
      await this.git.raw(['config', '--local', 'user.email', email]);
      this.identityRead = undefined;
    });
  }

  /** Writes the files atomically, each inside the repo, and commits exactly those paths as one commit. */
  commitFiles(files: readonly NoteFile[], message: string): Promise<string> {
    const refused = refuseBadPaths(files.map((file) => file.path));
    if (refused) return refused;
    return this.queue.run(() => this.writeAndCommit(files, message));
  }

  /**
   * Changes one note as it is on disk at write time (under the queue, so after any sync that
   * was running): `edit` gets the current text and returns the new one, or undefined when the
   * change no longer applies (the line it changes was edited meanwhile) — then nothing is written.
   */
  editFile(relative: string, edit: (text: string) => string | undefined, message: string, changedMessage: string): Promise<string> {
    const refused = refuseBadPaths([relative]);
    if (refused) return refused;
    return this.queue.run(async () => {
      await this.recovery.recover();
      const bytes = (await linkOnPath(this.root, relative)) ? undefined : readNoFollow(path.join(this.root, relative));
      if (bytes === undefined) throw new NotesRepoError('changed', `${relative} is gone (or is a link), so nothing was changed.`);
      const text = decodeUtf8(bytes);
      if (text === undefined) throw new NotesRepoError('refused', `${relative} is not valid UTF-8 text, so Mentorship will not rewrite it (that would change its bytes). Fix its encoding first.`);
      const updated = edit(text);
      if (updated === undefined) throw new NotesRepoError('changed', changedMessage);
      return this.writeAndCommit([{ path: relative, content: updated }], message);
    });
  }

  private async writeAndCommit(files: readonly NoteFile[], message: string): Promise<string> {
    await this.recovery.recover();
    await this.assertOnBranch();
    const paths = files.map((file) => file.path);
    const marked = files.find((file) => hasConflictMarkers(file.content));
    if (marked) {
      throw new NotesRepoError('refused', `${marked.path} still holds git conflict markers (<<<<<<< … >>>>>>>). Keep the text you want, remove the markers and save again; nothing was committed.`);
    }
    // Checked before anything is written, so a refused path leaves the others untouched too.
    for (const file of files) await ensureFoldersInside(this.root, file.path).then(async () => {
      const link = await linkOnPath(this.root, file.path);
      if (link) throw new NotesRepoError('refused', `Refused to write "${file.path}": "${link}" in the notes repo is a symbolic link, and Mentorship never writes outside the notes repo. Replace it with a plain file and try again.`);
    });
    await this.recovery.noteIntent({ paths, message });
    for (const file of files) await writeNoteInside(this.root, file.path, file.content);
    try {
      // Both print a line (add --verbose; commit without --quiet): simple-git waits ~50 ms
      // after a git call that prints nothing.
      const summary = await whileIndexLocked(async () => {
        await this.git.raw(['add', '--verbose', '--', ...paths]);
        // Exit 1 with "nothing to commit": the content did not change.
        return (await this.git.run(['commit', '--no-verify', '-m', message, '--', ...paths], [1])).stdout;
      });
      await this.recovery.clearIntent();
      const sha = (await this.git.raw(['rev-parse', 'HEAD'])).trim();
      // "[main 1a2b3c4] message" when a commit was made; unchanged content makes none.
      if (/^\[/.test(summary.trimStart())) this.notifyCommit();
      return sha;
    } catch (error) {
      const failure = toNotesRepoError(error, `Committing ${paths.join(', ')}`);
      if (failure.code !== 'index-locked') throw failure;
      throw new NotesRepoError(
        'index-locked',
        `Another git process holds the notes repo's index.lock, so ${paths.join(', ')} is written but not committed yet. It is committed with the next change or sync once the lock is gone; if no other git is running, the lock is stale and can be removed.`,
        failure.detail,
        path.join(this.root, '.git', 'index.lock'),
      );
    }
  }

  /** Never commit on a detached HEAD or during a merge (recovery ran just before). */
  private async assertOnBranch(): Promise<void> {
    const head = await fs.readFile(path.join(this.root, '.git', 'HEAD'), 'utf8').catch(() => '');
    const merging = await fs.access(path.join(this.root, '.git', 'MERGE_HEAD')).then(() => true, () => false);
    if (!head.startsWith('ref: refs/heads/') || merging) {
      throw new NotesRepoError('refused', 'The notes repo is in the middle of a git operation (detached HEAD or a merge) that Mentorship could not undo, so nothing was committed. Open the repo in a terminal and run "git status".');
    }
  }

  /**
   * Removes files as one commit. They stay in the history, so a removed note can be
   * recovered with git.
   */
  removeFiles(relativePaths: readonly string[], message: string): Promise<string> {
    const refused = refuseBadPaths(relativePaths);
    if (refused) return refused;
    return this.queue.run(async () => {
      try {
        await this.recovery.recover();
        await this.assertOnBranch();
        await this.recovery.noteIntent({ paths: relativePaths, message });
        // rm prints "rm 'path'", so simple-git does not wait for output that never comes.
        await this.git.raw(['rm', '--', ...relativePaths]);
        await this.git.raw(['commit', '--no-verify', '-m', message, '--', ...relativePaths]);
        await this.recovery.clearIntent();
        this.notifyCommit();
        return (await this.git.raw(['rev-parse', 'HEAD'])).trim();
      } catch (error) {
        throw toNotesRepoError(error, `Removing ${relativePaths.join(', ')}`);
      }
    });
  }

  /** Called after every commit (the sync scheduler pushes soon after). */
  onDidCommit(listener: () => void): { dispose(): void } {
    this.commitListeners.add(listener);
    return { dispose: () => this.commitListeners.delete(listener) };
  }

  private notifyCommit(): void {
    for (const listener of this.commitListeners) listener();
  }

  async remoteUrl(): Promise<string | undefined> {
    return (await this.configValue(`remote.${REMOTE_NAME}.url`)) || undefined;
  }

  /** Adds or changes the remote; the URL is validated (no credentials) before git runs. */
  setRemote(url: string): Promise<void> {
    const check = checkRemoteUrl(url);
    if (!check.ok) return Promise.reject(new NotesRepoError('refused', check.reason));
    return this.queue.run(async () => {
      const existing = await this.remoteUrl();
      if (existing === check.url) return;
      await this.git.raw(existing ? ['remote', 'set-url', REMOTE_NAME, check.url] : ['remote', 'add', REMOTE_NAME, check.url]);
    });
  }

  /** Removes the remote: notes stay in this clone and are no longer pushed anywhere. */
  removeRemote(): Promise<void> {
    return this.queue.run(async () => {
      if (await this.remoteUrl()) await this.git.raw(['remote', 'remove', REMOTE_NAME]);
    });
  }

  /** The branch HEAD is on, read from .git/HEAD (no git process: asked before every write). */
  async currentBranch(): Promise<string> {
    const read = (file: string): Promise<string> =>
      new Promise((resolve) => readFileCallback(path.join(this.root, '.git', file), 'utf8', (error, text) => resolve(error ? '' : text.trim())));
    const head = await read('HEAD');
    if (head.startsWith('ref: refs/heads/')) return head.slice('ref: refs/heads/'.length);
    // Detached (an interrupted rebase): the branch being rebased, else the default.
    const headName = await read('rebase-merge/head-name');
    return headName.startsWith('refs/heads/') ? headName.slice('refs/heads/'.length) : DEFAULT_BRANCH;
  }

  /** Commits not yet on the remote branch (all commits when it has never been pushed). */
  async pendingPushCount(): Promise<number> {
    if (!(await this.resolve('HEAD'))) return 0;
    const branch = await this.currentBranch();
    const tracking = `refs/remotes/${REMOTE_NAME}/${branch}`;
    const range = (await this.resolve(tracking)) ? `${tracking}..HEAD` : 'HEAD';
    return Number((await this.git.raw(['rev-list', '--count', range])).trim()) || 0;
  }

  /** A ref's commit, undefined when it does not exist (exit 1); a failing git throws. */
  private async resolve(ref: string): Promise<string | undefined> {
    const sha = (await this.git.run(['rev-parse', '--verify', '-q', ref], [1])).stdout.trim();
    return sha || undefined;
  }

  /**
   * Commit locally first (done by commitFiles), then bring in the remote's commits (rebase;
   * on a conflict, a merge that keeps both versions), then push and verify. Never force, never
   * commit conflict markers, never push over a remote whose history was rewritten.
   */
  sync(): Promise<SyncOutcome> {
    return this.queue.run(() =>
      syncNotes({
        root: this.root,
        git: this.git,
        recovery: this.recovery,
        remoteUrl: () => this.remoteUrl(),
        currentBranch: () => this.currentBranch(),
        pendingPushCount: () => this.pendingPushCount(),
        resolve: (ref) => this.resolve(ref),
        notifyCommit: () => this.notifyCommit(),
      }),
    );
  }

  /** Undoes whatever an interrupted operation left (start-up; writes and syncs do it themselves). */
  recover(): Promise<string[]> {
    return this.queue.run(() => this.recovery.recover());
  }

  /** For tests and diagnostics: the subjects of the newest commits. */
  async log(limit = 20): Promise<string[]> {
    const out = await this.git.raw(['log', `-${limit}`, '--format=%s']).catch(() => '');
    return out.split('\n').filter(Boolean);
  }
}
