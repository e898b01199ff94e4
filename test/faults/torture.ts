// `npm run torture`: a seeded random run of notes operations on two clones of one bare remote,
// through the product's own NotesRepo, with the host killed at random git steps, git children
// killed, the remote taken away and rewritten by a third party, and stale locks. Prints the
// figures the README's "Reliability" section quotes.
//   node out/test/faults/torture.js [--seed N] [--ops N]
import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { git } from '../support/git';
import type { KillAt } from './hostDriver';
import { ACTIONS_FILE, FaultWorld, rewriteRemote, SIDES, type Side } from './world';
import { mulberry32 } from '../support/random';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const NOTES = ['agenda/t1.md', 'agenda/t2.md', 'sessions/2026-01-02-torture1.md', 'updates/2026-01-03-torture2.md'];

async function main(): Promise<void> {
  const seed = argument('seed', 1);
  const total = argument('ops', 1000);
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const started = Date.now();
  const world = await FaultWorld.create();
  const counts = { saves: 0, marks: 0, syncs: 0, hostKills: 0, gitKills: 0, staleLocks: 0, remoteAway: 0, rewrites: 0, rewritesReported: 0, refusedChanged: 0, stuck: 0 };
  const stuckNotes: string[] = [];
  let awayFor = 0;
  let version = 0;

  const killPlan = (chance: number, maxStep: number): KillAt | undefined => {
    if (next() >= chance) return undefined;
    return { step: 1 + Math.floor(next() * maxStep), at: pick(['before', 'after', 'git'] as const) };
  };
  const count = (kill: KillAt | undefined, result: { steps: number } | undefined): void => {
    if (kill && !result) counts.hostKills++;
    // With a result, the git child of the step was killed when the operation got that far.
    if (kill?.at === 'git' && result && result.steps >= kill.step) counts.gitKills++;
  };

  for (let op = 1; op <= total; op++) {
    const side: Side = pick(SIDES);
    const roll = next();
    if (awayFor > 0 && --awayFor === 0) renameSync(`${world.bare}.away`, world.bare);
    if (roll < 0.3) {
      // A save: a whole note, or one line of the note both sides edit.
      counts.saves++;
      version++;
      const shared = next() < 0.4;
      const file = shared ? ACTIONS_FILE : pick(NOTES);
      const current = (await (await world.open(side)).readFile(file)) ?? '---\ndate: 2026-01-01\n---\n';
      const task = Math.floor(next() * 40);
      const content = shared
        ? current.replace(new RegExp(`^- \\[( |x)\\] task ${task}\\b.*$`, 'm'), `- [$1] task ${task} · ${side} v${version}`)
        : `${current.split('\n').slice(0, 3).join('\n')}\n${side} wrote v${version} (${'·'.repeat(Math.floor(next() * 40))})\n`;
      const kill = killPlan(0.15, 8);
      count(kill, await world.run(side, { kind: 'commit', path: file, content }, kill));
    } else if (roll < 0.4) {
      counts.marks++;
      const text = (await (await world.open(side)).readFile(ACTIONS_FILE)) ?? '';
      const lines = text.split('\n');
      const open = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.startsWith('- [ ] '));
      if (open.length === 0) continue;
      const target = pick(open);
      const kill = killPlan(0.15, 8);
      const result = await world.run(side, { kind: 'done', path: ACTIONS_FILE, line: target.index, text: target.line.slice(6) }, kill);
      count(kill, result);
      if (result && !result.ok && result.code === 'changed') counts.refusedChanged++;
    } else if (roll < 0.8) {
      counts.syncs++;
      const kill = killPlan(0.35, 30);
      const result = await world.run(side, { kind: 'sync' }, kill);
      count(kill, result);
      // A sync whose git child was killed fails by design; the next one must recover.
      if (result && !kill) {
        const interrupted = world.interrupted(side);
        const expected = awayFor > 0 ? /^offline/ : /^synced/;
        if (interrupted || !expected.test(result.outcome ?? result.message ?? '')) {
          counts.stuck++;
          stuckNotes.push(`op ${op} ${side}: ${interrupted ? `mid-${interrupted}` : (result.outcome ?? result.message)}`);
          console.log(`stuck: ${stuckNotes[stuckNotes.length - 1]}`);
        }
      }
    } else if (roll < 0.87) {
      counts.staleLocks++;
      const lock = path.join(world.root(side), '.git', 'index.lock');
      writeFileSync(lock, '');
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
    } else if (roll < 0.94) {
      if (awayFor > 0) continue;
      counts.remoteAway++;
      renameSync(world.bare, `${world.bare}.away`);
      awayFor = 1 + Math.floor(next() * 4);
    } else {
      if (awayFor > 0) continue;
      // A third party rewrites the remote once both sides have seen all of it, then undoes it.
      const a = await world.sync('a');
      const b = await world.sync('b');
      const again = await world.sync('a');
      if (a.kind !== 'synced' || b.kind !== 'synced' || again.kind !== 'synced' || Number(git(world.bare, 'rev-list', '--count', 'main')) < 3) continue;
      counts.rewrites++;
      const before = git(world.bare, 'rev-parse', 'main');
      rewriteRemote(world.bare, pick(['amend', 'drop', 'squash'] as const));
      let reported = 0;
      for (const s of SIDES) {
        const outcome = await world.sync(s);
        if (outcome.kind === 'failed' && outcome.error.code === 'remote-rewritten') reported++;
      }
      if (reported === 2) counts.rewritesReported++;
      git(world.bare, 'update-ref', 'refs/heads/main', before);
    }
    if (op % 50 === 0) {
      const f = world.figures();
      console.log(`op ${op}: saved ${f.saved}, lost ${f.lost}, only in reflog ${f.onlyInReflog}, only in kept refs ${f.onlyInKeptRefs}, stuck ${counts.stuck}, markers ${f.markersCommitted}, outside ${f.writesOutside}`);
    }
  }
  if (awayFor > 0) renameSync(`${world.bare}.away`, world.bare);
  // Settle: every side syncs, unkilled, until both agree.
  for (let round = 0; round < 3 && !(round > 0 && world.converged()); round++) {
    for (const side of SIDES) {
      const outcome = await world.sync(side);
      if (outcome.kind !== 'synced') stuckNotes.push(`settle ${side}: ${JSON.stringify(outcome)}`);
    }
  }
  const figures = world.figures();
  const converged = world.converged();
  const conflictCopies = git(world.root('a'), 'ls-files', 'conflicts').split('\n').filter(Boolean).length;
  const report = { seed, operations: total, minutes: Math.round((Date.now() - started) / 6000) / 10, ...counts, conflictCopies, ...figures, converged, stuckNotes };
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `\nTorture seed ${seed}, ${total} operations: ${figures.saved} saved versions; ${figures.lost} lost, ${figures.onlyInReflog} only in the reflog, ` +
      `${figures.onlyInKeptRefs} only under refs/mentorship/kept; ${counts.stuck} stuck; ${figures.markersCommitted} markers committed; ${figures.writesOutside} writes outside; ` +
      `${counts.hostKills} host kills, ${counts.gitKills} git kills, ${counts.rewrites} rewrites (${counts.rewritesReported} reported to both), ${conflictCopies} versions kept both; converged: ${converged}.`,
  );
  process.exitCode = figures.lost + figures.onlyInReflog + counts.stuck + figures.markersCommitted + figures.writesOutside === 0 && converged ? 0 : 1;
}

void main();
