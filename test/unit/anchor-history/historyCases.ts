/**
 * Anchor cases drawn from a repository's real first-parent history, with the truth from
 * `git blame` — the method of the project's real-history evaluation (scripts/eval-anchors.mjs),
 * small enough for CI: flag lines start..end of a file at commit A, ask where they are at a
 * later commit B. Truth: a line at B that blame (-w -M -C) traces to a flagged line survived;
 * no telling survivor is 'gone'; the verbatim snippet tied by blame is 'exact'; else 'changed',
 * the strongest cluster of survivors widened over rewritten edges.
 */
import { execFileSync } from 'node:child_process';
import { mulberry32 } from '../../support/random';

export interface Truth {
  readonly status: 'exact' | 'changed' | 'gone';
  /** 1-based, inclusive, at B. */
  readonly startLine?: number;
  readonly endLine?: number;
}

export interface HistoryCase {
  readonly A: string;
  readonly B: string;
  readonly pathA: string;
  readonly pathB: string | null;
  /** 1-based, inclusive, at A. */
  readonly startLine: number;
  readonly endLine: number;
  readonly truth: Truth;
}

export interface SampleOptions {
  readonly n: number;
  readonly seed: number;
  readonly minDist?: number;
  readonly maxDist?: number;
  /** Paths worth flagging (source files). */
  readonly include: RegExp;
}

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'core.quotepath=false', '-c', 'diff.renames=true', ...args], { encoding: 'utf8', env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 });
}

export function readAt(repo: string, rev: string, path: string): string | null {
  try {
    return git(repo, 'cat-file', 'blob', `${rev}:${path}`).replace(/\r\n/g, '\n');
  } catch {
    return null;
  }
}

export function splitText(text: string | null): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Deterministic PRNG (mulberry32), as the evaluation uses. */
export function rng(seed: number): { next: () => number; int: (lo: number, hi: number) => number; pick: <T>(items: readonly T[]) => T } {
  const next = mulberry32(seed);
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number] };
}

const isBlank = (line: string): boolean => line.trim() === '';
const trivial = (line: string): boolean => (line.match(/[A-Za-z0-9]/g) ?? []).length < 2;

/** Changed files A..B: path at A → path at B (null when deleted). */
function changedFiles(repo: string, a: string, b: string): Map<string, string | null> {
  const fields = git(repo, 'diff', '--name-status', '-z', '-M', a, b).split('\0');
  const map = new Map<string, string | null>();
  for (let i = 0; i < fields.length - 1; ) {
    const status = fields[i++] as string;
    if (status.startsWith('R')) map.set(fields[i++] as string, fields[i++] as string);
    else if (status.startsWith('C')) i += 2;
    else {
      const path = fields[i++] as string;
      if (status === 'D') map.set(path, null);
      else if (status === 'M' || status === 'T') map.set(path, path);
    }
  }
  return map;
}

/** Samples cases; half of the ranges in touched files sit on a changed hunk (the hard ones). */
export function sampleCases(repo: string, options: SampleOptions): HistoryCase[] {
  const rand = rng(options.seed);
  const minDist = options.minDist ?? 1;
  const maxDist = options.maxDist ?? 30;
  const mainline = git(repo, 'rev-list', '--first-parent', '--reverse', 'HEAD').trim().split('\n');
  const cases: HistoryCase[] = [];
  for (let attempt = 0; cases.length < options.n && attempt < options.n * 20; attempt++) {
    const dist = Math.round(Math.exp(Math.log(minDist) + rand.next() * (Math.log(maxDist) - Math.log(minDist))));
    if (dist >= mainline.length) continue;
    const ia = rand.int(0, mainline.length - 1 - dist);
    const A = mainline[ia] as string;
    const B = mainline[ia + dist] as string;
    const files = git(repo, 'ls-tree', '-r', '-z', '--name-only', A).split('\0').filter((p) => options.include.test(p));
    if (!files.length) continue;
    const changes = changedFiles(repo, A, B);
    const touched = files.filter((p) => changes.has(p));
    const pathA = touched.length && rand.next() < 0.85 ? rand.pick(touched) : rand.pick(files);
    const pathB = changes.has(pathA) ? (changes.get(pathA) ?? null) : pathA;
    const linesA = splitText(readAt(repo, A, pathA));
    if (!linesA.length) continue;
    let hunkStarts: number[] = [];
    if (pathB && changes.has(pathA) && rand.next() < 0.5) {
      const paths = pathB === pathA ? [pathA] : [pathA, pathB];
      hunkStarts = [...git(repo, 'diff', '-U0', '-M', A, B, '--', ...paths).matchAll(/^@@ -(\d+)/gm)].map((m) => Number(m[1]));
    }
    const len = Math.min(rand.int(1, 15), linesA.length);
    const maxStart = linesA.length - len + 1;
    const start = hunkStarts.length ? Math.max(1, Math.min(maxStart, rand.pick(hunkStarts) - rand.int(0, len - 1))) : rand.int(1, maxStart);
    const end = start + len - 1;
    if (linesA.slice(start - 1, end).every(isBlank)) continue;
    const truth = truthFor(repo, A, B, pathA, pathB, linesA, start, end);
    if (truth) cases.push({ A, B, pathA, pathB, startLine: start, endLine: end, truth });
  }
  return cases;
}

interface BlameRow {
  sha: string;
  orig: number;
  boundary: boolean;
  previous: boolean;
  filename: string | null;
}

function blameRows(out: string): BlameRow[] {
  const rows: BlameRow[] = [];
  let current: (BlameRow & { final: number }) | null = null;
  for (const line of out.split('\n')) {
    if (current === null) {
      const m = /^([0-9a-f]{40}) (\d+) (\d+)/.exec(line);
      if (m) current = { sha: m[1] as string, orig: Number(m[2]), final: Number(m[3]), boundary: false, previous: false, filename: null };
    } else if (line.startsWith('\t')) {
      rows[current.final - 1] = current;
      current = null;
    } else if (line === 'boundary') current.boundary = true;
    else if (line.startsWith('filename ')) current.filename = line.slice(9);
    else if (line.startsWith('previous ')) current.previous = true;
  }
  return rows;
}

/** The truth of one case from blame, or null when blame lost the file's history. */
export function truthFor(repo: string, A: string, B: string, pathA: string, pathB: string | null, linesA: readonly string[], start: number, end: number): Truth | null {
  if (!pathB) return { status: 'gone' };
  const linesB = splitText(readAt(repo, B, pathB));
  if (linesB.length === linesA.length && linesB.every((t, k) => t === linesA[k])) return { status: 'exact', startLine: start, endLine: end };
  const blame = blameRows(git(repo, 'blame', '--first-parent', '-w', '-M', '-C', '--line-porcelain', `${A}..${B}`, '--', pathB));
  if (blame.some((r) => r && !r.boundary && !r.previous)) return null;
  const fromA = (j: number): number => {
    const r = blame[j - 1];
    return r && r.boundary && r.sha === A && r.filename === pathA ? r.orig : 0;
  };
  const flagged: number[] = [];
  for (let l = start; l <= end; l++) if (!isBlank(linesA[l - 1] as string)) flagged.push(l);
  const surv: Array<{ a: number; b: number }> = [];
  for (let j = 1; j <= linesB.length; j++) {
    const a = fromA(j);
    if (a >= start && a <= end) surv.push({ a, b: j });
  }
  const nLen = end - start + 1;
  const snippet = linesA.slice(start - 1, end);
  const solid = flagged.filter((a) => !trivial(linesA[a - 1] as string));
  const mustTie = solid.length ? solid : flagged;
  for (const s of surv.filter((x) => x.a === mustTie[0])) {
    const L = s.b - ((mustTie[0] as number) - start);
    if (L < 1 || L + nLen - 1 > linesB.length) continue;
    if (snippet.every((t, k) => linesB[L - 1 + k] === t) && mustTie.every((a) => fromA(L + (a - start)) === a)) return { status: 'exact', startLine: L, endLine: L + nLen - 1 };
  }
  const survNonBlank = surv.filter((x) => !isBlank(linesA[x.a - 1] as string));
  if (!survNonBlank.some((x) => !trivial(linesA[x.a - 1] as string))) return { status: 'gone' };
  const gap = Math.max(10, nLen);
  const clusters: Array<Array<{ a: number; b: number }>> = [];
  for (const s of survNonBlank) {
    const c = clusters[clusters.length - 1];
    if (c && s.b - (c[c.length - 1] as { b: number }).b <= gap) c.push(s);
    else clusters.push([s]);
  }
  const score = (c: Array<{ a: number }>): number => new Set(c.filter((x) => !trivial(linesA[x.a - 1] as string)).map((x) => x.a)).size;
  clusters.sort((x, y) => score(y) - score(x) || y.length - x.length || Math.abs((x[0]?.b ?? 0) - start) - Math.abs((y[0]?.b ?? 0) - start));
  const best = clusters[0] as Array<{ a: number; b: number }>;
  let lo = (best[0] as { b: number }).b;
  let hi = (best[best.length - 1] as { b: number }).b;
  const seen = best.map((x) => x.a);
  const flaggedBlank = (j: number): boolean => {
    const a = fromA(j);
    return a >= start && a <= end && isBlank(linesA[a - 1] as string);
  };
  const introduced = (j: number): boolean => !blame[j - 1]?.boundary;
  for (let budget = flagged.filter((a) => a < Math.min(...seen)).length; lo > 1; ) {
    if (flaggedBlank(lo - 1)) lo--;
    else if (budget > 0 && introduced(lo - 1)) {
      lo--;
      budget--;
    } else break;
  }
  for (let budget = flagged.filter((a) => a > Math.max(...seen)).length; hi < linesB.length; ) {
    if (flaggedBlank(hi + 1)) hi++;
    else if (budget > 0 && introduced(hi + 1)) {
      hi++;
      budget--;
    } else break;
  }
  return { status: 'changed', startLine: lo, endLine: hi };
}

/** IoU of two 1-based inclusive ranges. */
export function iou(a0: number, a1: number, b0: number, b1: number): number {
  const inter = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0) + 1);
  const union = a1 - a0 + 1 + (b1 - b0 + 1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Correct: status right and range identical (exact) or IoU ≥ 0.5 (changed). Silently wrong: a range with IoU < 0.5. */
export function score(truth: Truth, predicted: { status: Truth['status']; startLine?: number; endLine?: number }): { correct: boolean; silentlyWrong: boolean } {
  const range = predicted.status !== 'gone' && predicted.startLine !== undefined && predicted.endLine !== undefined ? [predicted.startLine, predicted.endLine] : null;
  const overlap = range && truth.startLine !== undefined && truth.endLine !== undefined ? iou(range[0] as number, range[1] as number, truth.startLine, truth.endLine) : 0;
  const exactRange = !!range && truth.status === 'exact' && range[0] === truth.startLine && range[1] === truth.endLine;
  const correct = predicted.status === truth.status && (truth.status === 'gone' || (truth.status === 'exact' ? exactRange : overlap >= 0.5));
  return { correct, silentlyWrong: !!range && overlap < 0.5 };
}
