// `npm run bench`: the foundation's performance targets, as medians against baselines measured
// in the same run. Prints a table: measure, target, result, baseline, pass/fail. Not a test:
// machine noise never fails CI; the targets are goals.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureTools, ROOT, tempDir } from '../scripts/codeServer.mjs';
import { runInWorkbench } from '../scripts/inEditorSuite.mjs';
import { anchorBenchmarks } from './anchors.mjs';
import { reviewBenchmarks } from './review.mjs';
import { programBenchmarks } from './program.mjs';

const require = (await import('node:module')).createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const rows = [];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`;
function row(measure, target, result, baseline, pass) {
  rows.push({ measure, target, result, baseline, pass: pass ? 'pass' : 'FAIL' });
}

// --- Bundle and package size -------------------------------------------------------------
execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'ignore' });
const bundleKb = statSync(join(ROOT, 'dist', 'extension.js')).size / 1024;
const vsixKb = statSync(join(ROOT, 'dist', 'mentorship.vsix')).size / 1024;
row('host bundle, minified', '≤ 150 KB', `${bundleKb.toFixed(1)} KB`, '—', bundleKb <= 150);
row('.vsix', '≤ 500 KB', `${vsixKb.toFixed(1)} KB`, '—', vsixKb <= 500);

// --- Write one note and commit it, in a notes repo of 5,000 files --------------------------
execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'ignore' });
const { NotesRepo } = require(join(ROOT, 'out', 'src', 'notes', 'notesRepo.js'));
const { simpleGit } = require('simple-git');

function bigRepo(name) {
  const root = mkdtempSync(join(tmpdir(), `mentorship-bench-${name}-`));
  execFileSync('git', ['init', '--quiet', '--initial-branch', 'main', root]);
  execFileSync('git', ['config', 'user.name', 'Bench'], { cwd: root });
  execFileSync('git', ['config', 'user.email', 'bench@example.com'], { cwd: root });
  for (const folder of ['agenda', 'sessions', 'updates']) mkdirSync(join(root, folder));
  for (let i = 0; i < 5000; i++) {
    const folder = ['agenda', 'sessions', 'updates'][i % 3];
    writeFileSync(join(root, folder, `n${String(i).padStart(5, '0')}.md`), `---\nid: n${i}\nstatus: open\n---\n\nNote ${i}\n`);
  }
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['commit', '--quiet', '-m', 'seed 5,000 notes'], { cwd: root });
  return root;
}

const runs = quick ? 15 : 40;
const note = (i) => `---\nid: b${i}\nstatus: open\n---\n\nBenchmark note ${i}\n`;
const repoA = bigRepo('ours');
const repoB = bigRepo('plain');
const repoC = bigRepo('simplegit');
const ours = [];
const plain = [];
const naive = [];
const notes = await NotesRepo.open(repoA);
const naiveGit = simpleGit(repoC);
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  await notes.commitFiles([{ path: `agenda/bench${i}.md`, content: note(i) }], `Flag for next sync: bench${i}`);
  ours.push(performance.now() - t);

  t = performance.now();
  writeFileSync(join(repoB, 'agenda', `bench${i}.md`), note(i));
  execFileSync('git', ['add', '--', `agenda/bench${i}.md`], { cwd: repoB });
  execFileSync('git', ['commit', '--quiet', '-m', `Flag for next sync: bench${i}`, '--', `agenda/bench${i}.md`], { cwd: repoB });
  plain.push(performance.now() - t);

  t = performance.now();
  writeFileSync(join(repoC, 'agenda', `bench${i}.md`), note(i));
  await naiveGit.add([`agenda/bench${i}.md`]);
  await naiveGit.commit(`Flag for next sync: bench${i}`, [`agenda/bench${i}.md`]);
  naive.push(performance.now() - t);
}
row(
  'write + commit one note, 5,000-file repo (p95)',
  '≤ 100 ms',
  `${ms(p95(ours))} (median ${ms(median(ours))})`,
  `plain git add && git commit: p95 ${ms(p95(plain))}, median ${ms(median(plain))}; ratio ${(median(ours) / median(plain)).toFixed(2)}×`,
  p95(ours) <= 100,
);
row('  same with simple-git .add() + .commit() (for reference)', '—', `p95 ${ms(p95(naive))}, median ${ms(median(naive))}`, `${(median(naive) / median(plain)).toFixed(2)}× plain git`, true);

// --- Re-locating 1,000 anchors across a 500-line diff --------------------------------------
const { captureAnchor, relocateAnchor } = require(join(ROOT, 'out', 'src', 'core', 'codeAnchor.js'));
const { parseUnifiedDiff } = require(join(ROOT, 'out', 'src', 'core', 'unifiedDiff.js'));
const { createTwoFilesPatch } = require('diff');
const { redactSecrets } = require(join(ROOT, 'out', 'src', 'core', 'secretScan.js'));
const { renderAgendaItem } = require(join(ROOT, 'out', 'src', 'core', 'agendaItem.js'));

function codeFile(functions) {
  const out = [];
  for (let f = 0; f < functions; f++) {
    out.push(`export function step${f}(input: number[]): number {`, `  const scaled = input.map((x) => x * ${f + 2});`, `  const kept = scaled.filter((x) => x % ${f + 3} !== 0);`, `  return kept.reduce((sum, x) => sum + x, ${f});`, '}', '');
  }
  return out.join('\n');
}
const before = codeFile(400); // 2,400 lines
const beforeLines = before.split('\n');
const afterLines = [];
beforeLines.forEach((line, i) => {
  // About 500 changed lines: two comment lines above every 10th line, and some lines edited.
  if (i % 10 === 0) afterLines.push(`// note ${i}`, `// more ${i}`);
  afterLines.push(i % 53 === 1 ? line.replace('scaled', 'scaledValues') : line);
});
const after = afterLines.join('\n');
const anchors = Array.from({ length: 1000 }, (_, i) => {
  const start = ((i * 13) % 398) * 6;
  return captureAnchor({ repository: 'bench', commit: 'a'.repeat(40), dirty: false, path: 'src/steps.ts', fileText: before, range: { startLine: start, endLine: start + 3 } });
});
const relocate = [];
const naiveSearch = [];
let right = 0;
for (let run = 0; run < (quick ? 5 : 11); run++) {
  let t = performance.now();
  const diff = parseUnifiedDiff(createTwoFilesPatch('a/src/steps.ts', 'b/src/steps.ts', before, after, '', '', { context: 0 }))[0];
  const file = { path: 'src/steps.ts', text: after };
  const results = anchors.map((anchor) => relocateAnchor(anchor, file, diff));
  relocate.push(performance.now() - t);
  if (run === 0) right = results.filter((r) => r.status !== 'gone').length;
  t = performance.now();
  for (const anchor of anchors) after.indexOf(anchor.snippet);
  naiveSearch.push(performance.now() - t);
}
const diffLineCount = createTwoFilesPatch('a', 'b', before, after, '', '', { context: 0 }).split('\n').filter((l) => /^[+-][^+-]/.test(l)).length;
row(
  `re-locate 1,000 anchors across a ${diffLineCount}-line diff`,
  '≤ 200 ms',
  `${ms(median(relocate))} median (${right}/1000 found)`,
  `plain indexOf of each snippet: ${ms(median(naiveSearch))}; ratio ${(median(relocate) / Math.max(median(naiveSearch), 0.01)).toFixed(1)}×`,
  median(relocate) <= 200,
);

// --- Anchors: one re-location without git reads; a Next Sync of 200 items with them -------------
await anchorBenchmarks({ quick, row, median, p95, ms });

// --- Flag to commit in a notes repo of 5,000 files ------------------------------------------
const flagRepo = await NotesRepo.open(bigRepo('flag'));
const flagTimes = [];
const source = codeFile(20);
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const anchor = captureAnchor({ repository: 'github.com/sam/cart', commit: 'b'.repeat(40), dirty: false, path: 'src/steps.ts', fileText: source, range: { startLine: (i % 19) * 6, endLine: (i % 19) * 6 + 4 }, language: 'typescript' });
  const redacted = redactSecrets(anchor.snippet);
  const item = { id: `flag${i}`, created: new Date().toISOString(), author: 'sam@example.com', status: 'open', tags: ['bench'], question: `Why step ${i}?`, anchor: { ...anchor, snippet: redacted.text } };
  await flagRepo.commitFiles([{ path: `agenda/flag${i}.md`, content: renderAgendaItem(item) }], `Flag for next sync: Why step ${i}?`);
  flagTimes.push(performance.now() - t);
}
row('flag to commit (capture, redact, write, commit), 5,000-file repo (p95)', '≤ 150 ms', `${ms(p95(flagTimes))} (median ${ms(median(flagTimes))})`, `plain git add && git commit: median ${ms(median(plain))}`, p95(flagTimes) <= 150);

// --- Takeaways: save to local commit, and a full sync round trip -------------------------------
const { renderSessionTemplate } = require(join(ROOT, 'out', 'src', 'core', 'sessionRecord.js'));
const sessionText = (i) => renderSessionTemplate({ date: '2026-11-23', participants: ['sam@example.com', 'alex@example.com'], mode: 'pairing', agendaItemIds: [] }, [], []).replace('## Takeaways\n- ', `## Takeaways\n- Takeaway written in save ${i}`);
const saveRepo = await NotesRepo.open(bigRepo('save'));
const savePlainRoot = bigRepo('save-plain');
const saves = [];
const savesPlain = [];
for (let i = 0; i < runs; i++) {
  // What saving a session in the editor does: the document's text committed as one commit.
  let t = performance.now();
  await saveRepo.commitFiles([{ path: 'sessions/2026-11-23-benchsave.md', content: sessionText(i) }], 'Edit takeaways: 2026-11-23-benchsave');
  saves.push(performance.now() - t);
  t = performance.now();
  writeFileSync(join(savePlainRoot, 'sessions', '2026-11-23-benchsave.md'), sessionText(i));
  execFileSync('git', ['add', '--', 'sessions/2026-11-23-benchsave.md'], { cwd: savePlainRoot });
  execFileSync('git', ['commit', '--quiet', '-m', 'Edit takeaways', '--', 'sessions/2026-11-23-benchsave.md'], { cwd: savePlainRoot });
  savesPlain.push(performance.now() - t);
}
row('save takeaways to a local commit, 5,000-file repo (p95)', '≤ 100 ms', `${ms(p95(saves))} (median ${ms(median(saves))})`, `plain git add && git commit: p95 ${ms(p95(savesPlain))}, median ${ms(median(savesPlain))}`, p95(saves) <= 100);

// Two clones of one local bare remote take turns: each round trip brings in the other's commit.
const syncBare = join(mkdtempSync(join(tmpdir(), 'mentorship-bench-bare-')), 'notes.git');
execFileSync('git', ['clone', '--quiet', '--bare', bigRepo('sync-seed'), syncBare]);
const cloneOf = (name) => {
  const dir = join(mkdtempSync(join(tmpdir(), `mentorship-bench-${name}-`)), 'notes');
  execFileSync('git', ['clone', '--quiet', syncBare, dir]);
  execFileSync('git', ['config', 'user.name', name], { cwd: dir });
  execFileSync('git', ['config', 'user.email', `${name}@example.com`], { cwd: dir });
  return dir;
};
const syncOurs = await NotesRepo.open(cloneOf('mentee'));
const syncPlainRoot = cloneOf('mentor');
const roundTrips = [];
const roundTripsPlain = [];
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  await syncOurs.commitFiles([{ path: `sessions/2026-11-23-m${i}.md`, content: sessionText(i) }], `Record takeaways ${i}`);
  const outcome = await syncOurs.sync();
  roundTrips.push(performance.now() - t);
  if (outcome.kind !== 'synced') throw new Error(`sync failed: ${JSON.stringify(outcome)}`);
  t = performance.now();
  writeFileSync(join(syncPlainRoot, 'sessions', `2026-11-23-p${i}.md`), sessionText(i));
  execFileSync('git', ['add', '--', `sessions/2026-11-23-p${i}.md`], { cwd: syncPlainRoot });
  execFileSync('git', ['commit', '--quiet', '-m', `Plain ${i}`], { cwd: syncPlainRoot });
  execFileSync('git', ['pull', '--rebase', '--quiet', 'origin', 'main'], { cwd: syncPlainRoot });
  execFileSync('git', ['push', '--quiet', 'origin', 'HEAD:main'], { cwd: syncPlainRoot });
  roundTripsPlain.push(performance.now() - t);
}
row(
  'sync round trip: commit, bring in the remote, push (local bare remote, p95)',
  '≤ 300 ms',
  `${ms(p95(roundTrips))} (median ${ms(median(roundTrips))})`,
  `plain git commit + pull --rebase + push: p95 ${ms(p95(roundTripsPlain))}, median ${ms(median(roundTripsPlain))}; ratio ${(median(roundTrips) / median(roundTripsPlain)).toFixed(2)}×`,
  p95(roundTrips) <= 300,
);

// --- Review: search and rendering ----------------------------------------------------------
await reviewBenchmarks({ quick, row, median, p95, ms });
await programBenchmarks({ quick, row, median, ms });

// --- Activation in the real VS Code -----------------------------------------------------
// Measured on the build users get: minified, no source maps (out/ keeps the transpiled benches).
execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production'], { cwd: ROOT, stdio: 'ignore' });
ensureTools({ quiet: true });
const activation = { mentorship: [], noop: [] };
const tree = { first: [], statuses: [], warm: [], reload: [], plain: [] };
const review = { open: [], all: [], page: [], notes: [], empty: [], first: [] };
const activationRuns = quick ? 3 : 5;
for (let i = 0; i < activationRuns; i++) {
  let timings;
  await runInWorkbench({
    runDir: tempDir('bench-activation-'),
    timeoutMs: 180_000,
    echo: false,
    env: { MENTORSHIP_BENCH_ORDER: i % 2 ? 'mentorship-first' : 'noop-first', MENTORSHIP_BENCH_TREE: '1', MENTORSHIP_BENCH_REVIEW: '1' },
    extensionTestsPath: join(ROOT, 'out', 'bench', 'activation', 'index.js'),
    extensions: [join(ROOT, 'bench', 'fixtures', 'noop-extension')],
    onLine: (text) => {
      const match = /MENTORSHIP_BENCH (\{.*\})/.exec(text);
      if (match) timings = JSON.parse(match[1]);
    },
  });
  if (timings) {
    activation.mentorship.push(timings['mentorship.mentorship']);
    activation.noop.push(timings['mentorship-bench.noop']);
    if (timings.treeFirst !== undefined) {
      tree.first.push(timings.treeFirst);
      tree.statuses.push(timings.treeStatuses);
      tree.warm.push(timings.treeWarm);
      tree.reload.push(timings.treeReload);
      tree.plain.push(timings.treePlainRead);
    }
    if (timings.reviewOpen !== undefined) {
      review.open.push(timings.reviewOpen);
      review.page.push(timings.reviewPageRender);
      review.all.push(timings.reviewAll);
      review.notes.push(timings.reviewNotesLoad);
      review.empty.push(timings.emptyWebview);
      review.first.push(timings.firstWebview);
    }
  }
}
if (activation.mentorship.length) {
  const own = median(activation.mentorship) - median(activation.noop);
  row(
    'activation in the real VS Code (own = Mentorship − no-op)',
    '≤ 30 ms',
    `own ${ms(own)}; Mentorship median ${ms(median(activation.mentorship))}`,
    `no-op extension median ${ms(median(activation.noop))} (${activation.mentorship.length} fresh workbenches)`,
    own <= 30,
  );
} else {
  row('activation in the real VS Code', '≤ 30 ms', 'not measured (workbench did not report)', '—', false);
}

if (tree.first.length) {
  row(
    'first render of Next Sync with 2,000 agenda items (real VS Code)',
    '≤ 100 ms',
    `${ms(median(tree.first))} median (warm ${ms(median(tree.warm))})`,
    `plain read of the 2,000 files: ${ms(median(tree.plain))}; ratio ${(median(tree.first) / median(tree.plain)).toFixed(1)}×`,
    median(tree.first) <= 100,
  );
  row(
    'Next Sync rows from nothing loaded (repo reopened, agenda cache)',
    '≤ 100 ms',
    `${ms(median(tree.reload))} median`,
    `plain read of the 2,000 files: ${ms(median(tree.plain))}`,
    median(tree.reload) <= 100,
  );
  row(
    'Next Sync anchor statuses all filled in (first render → last status)',
    'reported',
    `${ms(median(tree.statuses))} median`,
    '—',
    true,
  );
}

if (review.open.length) {
  row(
    'first open of the review with 5,000 sessions (real VS Code, until the timeline shows)',
    '≤ 600 ms',
    `${ms(median(review.open))} median; all 5,000 in the page after ${ms(median(review.all))} (its render ${ms(median(review.page))})`,
    `an empty webview panel: ${ms(median(review.empty))} (the window's first: ${ms(median(review.first))}); ratio ${(median(review.open) / median(review.empty)).toFixed(1)}×`,
    median(review.open) <= 600,
  );
  row(
    '  reading the 5,000 sessions first (as the Takeaways view does when shown)',
    'reported',
    `${ms(median(review.notes))} median`,
    '—',
    true,
  );
} else {
  row('first open of the review with 5,000 sessions', '≤ 600 ms', 'not measured (workbench did not report)', '—', false);
}

// Leave a development build behind, as the other scripts expect.
execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'ignore' });

const widths = ['measure', 'target', 'result', 'baseline', 'pass'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const line = (r) => ['measure', 'target', 'result', 'baseline', 'pass'].map((k, i) => String(r[k]).padEnd(widths[i])).join(' | ');
console.log(line({ measure: 'measure', target: 'target', result: 'result', baseline: 'baseline', pass: 'pass' }));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
rows.forEach((r) => console.log(line(r)));
