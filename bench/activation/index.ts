import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { agendaItemPath, renderAgendaItem } from '../../src/core/agendaItem';
import { captureAnchor } from '../../src/core/codeAnchor';
import type { MentorshipApi } from '../../src/extension';
import { benchNotes, commitBenchNotes } from './benchNotes';
import { reviewOpen } from './reviewOpen';

/**
 * Runs inside the real extension host (as extensionTestsPath) and prints one machine-readable
 * line for bench/run.mjs:
 * - `Extension.activate()` (loading the bundle + running activate()) for Mentorship and for a
 *   no-op extension loaded the same way;
 * - the first and a warm render of the Next Sync tree holding 2,000 agenda items, next to
 *   plainly reading the same 2,000 files.
 */
export async function run(): Promise<void> {
  const timings: Record<string, number> = {};
  // The runner alternates the order between runs so neither side always pays the first-call cost.
  const order = process.env.MENTORSHIP_BENCH_ORDER === 'mentorship-first' ? ['mentorship.mentorship', 'mentorship-bench.noop'] : ['mentorship-bench.noop', 'mentorship.mentorship'];
  for (const id of order) {
    const extension = vscode.extensions.getExtension(id);
    if (!extension) throw new Error(`${id} is not loaded`);
    if (extension.isActive) throw new Error(`${id} was activated before the benchmark`);
    const started = performance.now();
    await extension.activate();
    timings[id] = performance.now() - started;
  }
  if (process.env.MENTORSHIP_BENCH_TREE) Object.assign(timings, await treeRender());
  if (process.env.MENTORSHIP_BENCH_REVIEW) {
    const api = vscode.extensions.getExtension<MentorshipApi>('mentorship.mentorship')?.exports;
    if (!api) throw new Error('no extension API');
    Object.assign(timings, await reviewOpen(api));
  }
  console.log(`MENTORSHIP_BENCH ${JSON.stringify(timings)}`);
}

async function treeRender(): Promise<Record<string, number>> {
  const api = vscode.extensions.getExtension<MentorshipApi>('mentorship.mentorship')?.exports;
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!api || !workspace) throw new Error('no extension API or workspace');
  const notes = benchNotes('tree', 'agenda', { sessionsPlanned: 5, started: '2026-11-01' });
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8' }).trim();
  const files = ['src/cart.ts', 'src/discounts.ts', 'src/useCartTotals.tsx'].map((p) => ({ p, text: readFileSync(path.join(workspace, p), 'utf8') }));
  for (let i = 0; i < 2000; i++) {
    const file = files[i % files.length] as { p: string; text: string };
    const lines = file.text.split('\n').length;
    const start = (i * 7) % Math.max(1, lines - 4);
    const anchor = captureAnchor({ repository: 'workspace', commit: head, dirty: false, path: file.p, fileText: file.text, range: { startLine: start, endLine: start + 2 } });
    const id = `b${String(i).padStart(5, '0')}`;
    writeFileSync(path.join(notes, agendaItemPath(id)), renderAgendaItem({ id, created: '2026-11-20T10:00:00Z', author: 'sam@example.com', status: 'open', tags: [`t${i % 12}`], question: `Question ${i}?`, anchor }));
  }
  commitBenchNotes(notes);

  let t = performance.now();
  for (const name of execFileSync('ls', [path.join(notes, 'agenda')], { encoding: 'utf8' }).split('\n').filter(Boolean)) readFileSync(path.join(notes, 'agenda', name), 'utf8');
  const plainRead = performance.now() - t;

  await vscode.workspace.getConfiguration('mentorship').update('notesRepo.path', notes, vscode.ConfigurationTarget.Global);
  await new Promise((r) => setTimeout(r, 200));
  t = performance.now();
  const rows = (await api.trees.nextSync.getChildren()) ?? [];
  const first = performance.now() - t;
  if (rows.length < 2001) throw new Error(`expected 2,000 agenda rows, got ${rows.length}`);
  // Past its budget the first render shows "locating…" and renders again with the statuses.
  const locating = (shown: readonly vscode.TreeItem[]): boolean => shown.some((row) => String(row.description ?? '').includes('locating'));
  // As the view does: render again when the tree says it changed.
  const changed = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('anchor statuses never arrived')), 30_000);
      const listener = api.trees.nextSync.onDidChangeTreeData?.(() => {
        clearTimeout(timer);
        listener?.dispose();
        resolve();
      });
    });
  for (let shown = rows; locating(shown); ) {
    await changed();
    shown = (await api.trees.nextSync.getChildren()) ?? [];
  }
  const statuses = performance.now() - t;
  t = performance.now();
  await api.trees.nextSync.getChildren();
  const warm = performance.now() - t;
  // From nothing loaded: the notes repo opened again and all 2,000 files read and parsed.
  api.directory.reload();
  t = performance.now();
  await api.trees.nextSync.getChildren();
  const reloaded = performance.now() - t;
  return { treeFirst: first, treeStatuses: statuses, treeWarm: warm, treeReload: reloaded, treePlainRead: plainRead };
}
