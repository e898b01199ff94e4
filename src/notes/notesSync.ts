import { readFile as readFileCallback, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Git } from './git';
import { NotesRepoError, toNotesRepoError } from './gitErrors';
import type { RepoRecovery } from './repoRecovery';
import { writeNoteInside } from './safeFiles';

export const REMOTE_NAME = 'origin';

/** A note both people changed: ours stays at `path`, theirs is kept at `theirsPath`. */
export interface KeptBoth {
  readonly path: string;
  readonly theirsPath: string;
}

/** Where the other side's version of a conflicting note is kept (never listed as a note). */
export const CONFLICTS_FOLDER = 'conflicts';

export type SyncOutcome =
  | { readonly kind: 'no-remote' }
  | { readonly kind: 'synced'; readonly pushed: number; readonly pulled: boolean; readonly keptBoth: readonly KeptBoth[] }
  | { readonly kind: 'offline'; readonly pending: number; readonly reason: string }
  | { readonly kind: 'failed'; readonly pending: number; readonly error: NotesRepoError };

/** `sessions/x.md` → `conflicts/sessions/x-theirs-1a2b3c4.md`: a note of ours, never listed as a session. */
export function conflictCopyPath(file: string, shortSha: string): string {
  const extension = path.posix.extname(file);
  return `${CONFLICTS_FOLDER}/${file.slice(0, file.length - extension.length)}-theirs-${shortSha}${extension}`;
}

/** What the sync needs from its repo. */
export interface SyncContext {
  readonly root: string;
  readonly git: Git;
  readonly recovery: RepoRecovery;
  remoteUrl(): Promise<string | undefined>;
  currentBranch(): Promise<string>;
  pendingPushCount(): Promise<number>;
  resolve(ref: string): Promise<string | undefined>;
  notifyCommit(): void;
}

/**
 * Sync as a recoverable sequence: recover from any interrupted step, fetch into a holding ref,
 * refuse a rewritten remote, rebase (or on a conflict merge keeping both versions), push, and
 * only then verify that the remote branch is this clone's HEAD. A kill at any step leaves a
 * state the next run's recovery undoes without losing a commit (see RepoRecovery).
 */
export async function syncNotes(ctx: SyncContext): Promise<SyncOutcome> {
  try {
    await ctx.recovery.recover();
    if (!(await ctx.remoteUrl())) return { kind: 'no-remote' };
    const branch = await ctx.currentBranch();
    const before = await ctx.resolve('HEAD');
    const keptBoth = await integrateRemote(ctx, branch);
    const toPush = await ctx.pendingPushCount();
    if (toPush > 0) keptBoth.push(...(await push(ctx, branch)));
    await verifyInSync(ctx, branch);
    // Whether the other person's notes came in: the views redraw only then.
    const pulled = (await ctx.resolve('HEAD')) !== before;
    return { kind: 'synced', pushed: toPush, pulled, keptBoth };
  } catch (caught) {
    const error = toNotesRepoError(caught, 'Syncing the notes repo');
    const stillPending = await ctx.pendingPushCount().catch(() => 0);
    if (error.code === 'offline' || error.code === 'timeout') {
      return { kind: 'offline', pending: stillPending, reason: error.message };
    }
    return { kind: 'failed', pending: stillPending, error };
  }
}

/**
 * Fetches the remote branch into a holding ref first: only when the remote moved forward
 * from what this clone last accepted does it become the tracking branch. A remote that no
 * longer contains what we accepted — the other side's commits or our own pushed ones — was
 * rewritten (a force-push): we stop and say so, every time, until someone sorts it out.
 */
async function integrateRemote(ctx: SyncContext, branch: string): Promise<KeptBoth[]> {
  const tracking = `refs/remotes/${REMOTE_NAME}/${branch}`;
  const incoming = 'refs/mentorship/incoming';
  const seen = (await acceptedRemote(ctx.root)) ?? (await ctx.resolve(tracking));
  try {
    // --verbose: git always prints, so simple-git does not wait 50 ms for output that never comes.
    await ctx.git.raw(['fetch', '--verbose', '--no-tags', REMOTE_NAME, `+refs/heads/${branch}:${incoming}`]);
  } catch (caught) {
    const error = toNotesRepoError(caught, 'Fetching the notes repo');
    if (error.code === 'no-remote-branch') return []; // an empty remote: the first push creates it
    throw error;
  }
  const remote = await ctx.resolve(incoming);
  if (!remote) return [];
  if (seen && seen !== remote && !(await isAncestor(ctx, seen, remote))) {
    await ctx.git.raw(['update-ref', tracking, seen]);
    throw new NotesRepoError(
      'remote-rewritten',
      `The notes repo's remote history was rewritten by someone else (commits this clone had already synced are gone from "${branch}"). ` +
        'Mentorship will not push over it and has not changed your notes. Ask the other person what happened; your notes are all still here.',
    );
  }
  await acceptRemote(ctx.root, remote);
  if ((await ctx.resolve(tracking)) !== remote) await ctx.git.raw(['update-ref', tracking, remote]);
  if (!(await ctx.resolve('HEAD'))) {
    // A fresh repo with nothing of its own yet: take the remote's history as it is.
    await ctx.git.raw(['merge', '--ff-only', '--quiet', remote]);
    ctx.notifyCommit();
    return [];
  }
  if (await isAncestor(ctx, remote, 'HEAD')) return [];
  // Noted before the multi-step part: the commits this clone had, whatever happens next. The
  // rebase rewrites them, so the versions they saved stay reachable under refs/mentorship/kept/.
  await ctx.git.raw(['update-ref', `refs/mentorship/kept/${Date.now()}-before-rebase`, 'HEAD']);
  try {
    await ctx.git.raw(['rebase', '--autostash', remote]);
    ctx.notifyCommit();
    return [];
  } catch (caught) {
    const error = toNotesRepoError(caught, 'Rebasing on the remote notes');
    // Never leave the repo mid-rebase or commit conflict markers. Our own rebase stopped on a
    // conflict: aborting puts the branch back (its commits are the originals); anything odd is
    // left to recovery, which keeps every commit first.
    await ctx.git.raw(['rebase', '--abort']).catch(() => ctx.recovery.recover());
    if (error.code !== 'conflict') throw error;
    return mergeKeepingBoth(ctx, remote);
  }
}

/**
 * Both people changed the same lines of a note. Merge the remote branch, and for each file
 * git cannot merge keep our version in place and theirs under `conflicts/`, so nothing is
 * lost, no markers are committed, and the result pushes without force.
 */
async function mergeKeepingBoth(ctx: SyncContext, remote: string): Promise<KeptBoth[]> {
  const dirty = (await ctx.git.raw(['status', '--porcelain', '--untracked-files=no', '-z'])).split('\0').filter(Boolean).map((line) => line.slice(3));
  if (dirty.length > 0) {
    throw new NotesRepoError(
      'conflict',
      `The other person changed the same notes, and this notes repo has edits that are not committed: ${dirty.join(', ')}. Save them from the editor (or undo them), then sync again: nothing was changed.`,
    );
  }
  const short = (await ctx.git.raw(['rev-parse', '--short', remote])).trim();
  const merge = await ctx.git.run(['merge', '--no-ff', '--no-commit', '--no-verify', remote], [1]).catch((error: unknown) => error);
  if (merge instanceof Error && !(await fs.access(path.join(ctx.root, '.git', 'MERGE_HEAD')).then(() => true, () => false))) {
    throw toNotesRepoError(merge, 'Merging the other side\'s notes');
  }
  const unmerged = [...new Set((await ctx.git.raw(['diff', '--name-only', '--diff-filter=U', '-z'])).split('\0').filter(Boolean))];
  const kept: KeptBoth[] = [];
  try {
    for (const file of unmerged) {
      const ours = await showAt(ctx, 'HEAD', file);
      const theirs = await showAt(ctx, remote, file);
      if (ours !== undefined || theirs !== undefined) await writeNoteInside(ctx.root, file, ours ?? theirs ?? '');
      const toAdd = [file];
      if (ours !== undefined && theirs !== undefined && ours !== theirs) {
        const theirsPath = conflictCopyPath(file, short);
        await writeNoteInside(ctx.root, theirsPath, theirs);
        toAdd.push(theirsPath);
        kept.push({ path: file, theirsPath });
      }
      await ctx.git.raw(['add', '--verbose', '--', ...toAdd]);
    }
    const message = kept.length ? `Sync: kept both versions of ${kept.map((k) => k.path).join(', ')}` : 'Sync: merge the other side\'s notes';
    await ctx.git.raw(['commit', '--no-verify', '-m', message]);
  } catch (error) {
    await ctx.recovery.recover();
    throw toNotesRepoError(error, 'Keeping both versions of the notes');
  }
  ctx.notifyCommit();
  return kept;
}

async function push(ctx: SyncContext, branch: string): Promise<KeptBoth[]> {
  const args = ['push', '--porcelain', '--set-upstream', REMOTE_NAME, `HEAD:refs/heads/${branch}`];
  try {
    await ctx.git.raw(args);
    return [];
  } catch (caught) {
    const error = toNotesRepoError(caught, 'Pushing the notes repo');
    if (error.code !== 'rejected') throw error;
    // Someone pushed in between: bring in their work once more, then push again.
    const kept = await integrateRemote(ctx, branch);
    await ctx.git.raw(args);
    return kept;
  }
}

/**
 * "In sync" only when the remote branch is this clone's HEAD, as the remote itself says (a
 * killed push may have sent nothing). What we pushed is then what we accepted, so a third party
 * who later drops our own pushed commits is noticed like any other rewrite.
 */
async function verifyInSync(ctx: SyncContext, branch: string): Promise<void> {
  const head = await ctx.resolve('HEAD');
  if (!head) return;
  const listed = await ctx.git.raw(['ls-remote', '--heads', REMOTE_NAME, `refs/heads/${branch}`]);
  const remote = listed.split(/\s/)[0] ?? '';
  if (remote !== head && !(remote && (await remoteContains(ctx, branch, head)))) {
    throw new NotesRepoError('unknown', `The notes were not confirmed on the remote ("${branch}" there is ${remote ? remote.slice(0, 7) : 'missing'}, here ${head.slice(0, 7)}). They are safe here and will be sent on the next sync.`);
  }
  await acceptRemote(ctx.root, head);
  const tracking = `refs/remotes/${REMOTE_NAME}/${branch}`;
  if ((await ctx.resolve(tracking)) !== head) await ctx.git.raw(['update-ref', tracking, head]);
}

/** The other side pushed right after us: our HEAD is on the remote when its newer tip contains it. */
async function remoteContains(ctx: SyncContext, branch: string, head: string): Promise<boolean> {
  await ctx.git.raw(['fetch', '--verbose', '--no-tags', REMOTE_NAME, `+refs/heads/${branch}:refs/mentorship/incoming`]);
  const incoming = await ctx.resolve('refs/mentorship/incoming');
  return incoming !== undefined && (await isAncestor(ctx, head, incoming));
}

async function showAt(ctx: SyncContext, commit: string, file: string): Promise<string | undefined> {
  const result = await ctx.git.run(['cat-file', '-p', `${commit}:${file}`], [128]);
  return result.exitCode === 0 ? result.stdout : undefined;
}

/** By exit code: 0 yes, 1 no; a killed or failing git is an error, never a "no". */
async function isAncestor(ctx: SyncContext, ancestor: string, descendant: string): Promise<boolean> {
  return (await ctx.git.run(['merge-base', '--is-ancestor', ancestor, descendant], [1])).exitCode === 0;
}

// A file of our own in .git (no git process): the remote commit this clone last accepted.
function acceptedFile(root: string): string {
  return path.join(root, '.git', 'mentorship', 'accepted-remote');
}

async function acceptedRemote(root: string): Promise<string | undefined> {
  const text = await new Promise<string>((resolve) => readFileCallback(acceptedFile(root), 'utf8', (error, data) => resolve(error ? '' : data)));
  return /^[0-9a-f]{40,64}$/.test(text.trim()) ? text.trim() : undefined;
}

async function acceptRemote(root: string, sha: string): Promise<void> {
  if ((await acceptedRemote(root)) === sha) return;
  await fs.mkdir(path.dirname(acceptedFile(root)), { recursive: true });
  const temp = `${acceptedFile(root)}.tmp`;
  await fs.writeFile(temp, `${sha}\n`);
  await fs.rename(temp, acceptedFile(root));
}
