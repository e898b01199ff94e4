// Builds the sample workspace (a small real codebase to flag code in) and the sample notes
// repo (an agreement, three agenda items, two past sessions) from test/fixtures, as git repos.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './codeServer.mjs';

const FIXTURES = join(ROOT, 'test', 'fixtures');

function git(cwd, args, who = ['Sam Rivera', 'sam@example.com'], date) {
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: who[0], GIT_AUTHOR_EMAIL: who[1], GIT_COMMITTER_NAME: who[0], GIT_COMMITTER_EMAIL: who[1],
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

export function makeSampleWorkspace(target) {
  if (existsSync(join(target, '.git'))) return target;
  cpSync(join(FIXTURES, 'sample-workspace'), target, { recursive: true });
  git(target, ['init', '--quiet', '--initial-branch', 'main']);
  git(target, ['add', '-A']);
  git(target, ['commit', '--quiet', '-m', 'Cart, discounts and the totals hook']);
  return target;
}

// The day the fixture reads as written: two days after the last agenda item was flagged, within
// the agreed two-week cadence plus its grace, so nothing is overdue yet.
const FIXTURE_DAY = Date.parse('2026-11-22T00:00:00Z');
const DAY = 86_400_000;
const DATE = /\b(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}Z)?/g;

/**
 * Whole weeks (weekdays stay) that bring the fixture's day to within a week before `today`, so
 * the sample opened by `npm start` reads as a live mentorship, not one that stopped in 2026.
 */
export function sampleShiftDays(today) {
  return Math.max(0, Math.floor((today.getTime() - FIXTURE_DAY) / (7 * DAY)) * 7);
}

function shiftDate(text, days) {
  return text.replace(DATE, (_, date, time = '') => `${new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)}${time}`);
}

/** Moves every date in the copied notes (front matter, file names) forward by `days`. */
function shiftNotes(target, days) {
  for (const folder of ['.', 'sessions', 'agenda']) {
    for (const name of readdirSync(join(target, folder))) {
      if (!name.endsWith('.md')) continue;
      const file = join(target, folder, name);
      writeFileSync(file, shiftDate(readFileSync(file, 'utf8'), days));
      const renamed = shiftDate(name, days);
      if (renamed !== name) renameSync(file, join(target, folder, renamed));
    }
  }
}

/**
 * The notes repo, committed file by file in the order a real mentorship would produce them.
 * With `today`, its dates move forward in whole weeks so it reads as current (`npm start`);
 * without, they are the fixture's own (tests that name dates).
 */
export function makeSampleNotesRepo(target, { today } = {}) {
  if (existsSync(join(target, '.git'))) return target;
  cpSync(join(FIXTURES, 'sample-notes'), target, { recursive: true });
  const days = today ? sampleShiftDays(today) : 0;
  if (days > 0) shiftNotes(target, days);
  const at = (iso) => shiftDate(iso, days);
  git(target, ['init', '--quiet', '--initial-branch', 'main']);
  git(target, ['config', 'user.name', 'Sam Rivera']);
  git(target, ['config', 'user.email', 'sam@example.com']);
  const steps = [
    ['mentorship.md', 'Set up mentorship: Sam Rivera ↔ Alex Chen', at('2026-10-05T10:00:00Z')],
    ...readdirSync(join(target, 'sessions')).sort().map((f) => [`sessions/${f}`, `Record takeaways: ${f.slice(0, 10)}`, `${f.slice(0, 10)}T17:30:00Z`]),
    ...readdirSync(join(target, 'agenda')).sort().map((f) => [`agenda/${f}`, `Flag for next sync: ${f.replace('.md', '')}`, at('2026-11-20T12:00:00Z')]),
  ];
  for (const [file, message, date] of steps) {
    git(target, ['add', '--', file]);
    git(target, ['commit', '--quiet', '-m', message], undefined, date);
  }
  return target;
}
