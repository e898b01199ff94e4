import { existsSync, readFileSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { logGitNote, type Git } from './git';
import { hasConflictMarkers, readNoFollow, writeNoteInside } from './safeFiles';

/** Locks git leaves behind when it is killed; older than this, no live git holds them. */
export const DEFAULT_STALE_LOCK_MS = 10_000;
const LOCKS = ['index.lock', 'HEAD.lock', 'ORIG_HEAD.lock', 'MERGE_HEAD.lock', 'config.lock', 'packed-refs.lock', 'shallow.lock'];
const KEPT_PREFIX = 'refs/mentorship/kept';

/** A write about to happen, noted before it starts so an interrupted one is finished at the next start. */
export interface WriteIntent {
  readonly paths: readonly string[];
  readonly message: string;
}

/** What an interrupted operation left behind in `.git`, if anything. */
export type Interrupted = 'rebase' | 'merge' | 'cherry-pick' | 'revert' | 'detached' | undefined;

export function interruptedOperation(gitDir: string): Interrupted {
  if (existsSync(path.join(gitDir, 'rebase-merge')) || existsSync(path.join(gitDir, 'rebase-apply'))) return 'rebase';
  if (existsSync(path.join(gitDir, 'MERGE_HEAD'))) return 'merge';
  if (existsSync(path.join(gitDir, 'CHERRY_PICK_HEAD'))) return 'cherry-pick';
  if (existsSync(path.join(gitDir, 'REVERT_HEAD'))) return 'revert';
  const head = readHeadFile(gitDir);
  if (head !== undefined && !head.startsWith('ref: ')) return 'detached';
  return undefined;
}

function readHeadFile(gitDir: string): string | undefined {
  try {
    return readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Brings a notes repo back to a clean state after a crash (extension host, laptop lid, a killed
 * git): stale locks are removed, an interrupted rebase, merge or cherry-pick is undone, HEAD is
 * put back on its branch, and an interrupted save is committed. Every commit an undo would
 * leave unreachable is first kept under `refs/mentorship/kept/`, and edits in the working tree
 * are put back afterwards, so nothing anyone saved is lost. Runs before every write and sync.
 */
export class RepoRecovery {
  private readonly gitDir: string;
  private readonly intentFile: string;

  constructor(
    private readonly root: string,
    private readonly git: Git,
    private readonly branch: () => Promise<string>,
    private readonly committed: () => void,
    private readonly staleLockMs = DEFAULT_STALE_LOCK_MS,
  ) {
    this.gitDir = path.join(root, '.git');
    this.intentFile = path.join(this.gitDir, 'mentorship', 'intent.json');
  }

  /** Notes a write before it starts. */
  async noteIntent(intent: WriteIntent): Promise<void> {
    await fs.mkdir(path.dirname(this.intentFile), { recursive: true });
    await fs.writeFile(this.intentFile, JSON.stringify(intent));
  }

  async clearIntent(): Promise<void> {
    await fs.rm(this.intentFile, { force: true });
  }

  /** Recovers when needed; returns what was done (empty when the repo was clean), for the log. */
  async recover(): Promise<string[]> {
    const done: string[] = [];
    await this.removeStaleLocks(done);
    const interrupted = interruptedOperation(this.gitDir);
    if (interrupted) await this.undo(interrupted, done);
    await this.finishIntent(done);
    if (done.length > 0) logGitNote(`Recovered the notes repo ${this.root}: ${done.join('; ')}`);
    return done;
  }

  private async removeStaleLocks(done: string[]): Promise<void> {
    const now = Date.now();
    const candidates = [...LOCKS.map((name) => path.join(this.gitDir, name)), path.join(this.gitDir, 'refs', 'heads', `${await this.branch()}.lock`)];
    for (const lock of candidates) {
      try {
        const stat = await fs.stat(lock);
        if (now - stat.mtimeMs < this.staleLockMs) continue;
        await fs.rm(lock, { force: true });
        done.push(`removed the stale lock ${path.relative(this.root, lock)}`);
      } catch {
        // No such lock.
      }
    }
  }

  private async undo(interrupted: NonNullable<Interrupted>, done: string[]): Promise<void> {
    const branch = await this.branch();
    const branchRef = `refs/heads/${branch}`;
    await this.keep(['HEAD', 'MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD'], branchRef, done);
    for (const file of ['rebase-merge/orig-head', 'rebase-apply/orig-head', 'rebase-merge/autostash', 'rebase-apply/autostash']) {
      const sha = readSha(path.join(this.gitDir, file));
      if (sha) await this.keepSha(sha, file.replace('/', '-'), branchRef, done);
    }
    const edits = await this.workingTreeEdits();
    const abort: Record<NonNullable<Interrupted>, string[] | undefined> = {
      rebase: ['rebase', '--abort'],
      merge: ['merge', '--abort'],
      'cherry-pick': ['cherry-pick', '--abort'],
      revert: ['revert', '--abort'],
      detached: undefined,
    };
    const command = abort[interrupted];
    let undone = false;
    if (command) undone = await this.git.raw(command).then(() => true, () => false);
    if (undone && interrupted === 'rebase' && interruptedOperation(this.gitDir) === 'cherry-pick') {
      undone = await this.git.raw(['cherry-pick', '--quit']).then(() => true, () => false);
    }
    if (!undone || interruptedOperation(this.gitDir)) {
      // The abort itself failed (a half-written state): put HEAD back on the branch and the files
      // at its tip, then drop git's bookkeeping. The commits are kept above. When git cannot
      // (a lock still held), this throws and the state stays for the next attempt.
      await this.moveBranchToDetachedHead(branchRef);
      await this.git.raw(['symbolic-ref', 'HEAD', branchRef]);
      await this.git.raw(['reset', '--quiet', '--hard', 'HEAD']);
      for (const state of ['rebase-merge', 'rebase-apply', 'MERGE_HEAD', 'MERGE_MSG', 'MERGE_MODE', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'AUTO_MERGE', 'sequencer']) {
        await fs.rm(path.join(this.gitDir, state), { recursive: true, force: true });
      }
    }
    done.push(`undid an interrupted ${interrupted}`);
    await this.restoreEdits(edits, done);
    // The files may be back to an older state: views read them again.
    this.committed();
  }

  /** A detached HEAD that only added commits on top of the branch: the branch moves forward to it. */
  private async moveBranchToDetachedHead(branchRef: string): Promise<void> {
    const head = readHeadFile(this.gitDir);
    if (!head || head.startsWith('ref: ') || !/^[0-9a-f]{40,64}$/.test(head)) return;
    const branchTip = (await this.git.run(['rev-parse', '--verify', '-q', branchRef], [1])).stdout.trim();
    if (!branchTip) return;
    const forward = await this.git.run(['merge-base', '--is-ancestor', branchTip, head], [1]);
    if (forward.exitCode === 0) await this.git.raw(['update-ref', branchRef, head, branchTip]);
  }

  private async keep(names: readonly string[], branchRef: string, done: string[]): Promise<void> {
    for (const name of names) {
      const sha = name === 'HEAD' ? readHeadSha(this.gitDir, readHeadFile(this.gitDir)) : readSha(path.join(this.gitDir, name));
      if (sha) await this.keepSha(sha, name, branchRef, done);
    }
  }

  /** Keeps a ref to `sha` unless the branch already contains it. */
  private async keepSha(sha: string, name: string, branchRef: string, done: string[]): Promise<void> {
    const contained = await this.git.run(['merge-base', '--is-ancestor', sha, branchRef], [1]).then((r) => r.exitCode === 0, () => false);
    if (contained) return;
    const ref = `${KEPT_PREFIX}/${Date.now()}-${name.toLowerCase()}`;
    await this.git.raw(['update-ref', ref, sha]);
    done.push(`kept ${sha.slice(0, 7)} as ${ref}`);
  }

  /**
   * Edits of someone's own in the working tree: files that differ from HEAD and from the commit
   * being brought in (what git itself wrote there), without conflict markers.
   */
  private async workingTreeEdits(): Promise<Map<string, Buffer>> {
    const edits = new Map<string, Buffer>();
    const incoming = ['MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'rebase-merge/onto', 'rebase-apply/onto', 'ORIG_HEAD'].map((file) => readSha(path.join(this.gitDir, file))).filter((sha): sha is string => !!sha);
    const listed = await this.git.run(['diff', '--name-only', '-z', 'HEAD'], [1, 128]).catch(() => ({ stdout: '' }));
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      const bytes = readNoFollow(path.join(this.root, file));
      if (!bytes || hasConflictMarkers(bytes.toString('utf8'))) continue;
      let fromGit = false;
      for (const commit of incoming) {
        const version = await this.git.run(['cat-file', 'blob', `${commit}:${file}`], [128]).catch(() => undefined);
        if (version && version.exitCode === 0 && Buffer.from(version.stdout, 'utf8').equals(bytes)) fromGit = true;
      }
      if (!fromGit) edits.set(file, bytes);
    }
    return edits;
  }

  private async restoreEdits(edits: Map<string, Buffer>, done: string[]): Promise<void> {
    for (const [file, bytes] of edits) {
      const now = readNoFollow(path.join(this.root, file));
      if (now && now.equals(bytes)) continue;
      try {
        await writeNoteInside(this.root, file, bytes.toString('utf8'));
        done.push(`put back the edit of ${file}`);
      } catch {
        // A path that is not ours to write (a link): left as git restored it.
      }
    }
  }

  /** A save noted but not committed (the host died, or index.lock was held): commit it now. */
  private async finishIntent(done: string[]): Promise<void> {
    let intent: WriteIntent;
    try {
      intent = JSON.parse(await fs.readFile(this.intentFile, 'utf8')) as WriteIntent;
    } catch {
      return;
    }
    const paths = (intent.paths ?? []).filter((p) => typeof p === 'string' && !p.startsWith('-'));
    if (paths.length > 0) {
      const status = await this.git.raw(['status', '--porcelain', '--untracked-files=all', '--', ...paths]);
      if (status.trim()) {
        await this.git.raw(['add', '--verbose', '--all', '--', ...paths]);
        await this.git.raw(['commit', '--no-verify', '-m', `${intent.message}`, '--', ...paths]);
        done.push(`committed the interrupted save of ${paths.join(', ')}`);
        this.committed();
      }
    }
    await this.clearIntent();
  }
}

function readSha(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim().split(/\s/)[0] ?? '';
    return /^[0-9a-f]{40,64}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function readHeadSha(gitDir: string, head: string | undefined): string | undefined {
  if (!head) return undefined;
  if (!head.startsWith('ref: ')) return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  return readSha(path.join(gitDir, head.slice(5)));
}
