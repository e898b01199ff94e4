#!/usr/bin/env node
// `npm run eval:anchors -- --harness <anchor-eval dir> --repo <git dir> [--repo …]`: how well
// flagged code is found again on the real history of public repositories, for the product and
// three baselines. Cases (flagged ranges at commit A, truth at a later commit B from git blame)
// and scoring come from the anchor-eval harness (make-cases.mjs, eval.mjs); the product runs
// through scripts/anchor-eval/productRelocator.mjs. Nothing of the repositories is kept in the
// project: cases go to --cases-dir (default: a folder under the system temp dir).
//
//   --harness <dir>    the anchor-eval folder (or env MENTORSHIP_ANCHOR_EVAL)
//   --repo <git dir>   a clone or bare mirror; repeat for more repositories
//   --n 300 --seed 1   cases per repository, and the sample's seed
//   --cases-dir <dir>  where case files are written and reused (same repo, n, seed and HEAD)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = { repo: [] };
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, '');
  const value = process.argv[++i];
  if (value === undefined) usage(`missing value for --${key}`);
  if (key === 'repo') args.repo.push(value);
  else args[key] = value;
}
const harness = args.harness ?? process.env.MENTORSHIP_ANCHOR_EVAL;
if (!harness || !existsSync(join(harness, 'eval.mjs'))) usage('--harness must name the anchor-eval folder (with make-cases.mjs and eval.mjs)');
if (args.repo.length === 0) usage('give at least one --repo');
const n = Number(args.n ?? 300);
const seed = Number(args.seed ?? 1);
const casesDir = resolve(args['cases-dir'] ?? join(tmpdir(), 'mentorship-anchor-cases'), `seed${seed}-n${n}`);
mkdirSync(casesDir, { recursive: true });

function usage(problem) {
  console.error(`${problem}\nusage: npm run eval:anchors -- --harness <anchor-eval dir> --repo <git dir> [--repo …] [--n 300] [--seed 1] [--cases-dir <dir>]`);
  process.exit(2);
}

const git = (repo, ...a) => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8' }).trim();
const nameOf = (repo) => {
  const part = resolve(repo).split('/').find((p) => p.includes('+'));
  return part ? part.replace('+', '/') : basename(resolve(repo).replace(/\/(\.git|repo)$/, ''));
};

console.log('Building …');
execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'ignore' });

const RELOCATORS = ['same-line', 'text-search', 'diff-map', 'mentorship'];
const rows = []; // per-case results of every relocator
const heads = [];
const pure = [];
for (const repo of args.repo) {
  const name = nameOf(repo);
  const head = git(repo, 'rev-parse', 'HEAD');
  heads.push({ name, head });
  const cases = join(casesDir, `${name.replace('/', '__')}.jsonl`);
  const meta = cases.replace(/\.jsonl$/, '.meta.json');
  const fresh = existsSync(meta) && JSON.parse(readFileSync(meta, 'utf8')).head === head;
  if (!fresh) {
    console.log(`Sampling ${n} cases from ${name} (seed ${seed}) …`);
    execFileSync(process.execPath, [join(harness, 'make-cases.mjs'), '--repo', repo, '--name', name, '--head', head, '--n', String(n), '--seed', String(seed), '--out', cases], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  console.log(`Evaluating ${name} …`);
  const details = join(casesDir, `${name.replace('/', '__')}.details.jsonl`);
  const timings = join(casesDir, `${name.replace('/', '__')}.timings.json`);
  execFileSync(
    process.execPath,
    [
      join(harness, 'eval.mjs'), '--repo', repo, '--cases', cases, '--quiet', '--details', details,
      ...['same-line', 'text-search', 'diff-map'].flatMap((b) => ['--relocator', join(harness, 'baselines', `${b}.mjs`)]),
      '--relocator', join(ROOT, 'scripts', 'anchor-eval', 'productRelocator.mjs'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, MENTORSHIP_EVAL_GIT_DIR: repo, MENTORSHIP_EVAL_TIMINGS: timings } },
  );
  rows.push(...readFileSync(details, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
  pure.push(...JSON.parse(readFileSync(timings, 'utf8')));
}

const pct = (part, all) => (all.length ? ((100 * part.length) / all.length).toFixed(1) : '-');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const table = [['relocator', 'repository', 'n', 'correct %', 'silently wrong %', 'exact ok %', 'changed ok %', 'gone ok %', 'median ms']];
const repos = [...new Set(rows.map((r) => r.repo))];
for (const relocator of RELOCATORS) {
  for (const repo of [...repos, 'overall']) {
    const mine = rows.filter((r) => r.relocator === relocator && (repo === 'overall' || r.repo === repo));
    const byTruth = (t) => mine.filter((r) => r.truth === t);
    table.push([
      relocator === 'mentorship' ? '**Mentorship**' : relocator, repo, String(mine.length),
      pct(mine.filter((r) => r.correct), mine), pct(mine.filter((r) => r.silentlyWrong), mine),
      ...['exact', 'changed', 'gone'].map((t) => pct(byTruth(t).filter((r) => r.correct), byTruth(t))),
      median(mine.map((r) => r.ms)).toFixed(3),
    ]);
  }
}
console.log(`\nAnchor re-location on real history: ${n} cases per repository, seed ${seed}; cases in ${casesDir}`);
console.log(heads.map((h) => `  ${h.name} @ ${h.head}`).join('\n'));
console.log('\n' + table.map((r, i) => `| ${r.join(' | ')} |${i === 0 ? `\n|${r.map(() => '---').join('|')}|` : ''}`).join('\n'));
console.log(`\nMentorship re-location alone (locateAnchor, no git reads): median ${median(pure).toFixed(3)} ms over ${pure.length} anchors`);
console.log('(median ms in the table includes the product\'s git reads: file at the commit, renames, diff)');
const worst = repos.map((repo) => rows.filter((r) => r.relocator === 'mentorship' && r.repo === repo));
const pass = worst.every((mine) => mine.filter((r) => r.correct).length >= 0.97 * mine.length && mine.filter((r) => r.silentlyWrong).length <= 0.01 * mine.length);
console.log(`Target per repository (≥ 97% correct, ≤ 1% silently wrong): ${pass ? 'met' : 'NOT met'}`);
