// Anchor benchmarks outside the editor, on a history the bench writes (the CI regression
// floor's scripted edits): re-location per anchor without git reads, against carrying the
// range through the diff (the cheapest relocator there is) in the same run; and a Next Sync of
// 200 items across 50 files from nothing cached, git reads included.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../scripts/codeServer.mjs';

const require = createRequire(import.meta.url);

export async function anchorBenchmarks({ quick, row, median, ms }) {
  const out = (file) => require(join(ROOT, 'out', file));
  const { captureAnchor, locateAnchor } = out('src/core/codeAnchor.js');
  const { mapRangeThroughDiff } = out('src/core/unifiedDiff.js');
  const { WorkspaceRepo } = out('src/workspace/workspaceRepo.js');
  const { scriptedRepository } = out('test/unit/anchor-history/scriptedHistory.js');
  const { sampleCases } = out('test/unit/anchor-history/historyCases.js');

  // --- per anchor, no git: everything read first -----------------------------------------
  const root = scriptedRepository(21, quick ? 30 : 60);
  const cases = sampleCases(root, { n: quick ? 60 : 150, seed: 9, include: /\.ts$/, minDist: 1, maxDist: 40 });
  const repo = new WorkspaceRepo();
  const prepared = [];
  for (const c of cases) {
    const original = await repo.fileAt(root, c.A, c.pathA);
    const history = await repo.historyOf(root, c.A, c.pathA, await repo.renamesSince(root, c.A, c.B), c.B);
    const text = history?.text;
    const anchor = captureAnchor({ repository: 'bench', commit: c.A, dirty: false, path: c.pathA, fileText: original, range: { startLine: c.startLine - 1, endLine: c.endLine - 1 } });
    prepared.push({ anchor, history, current: text === undefined ? undefined : { path: history.path, text } });
  }
  const ours = [];
  const carry = [];
  for (let round = 0; round < (quick ? 3 : 7); round++) {
    for (const { anchor, history, current } of prepared) {
      // Fresh objects each time: no table the core keeps per file text is reused across rounds.
      const file = current && { path: current.path, text: current.text };
      let t = performance.now();
      locateAnchor(anchor, file, history && { original: history.original, diffs: history.diffs });
      ours.push(performance.now() - t);
      t = performance.now();
      let range = anchor.range;
      for (const diff of history?.diffs ?? []) range = mapRangeThroughDiff(range, diff).range ?? range;
      carry.push(performance.now() - t);
    }
  }
  row(
    `re-locate one anchor through its history, no git reads (median, ${prepared.length} anchors)`,
    '≤ 2 ms',
    `${median(ours).toFixed(3)} ms`,
    `carry the range through the diff: ${median(carry).toFixed(3)} ms`,
    median(ours) <= 2,
  );

  // --- 200 items across 50 files, from nothing cached, git reads included ---------------------
  const big = mkdtempSync(join(tmpdir(), 'mentorship-bench-anchors-'));
  const git = (...args) => execFileSync('git', ['-C', big, '-c', 'user.name=B', '-c', 'user.email=b@e', ...args], { encoding: 'utf8' });
  git('init', '--quiet', '--initial-branch', 'main');
  mkdirSync(join(big, 'src'));
  const fileText = (f, v) => Array.from({ length: 300 }, (_, i) => (i % 7 === 0 && v ? `// revised ${v} ${i}` : `export const value${f}_${i} = compute(${i}, '${f}');`)).join('\n') + '\n';
  for (let f = 0; f < 50; f++) writeFileSync(join(big, 'src', `m${f}.ts`), fileText(f, 0));
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
  const flaggedAt = git('rev-parse', 'HEAD').trim();
  for (let v = 1; v <= 3; v++) {
    for (let f = 0; f < 50; f += 2) writeFileSync(join(big, 'src', `m${f}.ts`), fileText(f, v));
    git('commit', '--quiet', '-am', `edit ${v}`);
  }
  const head = git('rev-parse', 'HEAD').trim();
  const anchors = Array.from({ length: 200 }, (_, i) => {
    const f = i % 50;
    const start = (i * 37) % 290;
    return captureAnchor({ repository: 'bench', commit: flaggedAt, dirty: false, path: `src/m${f}.ts`, fileText: fileText(f, 0), range: { startLine: start, endLine: start + 4 } });
  });
  const sync = [];
  for (let round = 0; round < (quick ? 2 : 5); round++) {
    const fresh = new WorkspaceRepo(); // nothing cached: the first open of Next Sync
    const t = performance.now();
    const renames = await fresh.renamesSince(big, flaggedAt, head);
    // As the Next Sync view does: the items on one file share its text and its history.
    const files = new Map();
    const fileOf = (path) => {
      if (!files.has(path)) {
        files.set(path, fresh.historyOf(big, flaggedAt, path, renames, head).then((history) => ({
          current: history?.text === undefined ? undefined : { path: history.path, text: history.text },
          history: history && { original: history.original, diffs: history.diffs },
        })));
      }
      return files.get(path);
    };
    const results = await Promise.all(
      anchors.map(async (anchor) => {
        const { current, history } = await fileOf(anchor.path);
        return locateAnchor(anchor, current, history);
      }),
    );
    sync.push(performance.now() - t);
    if (results.some((r) => r.status === 'gone')) throw new Error('bench anchors should all be found');
  }
  row('Next Sync statuses for 200 items across 50 files, git reads included (median)', '≤ 300 ms', ms(median(sync)), '—', median(sync) <= 300);
}
