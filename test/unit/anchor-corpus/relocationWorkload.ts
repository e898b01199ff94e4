// A synthetic, deterministic relocation workload: one long TypeScript file, many anchors on it,
// and a `git diff -U0` style diff of scattered edits (insertions, deletions, rewrites). Used by
// the unit timing test and meant for `bench/` (require out/test/unit/anchor-corpus/relocationWorkload.js).
import { performance } from 'node:perf_hooks';
import { captureAnchor, prepareFile, relocateAnchor, type AnchorLocation, type CodeAnchor, type LineRange } from '../../../src/core/codeAnchor';
import { parseUnifiedDiff } from '../../../src/core/unifiedDiff';
import { mulberry32 } from '../../support/random';

export interface RelocationWorkload {
  readonly path: string;
  readonly oldText: string;
  readonly newText: string;
  readonly diffText: string;
  /** Lines removed plus lines added by the diff. */
  readonly diffLines: number;
  readonly anchors: readonly CodeAnchor[];
  /** Where each anchor must land when no edit touched it; undefined when an edit did. */
  readonly expected: readonly (LineRange | undefined)[];
  /**
   * Where each anchor's surviving lines and in-place replacements are now; undefined when all
   * of its lines were deleted. A relocation that lands anywhere else points at the wrong code.
   */
  readonly truth: readonly (LineRange | undefined)[];
}

export interface WorkloadOptions {
  readonly functions?: number;
  readonly anchors?: number;
  readonly diffLines?: number;
  readonly seed?: number;
}

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly add: readonly string[];
}

function handler(i: number): string[] {
  return [
    `export function handler${i}(input: Input${i % 7}): Result {`,
    `  const value${i} = input.field${i % 13} * ${i};`,
    `  if (value${i} > ${i * 3}) {`,
    `    logger.debug('handler${i} above limit', { value: value${i} });`,
    `    return { ok: false, value: value${i} };`,
    '  }',
    `  const total = compute(value${i}, ${i % 5});`,
    '  return { ok: true, value: total };',
    '}',
    '',
  ];
}

export function buildRelocationWorkload(options: WorkloadOptions = {}): RelocationWorkload {
  const next = mulberry32(options.seed ?? 42);
  const pick = (n: number): number => Math.floor(next() * n);
  const functions = options.functions ?? 300;
  const oldLines = ['import { compute, logger } from "./runtime";', ''];
  for (let i = 0; i < functions; i++) oldLines.push(...handler(i));

  // Scattered, non-adjacent edits until the diff has the requested size.
  const wanted = options.diffLines ?? 500;
  const edits: Edit[] = [];
  const used = new Set<number>();
  let size = 0;
  while (size < wanted) {
    const at = 2 + pick(oldLines.length - 4);
    if ([-1, 0, 1, 2, 3].some((d) => used.has(at + d))) continue;
    const kind = pick(3);
    const remove = kind === 0 ? 0 : kind === 1 ? 1 + pick(2) : 1;
    const add = kind === 1 ? [] : Array.from({ length: kind === 0 ? 1 + pick(3) : 1 }, (_, k) => `  audit(${at}, ${k}); // added`);
    if (kind === 2) add[0] = `${oldLines[at] ?? ''} // reviewed`;
    for (let d = 0; d < Math.max(remove, 1); d++) used.add(at + d);
    edits.push({ at, remove, add });
    size += remove + add.length;
  }
  edits.sort((a, b) => a.at - b.at);

  const newLines: string[] = [];
  // Old line → new line (−1: deleted); old line → the new lines that replaced it.
  const newIndexOf = new Int32Array(oldLines.length + 1).fill(-1);
  const replacedBy = new Map<number, LineRange>();
  const diff = ['diff --git a/src/handlers.ts b/src/handlers.ts', 'index 1111111..2222222 100644', '--- a/src/handlers.ts', '+++ b/src/handlers.ts'];
  let copied = 0;
  const copy = (from: number, to: number): void => {
    for (let i = from; i < to; i++) newIndexOf[i] = newLines.length + (i - from);
    newLines.push(...oldLines.slice(from, to));
  };
  for (const edit of edits) {
    copy(copied, edit.at);
    const newStart = newLines.length;
    const header = (start: number, count: number): string => (count === 0 ? `${start}` : count === 1 ? `${start + 1}` : `${start + 1},${count}`);
    const oldHeader = edit.remove === 0 ? `${edit.at},0` : header(edit.at, edit.remove);
    const newHeader = edit.add.length === 0 ? `${newStart},0` : header(newStart, edit.add.length);
    diff.push(`@@ -${oldHeader} +${newHeader} @@`);
    for (const line of oldLines.slice(edit.at, edit.at + edit.remove)) diff.push(`-${line}`);
    for (const line of edit.add) diff.push(`+${line}`);
    if (edit.remove > 0 && edit.add.length > 0) {
      for (let i = edit.at; i < edit.at + edit.remove; i++) replacedBy.set(i, { startLine: newStart, endLine: newStart + edit.add.length - 1 });
    }
    newLines.push(...edit.add);
    copied = edit.at + edit.remove;
  }
  copy(copied, oldLines.length);

  const oldText = `${oldLines.join('\n')}\n`;
  const anchors: CodeAnchor[] = [];
  const expected: (LineRange | undefined)[] = [];
  const truth: (LineRange | undefined)[] = [];
  for (let n = 0; n < (options.anchors ?? 1000); n++) {
    const startLine = 2 + pick(oldLines.length - 12);
    const endLine = startLine + pick(8);
    anchors.push(captureAnchor({ repository: 'example.com/team/handlers', commit: 'c0ffee', dirty: false, path: 'src/handlers.ts', fileText: oldText, range: { startLine, endLine } }));
    let shift = 0;
    let touched = false;
    for (const edit of edits) {
      const above = edit.remove === 0 ? edit.at <= startLine : edit.at + edit.remove <= startLine;
      if (above) shift += edit.add.length - edit.remove;
      else if (edit.at <= endLine) touched = true;
    }
    expected.push(touched ? undefined : { startLine: startLine + shift, endLine: endLine + shift });
    const now: number[] = [];
    for (let i = startLine; i <= endLine; i++) {
      const replaced = replacedBy.get(i);
      if ((newIndexOf[i] ?? -1) >= 0) now.push(newIndexOf[i] as number);
      else if (replaced) now.push(replaced.startLine, replaced.endLine);
    }
    truth.push(now.length === 0 ? undefined : { startLine: Math.min(...now), endLine: Math.max(...now) });
  }
  return { path: 'src/handlers.ts', oldText, newText: `${newLines.join('\n')}\n`, diffText: `${diff.join('\n')}\n`, diffLines: size, anchors, expected, truth };
}

/** Parses the diff, prepares the file once and relocates every anchor; returns the wall time. */
export function runRelocationWorkload(workload: RelocationWorkload): { readonly ms: number; readonly results: AnchorLocation[] } {
  const started = performance.now();
  const fileDiff = parseUnifiedDiff(workload.diffText)[0];
  const current = prepareFile({ path: workload.path, text: workload.newText });
  const results = workload.anchors.map((anchor) => relocateAnchor(anchor, current, fileDiff));
  return { ms: performance.now() - started, results };
}
