import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { agreementFromDraft, renderAgreement } from '../../src/core/agreement';

/** A new notes folder for a benchmark: Sam and Alex's agreement and an empty `folder`. */
export function benchNotes(name: string, folder: string, limits: { sessionsPlanned: number; started: string }): string {
  const notes = path.join(mkdtempSync(path.join(tmpdir(), `mentorship-bench-${name}-`)), 'notes');
  mkdirSync(path.join(notes, folder), { recursive: true });
  const agreement = agreementFromDraft({
    role: 'mentee', me: { name: 'Sam', email: 'sam@example.com' }, other: { name: 'Alex', email: 'alex@example.com' },
    purpose: 'Benchmark', sessionsPlanned: limits.sessionsPlanned, minutesPerSession: 75, cadence: 'weekly', started: limits.started,
  });
  writeFileSync(path.join(notes, 'mentorship.md'), renderAgreement(agreement));
  return notes;
}

/** Makes the folder a git repo with everything in it as one commit. */
export function commitBenchNotes(notes: string): void {
  execFileSync('git', ['init', '--quiet', '--initial-branch', 'main'], { cwd: notes });
  execFileSync('git', ['-c', 'user.name=B', '-c', 'user.email=b@e', 'add', '-A'], { cwd: notes });
  execFileSync('git', ['-c', 'user.name=B', '-c', 'user.email=b@e', 'commit', '--quiet', '-m', 'seed'], { cwd: notes });
}
