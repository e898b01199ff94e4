import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

/**
 * Runs inside the real extension host (as extensionTestsPath): times `Extension.activate()`
 * (loading the bundle + running activate()) for Mentorship and for a no-op extension loaded
 * the same way, and prints one machine-readable line for bench/run.mjs.
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
  console.log(`MENTORSHIP_BENCH ${JSON.stringify(timings)}`);
}
