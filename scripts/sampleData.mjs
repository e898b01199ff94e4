// Builds the sample workspace (a small real codebase to flag code in) and the sample notes
// repo (an agreement, three agenda items, two past sessions) from test/fixtures, as git repos.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
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

/** The notes repo, committed file by file in the order a real mentorship would produce them. */
export function makeSampleNotesRepo(target) {
  if (existsSync(join(target, '.git'))) return target;
  cpSync(join(FIXTURES, 'sample-notes'), target, { recursive: true });
  git(target, ['init', '--quiet', '--initial-branch', 'main']);
  git(target, ['config', 'user.name', 'Sam Rivera']);
  git(target, ['config', 'user.email', 'sam@example.com']);
  const steps = [
    ['mentorship.md', 'Set up mentorship: Sam Rivera ↔ Alex Chen', '2026-10-05T10:00:00Z'],
    ...readdirSync(join(target, 'sessions')).sort().map((f) => [`sessions/${f}`, `Record takeaways: ${f.slice(0, 10)}`, `${f.slice(0, 10)}T17:30:00Z`]),
    ...readdirSync(join(target, 'agenda')).sort().map((f) => [`agenda/${f}`, `Flag for next sync: ${f.replace('.md', '')}`, '2026-11-20T12:00:00Z']),
  ];
  for (const [file, message, date] of steps) {
    git(target, ['add', '--', file]);
    git(target, ['commit', '--quiet', '-m', message], undefined, date);
  }
  return target;
}
