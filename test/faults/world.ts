// Two clones (mentee "a", mentor "b") of one bare remote, driven through the product's own
// NotesRepo, with the checks the fault-injection suite makes after every step.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NotesRepo, type SyncOutcome } from '../../src/notes/notesRepo';
import { interruptedOperation } from '../../src/notes/repoRecovery';
import { git, tempFolder } from '../support/git';
import { runOp, type HostOp, type HostRequest, type HostResult, type KillAt } from './hostDriver';

export type Side = 'a' | 'b';
export const SIDES: readonly Side[] = ['a', 'b'];
export const ACTIONS_FILE = 'sessions/2026-01-01-actions0.md';
/** Locks older than this are stale for the suite's hosts (the product default is 10 s). */
export const STALE_LOCK_MS = 300;

const DRIVER = path.join(__dirname, 'hostDriver.js');

/** git's id of a blob with this content: how a saved version is found in any history. */
export function blobId(content: string | Buffer): string {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export interface Figures {
  saved: number;
  lost: number;
  onlyInReflog: number;
  /** Versions a rebase rewrote (merged with the other side's edit of the same note), kept under refs/mentorship/kept/. */
  onlyInKeptRefs: number;
  stuck: number;
  markersCommitted: number;
  writesOutside: number;
}

/** A third party with plain git and push rights, rewriting the remote's main. */
export function rewriteRemote(bare: string, how: 'amend' | 'drop' | 'squash'): void {
  const work = path.join(tempFolder('third-party'), 'w');
  git(path.dirname(work), 'clone', '--quiet', bare, work);
  if (how === 'amend') git(work, 'commit', '--quiet', '--amend', '-m', 'amended by a third party');
  if (how === 'drop') git(work, 'reset', '--quiet', '--hard', 'HEAD~1');
  if (how === 'squash') {
    git(work, 'reset', '--quiet', '--soft', 'HEAD~2');
    git(work, 'commit', '--quiet', '-m', 'squashed by a third party');
  }
  git(work, 'push', '--quiet', '--force', 'origin', 'HEAD:main');
}

export class FaultWorld {
  /** Every version either side was told is saved: blob id → where it was saved. */
  readonly saved = new Map<string, string>();
  private outsideSnapshot = '';

  private constructor(
    readonly base: string,
    readonly bare: string,
    readonly outside: string,
  ) {}

  root(side: Side): string {
    return path.join(this.base, side, 'notes');
  }

  /** A bare remote with an agreement and a session with action items, cloned by both sides. */
  static async create(): Promise<FaultWorld> {
    const base = tempFolder('faults');
    const bare = path.join(base, 'remote.git');
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch', 'main', bare]);
    const outside = path.join(base, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'bashrc'), '# the user\'s own file\n');
    mkdirSync(path.join(outside, 'folder'));
    const world = new FaultWorld(base, bare, outside);
    const seed = await NotesRepo.openOrCreate(path.join(base, 'seed'));
    await seed.setIdentity('Seed', 'seed@example.com');
    const actions = ['---', 'date: 2026-01-01', '---', '', '## Action items', '', ...Array.from({ length: 40 }, (_, i) => `- [ ] task ${i}`), ''].join('\n');
    await seed.commitFiles([{ path: 'mentorship.md', content: 'agreement\n' }, { path: ACTIONS_FILE, content: actions }], 'Set up');
    await seed.setRemote(bare);
    await seed.sync();
    for (const side of SIDES) {
      const repo = await NotesRepo.clone(bare, world.root(side), { staleLockMs: STALE_LOCK_MS });
      await repo.setIdentity(side === 'a' ? 'Sam (mentee)' : 'Alex (mentor)', `${side}@example.com`);
    }
    world.snapshotOutside();
    return world;
  }

  /** A copy of this world in a new folder (cheaper than creating one per case). */
  copy(): FaultWorld {
    const base = tempFolder('faults-copy');
    cpSync(this.base, base, { recursive: true, verbatimSymlinks: true });
    const copy = new FaultWorld(base, path.join(base, 'remote.git'), path.join(base, 'outside'));
    for (const side of SIDES) git(copy.root(side), 'remote', 'set-url', 'origin', copy.bare);
    for (const [id, where] of this.saved) copy.saved.set(id, where);
    copy.snapshotOutside();
    return copy;
  }

  open(side: Side): Promise<NotesRepo> {
    return NotesRepo.open(this.root(side), { staleLockMs: STALE_LOCK_MS });
  }

  /** Saves a note in-process and records the version as saved. */
  async save(side: Side, file: string, content: string): Promise<void> {
    await (await this.open(side)).commitFiles([{ path: file, content }], `Save ${file}`);
    this.saved.set(blobId(content), `${side}:${file}`);
  }

  async sync(side: Side): Promise<SyncOutcome> {
    return (await this.open(side)).sync();
  }

  /** Runs one operation: in a child host when it is to be killed, else in-process (faster, same code). */
  async run(side: Side, op: HostOp, kill?: KillAt): Promise<HostResult | undefined> {
    if (kill) return this.host(side, op, kill);
    const result = { ...(await runOp(await this.open(side), op)), steps: 0, commands: [] };
    this.record(side, op, result);
    return result;
  }

  private record(side: Side, op: HostOp, result: HostResult): void {
    if (op.kind === 'commit' && result.ok) this.saved.set(blobId(op.content), `${side}:${op.path}`);
    if (op.kind === 'done' && result.ok) this.recordFile(side, op.path);
  }

  /** Runs one operation in a child host, killed as asked; undefined when it was killed. */
  async host(side: Side, op: HostOp, kill?: KillAt): Promise<HostResult | undefined> {
    const request: HostRequest = { root: this.root(side), op, kill, staleLockMs: STALE_LOCK_MS };
    const child = spawn(process.execPath, [DRIVER, JSON.stringify(request)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    const line = out.trim().split('\n').pop();
    if (signal === 'SIGKILL' || !line) {
      if (!line && signal !== 'SIGKILL') throw new Error(`the host ended without a result: ${err}`);
      // git children of a killed host run on for a moment, holding their locks: as after a
      // real crash, the next host starts once they are done (a live git's lock is not stale).
      for (let waited = 0; waited < 20_000 && gitsWorkingIn(this.base); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, STALE_LOCK_MS + 50));
      return undefined;
    }
    const result = JSON.parse(line) as HostResult;
    // A killed git leaves its lock; the product's next sync comes later than that lock's staleness.
    if (kill?.at === 'git') await new Promise((resolve) => setTimeout(resolve, STALE_LOCK_MS + 50));
    this.record(side, op, result);
    return result;
  }

  /** Records a file's current text on a side as a saved version. */
  recordFile(side: Side, file: string): void {
    const text = readFileSync(path.join(this.root(side), file));
    this.saved.set(blobId(text), `${side}:${file}`);
  }

  snapshotOutside(): void {
    this.outsideSnapshot = listing(this.outside);
  }

  /** Files created or changed in the folder outside every notes repo since the snapshot. */
  writesOutside(): number {
    const now = listing(this.outside).split('\n');
    const before = new Set(this.outsideSnapshot.split('\n'));
    return now.filter((line) => !before.has(line)).length;
  }

  interrupted(side: Side): string | undefined {
    return interruptedOperation(path.join(this.root(side), '.git'));
  }

  /** Saved versions nowhere (lost) and only in unreachable objects (reflog), and committed markers. */
  figures(): Pick<Figures, 'saved' | 'lost' | 'onlyInReflog' | 'onlyInKeptRefs' | 'markersCommitted' | 'writesOutside'> & { missing: string[] } {
    const present = new Set<string>();
    const kept = new Set<string>();
    for (const side of SIDES) {
      const refs = git(this.root(side), 'for-each-ref', '--format=%(refname)', 'refs/mentorship/kept/').split('\n').filter(Boolean);
      if (refs.length === 0) continue;
      for (const line of git(this.root(side), 'rev-list', '--objects', ...refs).split('\n')) kept.add(line.slice(0, 40));
    }
    const repos = [this.bare, ...SIDES.map((side) => this.root(side))];
    let markersCommitted = 0;
    for (const repo of repos) {
      try {
        execFileSync('git', ['rev-parse', '--verify', '-q', 'refs/heads/main'], { cwd: repo, stdio: 'ignore' });
      } catch {
        continue;
      }
      for (const line of git(repo, 'rev-list', '--objects', 'refs/heads/main').split('\n')) present.add(line.slice(0, 40));
      markersCommitted += (git(repo, 'log', '-p', '--format=', 'refs/heads/main').match(/^\+<{7} /gm) ?? []).length;
    }
    for (const side of SIDES) for (const file of walk(this.root(side))) present.add(blobId(readFileSync(file)));
    let lost = 0;
    let onlyInReflog = 0;
    let onlyInKeptRefs = 0;
    const missing: string[] = [];
    for (const [id, where] of this.saved) {
      if (present.has(id)) continue;
      if (kept.has(id)) {
        onlyInKeptRefs++;
        continue;
      }
      const inObjects = SIDES.some((side) => {
        try {
          execFileSync('git', ['cat-file', '-e', id], { cwd: this.root(side), stdio: 'ignore' });
          return true;
        } catch {
          return false;
        }
      });
      if (inObjects) onlyInReflog++;
      else lost++;
      missing.push(`${where} ${id.slice(0, 7)}${inObjects ? ' (only in git objects)' : ''}`);
    }
    return { saved: this.saved.size, lost, onlyInReflog, onlyInKeptRefs, markersCommitted, writesOutside: this.writesOutside(), missing };
  }

  /** Both sides and the remote at one commit with the same files. */
  converged(): boolean {
    const remote = git(this.bare, 'rev-parse', 'main');
    return SIDES.every((side) => git(this.root(side), 'rev-parse', 'HEAD') === remote && git(this.root(side), 'status', '--porcelain', '--untracked-files=no') === '');
  }
}

/** True while a git process runs in a folder under `base` (Linux /proc). */
function gitsWorkingIn(base: string): boolean {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('git') && readlinkSync(`/proc/${pid}/cwd`).startsWith(base)) return true;
    } catch {
      // Gone, or not ours to read.
    }
  }
  return false;
}

function walk(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === '.git') return [];
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return walk(file);
    return entry.isFile() ? [file] : [];
  });
}

function listing(folder: string): string {
  return walk(folder)
    .map((file) => `${path.relative(folder, file)} ${blobId(readFileSync(file))}`)
    .sort()
    .join('\n');
}
