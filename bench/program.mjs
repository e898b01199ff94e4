// The Program view of 50 relationships, outside the editor: what a render waits for — reading and
// validating every summary and update in the program repo, the rows with their attention flags,
// and the charts page — against reading and JSON-parsing the same files with no checks (baseline,
// same run). Run alone with `node bench/program.mjs` (after `node esbuild.mjs`), or in `npm run bench`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const RELATIONSHIPS = 50;
const UPDATES = 40;
const CADENCES = ['weekly', 'every two weeks', 'monthly', 'as needed'];

function programRepo() {
  const root = mkdtempSync(join(tmpdir(), 'mentorship-bench-program-'));
  execFileSync('git', ['init', '--quiet', '--initial-branch', 'main', root]);
  mkdirSync(join(root, 'summaries'));
  mkdirSync(join(root, 'updates'));
  for (let i = 0; i < RELATIONSHIPS; i++) {
    const months = {};
    for (let m = 1; m <= 1 + (i % 12); m++) months[`2026-${String(m).padStart(2, '0')}`] = 1 + ((i + m) % 3);
    const summary = {
      format: 1, mentee: `Mentee ${i}`, mentor: `Mentor ${i % 9}`, status: i % 10 === 0 ? 'closed' : 'active', cadence: CADENCES[i % 4], published: '2026-11-29',
      sessions_held: i % 8, sessions_planned: 6, minutes: 60 * (i % 8), days_since_last_sync: (i * 7) % 60, next_sync: i % 3 === 0 ? null : '2026-12-03',
      sessions_per_month: months, open_action_items: i % 5, blockers: i % 2, rating_trend: i % 4 === 0 ? null : ['rising', 'steady', 'falling'][i % 3],
      ratings: i % 4 === 0 ? null : { 1: i % 2, 2: 1, 3: 2, 4: i % 3, 5: 1 },
    };
    writeFileSync(join(root, 'summaries', `mentee-${i}--mentor-${i % 9}--2026-01-01.json`), `${JSON.stringify(summary, null, 2)}\n`);
  }
  for (let i = 0; i < UPDATES; i++) {
    writeFileSync(join(root, 'updates', `2026-11-${String(1 + (i % 28)).padStart(2, '0')}-u${String(i).padStart(7, '0')}.md`), `---\ndate: 2026-11-${String(1 + (i % 28)).padStart(2, '0')}\nauthor: Mentor ${i % 9}\n---\n## Achievements\nShipped ${i}\n## Blockers\nWaiting on ${i}\n`);
  }
  return root;
}

export async function programBenchmarks({ quick, row, median, ms }) {
  const { ProgramRepo } = require(join(ROOT, 'out', 'src', 'program', 'programRepo.js'));
  const { programRows, programCharts } = require(join(ROOT, 'out', 'src', 'core', 'programView.js'));
  const { programHtml } = require(join(ROOT, 'out', 'src', 'program', 'programHtml.js'));
  const root = programRepo();
  const program = await ProgramRepo.open(root, {});
  const now = new Date(2026, 10, 29, 10);
  const runs = quick ? 15 : 40;
  const ours = [];
  const plain = [];
  for (let r = 0; r < runs + 3; r++) {
    let t = performance.now();
    const snapshot = await program.read();
    const rows = programRows(snapshot.summaries.map((s) => s.summary), now);
    const html = programHtml(programCharts(snapshot.summaries.map((s) => s.summary), now), 'bench');
    const took = performance.now() - t;
    if (rows.length !== RELATIONSHIPS || snapshot.updates.length !== UPDATES || snapshot.malformed.length !== 0 || !html.includes('data-label')) throw new Error('the program did not read back whole');
    // Baseline: the same files read and parsed with no validation, rows or charts.
    t = performance.now();
    const files = readdirSync(join(root, 'summaries')).map((name) => JSON.parse(readFileSync(join(root, 'summaries', name), 'utf8')));
    const updates = readdirSync(join(root, 'updates')).map((name) => readFileSync(join(root, 'updates', name), 'utf8'));
    const base = performance.now() - t;
    if (files.length !== RELATIONSHIPS || updates.length !== UPDATES) throw new Error('baseline read');
    if (r >= 3) {
      ours.push(took);
      plain.push(base);
    }
  }
  const result = median(ours);
  row(`Program view data, ${RELATIONSHIPS} relationships + ${UPDATES} updates (median)`, '≤ 50 ms', ms(result), `${ms(median(plain))} raw read`, result <= 50);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = [];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await programBenchmarks({
    quick: process.argv.includes('--quick'),
    row: (measure, target, result, baseline, pass) => rows.push({ measure, target, result, baseline, pass: pass ? 'pass' : 'FAIL' }),
    median,
    ms: (x) => `${x.toFixed(1)} ms`,
  });
  console.table(rows);
}
