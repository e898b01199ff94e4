// A stand-in extension host for the fault-injection suite: runs one notes operation through the
// product's own NotesRepo (as the commands do) in a child process the suite can kill at any git
// step. Prints one JSON line with the outcome; killed, it prints nothing.
//   node hostDriver.js '{"root": "...", "op": {...}, "kill": {"step": 3, "at": "before"}}'
import { readdirSync, readFileSync } from 'node:fs';
import { setGitStepProbe } from '../../src/notes/git';
import { NotesRepo } from '../../src/notes/notesRepo';
import { SessionStore } from '../../src/notes/sessionStore';

export type HostOp =
  | { readonly kind: 'sync' }
  | { readonly kind: 'commit'; readonly path: string; readonly content: string }
  | { readonly kind: 'done'; readonly path: string; readonly line: number; readonly text: string }
  | { readonly kind: 'recover' };

/** Where to kill: the host before or after git step N, or the git child of step N once spawned. */
export interface KillAt {
  readonly step: number;
  readonly at: 'before' | 'after' | 'git';
}

export interface HostRequest {
  readonly root: string;
  readonly op: HostOp;
  readonly kill?: KillAt;
  readonly staleLockMs?: number;
}

export interface HostResult {
  readonly ok: boolean;
  readonly outcome?: string;
  readonly code?: string;
  readonly message?: string;
  /** Git steps the operation ran (to choose kill points). */
  readonly steps: number;
  /** The git command of each step, in order. */
  readonly commands: readonly string[];
}

/** Child git processes of this process (Linux /proc). */
function gitChildren(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && stat.includes('(git')) pids.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as HostRequest;
  let steps = 0;
  const commands: string[] = [];
  setGitStepProbe((step, phase, args) => {
    steps = Math.max(steps, step);
    if (phase === 'before') commands[step - 1] = args.filter((arg) => !arg.startsWith('-')).slice(0, 1).join(' ');
    const kill = request.kill;
    if (!kill || step !== kill.step) return;
    if (kill.at === 'git' && phase === 'spawned') {
      for (const pid of gitChildren()) process.kill(pid, 'SIGKILL');
    } else if (kill.at === phase) {
      process.kill(process.pid, 'SIGKILL');
    }
  });
  const repo = await NotesRepo.open(request.root, { staleLockMs: request.staleLockMs });
  print({ ...(await runOp(repo, request.op)), steps, commands });
}

/** Runs one operation as the commands do; the same code in a child host or in-process. */
export async function runOp(repo: NotesRepo, op: HostOp): Promise<Omit<HostResult, 'steps' | 'commands'>> {
  try {
    let outcome = '';
    if (op.kind === 'sync') {
      const result = await repo.sync();
      outcome = result.kind;
      if (result.kind === 'failed') outcome += `:${result.error.code}:${result.error.message}`;
    } else if (op.kind === 'commit') {
      outcome = await repo.commitFiles([{ path: op.path, content: op.content }], `Save ${op.path}`);
    } else if (op.kind === 'done') {
      await new SessionStore(repo).setActionItemDone(op.path, { line: op.line, text: op.text, done: false }, true);
      outcome = 'done';
    } else {
      outcome = (await repo.recover()).join('; ');
    }
    return { ok: true, outcome };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { ok: false, code: e.code, message: e.message };
  }
}

function print(result: HostResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) void main();
