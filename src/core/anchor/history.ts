/**
 * Re-location through history: the flagged lines followed line by line through the diffs from
 * the flagged commit to the text now (git's own diff, rename- and whitespace-aware, for
 * committed history; a line diff for edits not yet committed). A line that survives is the
 * flagged code, wherever it went; a rewritten line is not. Pure.
 */
import type { FileDiff, LineRange } from '../unifiedDiff';
import { withoutWhitespace } from './lineIndex';
import { splitLines, type AnchorLocation, type CodeAnchor, type SourceFile } from './model';
import { lineMatches, redactedPattern } from './search';

/** What git knows about the anchor's file since it was flagged. */
export interface AnchorHistory {
  /** The file at the flagged commit, read from git (never stored: it may hold a redacted secret). */
  readonly original: string;
  /** Diffs from `original` to the current text, applied in order. */
  readonly diffs: readonly FileDiff[];
}

/** `}`, `end`, `});`: fewer than two letters or digits say nothing about where code is. */
export function trivialLine(line: string): boolean {
  return (line.match(/[\p{L}\p{N}]/gu) ?? []).length < 2;
}

const isBlank = (line: string): boolean => line.trim() === '';
/** git blame's default for a moved block: at least this many letters and digits. */
const MIN_MOVE_CHARS = 20;
/** Survivors further apart than this (or the snippet's height) are separate places. */
const MIN_CLUSTER_GAP = 10;

/**
 * Where the flagged code is now according to its history, or undefined when the history does
 * not describe the anchor (the range at the commit is not the flagged text: a dirty anchor or
 * a rewritten commit), so the caller searches by text instead.
 */
export function relocateThroughHistory(anchor: CodeAnchor, current: SourceFile | undefined, history: AnchorHistory): AnchorLocation | undefined {
  if (anchor.dirty) return undefined;
  const shared = sharedOf(history, current?.text);
  const original = shared.original;
  const snippet = anchor.snippet.split('\n');
  const r0 = anchor.range.startLine;
  const r1 = r0 + snippet.length - 1;
  if (r1 >= original.length || !snippet.every((line, k) => lineMatches(line, redactedPattern(line), original[r0 + k]))) return undefined;
  const last = history.diffs[history.diffs.length - 1];
  if (!current || history.diffs.some((d) => d.newPath === undefined || d.binary)) {
    return { status: 'gone', path: anchor.path, reason: current ? 'file deleted or unreadable' : 'file deleted' };
  }
  const path = current.path;
  const now = shared.now;

  // The flagged lines' places now: the diffs' alignment, and blocks the diffs moved.
  const flagged = new Map<number, number>();
  for (let i = r0; i <= r1; i++) flagged.set(i, i);
  history.diffs.forEach((diff, d) => {
    const map = shared.maps[d] as Int32Array;
    const moves = movedLines(diff, [...flagged.values()].filter((p) => p >= 0 && map[p] === -1));
    for (const [i, p] of flagged) flagged.set(i, p < 0 ? -1 : (map[p] ?? -1) >= 0 ? (map[p] as number) : (moves.get(p) ?? -1));
  });
  const landed = new Map<number, number>();
  for (const [i, p] of flagged) if (p >= 0 && p < now.length) landed.set(p, i);
  /** The original line a current line comes from, or -1 for a line brought in since. */
  const from = (j: number): number => landed.get(j) ?? shared.from[j] ?? -1;

  const renamed = path !== anchor.path;
  const moved = (start: number): string[] => {
    const parts = renamed ? [last?.change === 'renamed' ? `file renamed to ${path}` : `moved to ${path}`] : [];
    const shift = start - r0;
    if (shift !== 0) parts.push(`moved ${shift > 0 ? 'down' : 'up'} ${Math.abs(shift)} line${Math.abs(shift) === 1 ? '' : 's'}`);
    return parts;
  };

  // Exact: every telling flagged line is where the snippet, verbatim, now stands.
  const solid = [...flagged.keys()].filter((i) => !trivialLine(original[i] as string));
  const tie = solid.length ? solid : [...flagged.keys()].filter((i) => !isBlank(original[i] as string));
  const head = tie[0];
  if (head !== undefined && (flagged.get(head) ?? -1) >= 0) {
    const start = (flagged.get(head) as number) - (head - r0);
    const inPlace = tie.every((i) => flagged.get(i) === start + (i - r0));
    if (inPlace && start >= 0 && start + snippet.length <= now.length) {
      const range = { startLine: start, endLine: start + snippet.length - 1 };
      const verbatim = snippet.every((line, k) => lineMatches(line, redactedPattern(line), now[start + k]));
      const reindented = !verbatim && snippet.every((line, k) => withoutWhitespace(line) === withoutWhitespace(now[start + k] ?? '') || redactedPattern(line) !== undefined);
      if (verbatim || reindented) {
        const parts = moved(start);
        return {
          status: parts.length ? 'moved' : 'exact',
          path,
          range,
          reason: [parts.join(', '), reindented ? 'only whitespace changed' : ''].filter(Boolean).join('; ') || 'unchanged',
          verbatim,
        };
      }
    }
  }

  // Changed: the surviving telling lines, in clusters; the strongest cluster is the code now.
  const survivors = [...flagged].filter(([i, p]) => p >= 0 && !isBlank(original[i] as string)).sort((a, b) => a[1] - b[1]);
  if (!survivors.some(([i]) => !trivialLine(original[i] as string))) {
    return { status: 'gone', path, reason: survivors.length ? 'only closing lines of the code are left' : 'code rewritten or removed since it was flagged' };
  }
  const gap = Math.max(MIN_CLUSTER_GAP, snippet.length);
  const clusters: Array<Array<[number, number]>> = [];
  for (const s of survivors) {
    const c = clusters[clusters.length - 1];
    const lastOf = c?.[c.length - 1];
    if (c && lastOf && s[1] - lastOf[1] <= gap) c.push(s);
    else clusters.push([s]);
  }
  const strength = (c: Array<[number, number]>): number => new Set(c.filter(([i]) => !trivialLine(original[i] as string)).map(([i]) => i)).size;
  clusters.sort((x, y) => strength(y) - strength(x) || y.length - x.length || Math.abs((x[0]?.[1] ?? 0) - r0) - Math.abs((y[0]?.[1] ?? 0) - r0));
  const best = clusters[0] as Array<[number, number]>;
  const rivals = clusters.filter((c) => strength(c) === strength(best)).length;
  let lo = (best[0] as [number, number])[1];
  let hi = (best[best.length - 1] as [number, number])[1];
  const seen = best.map(([i]) => i);
  const nonBlank = [...flagged.keys()].filter((i) => !isBlank(original[i] as string));
  // Widen over the flagged blank lines next to it, and over new lines standing where lost first
  // or last lines were (one per lost line): a rewritten first line is still part of the code.
  const flaggedBlank = (j: number): boolean => {
    const i = from(j);
    return i >= r0 && i <= r1 && isBlank(original[i] as string);
  };
  const introduced = (j: number): boolean => from(j) === -1;
  for (let budget = nonBlank.filter((i) => i < Math.min(...seen)).length; lo > 0; ) {
    if (flaggedBlank(lo - 1)) lo--;
    else if (budget > 0 && introduced(lo - 1)) {
      lo--;
      budget--;
    } else break;
  }
  for (let budget = nonBlank.filter((i) => i > Math.max(...seen)).length; hi + 1 < now.length; ) {
    if (flaggedBlank(hi + 1)) hi++;
    else if (budget > 0 && introduced(hi + 1)) {
      hi++;
      budget--;
    } else break;
  }
  const range: LineRange = { startLine: lo, endLine: hi };
  const parts = moved(lo);
  const kept = `${strength(best)} of ${nonBlank.filter((i) => !trivialLine(original[i] as string)).length} lines unchanged`;
  return {
    status: 'changed',
    path,
    range,
    reason: [parts.join(', '), `code changed since it was flagged (${kept})`, rivals > 1 ? `${rivals} candidates, this is the nearest` : ''].filter(Boolean).join('; '),
    verbatim: false,
    ...(rivals > 1 ? { candidates: rivals } : {}),
  };
}

/** What every anchor in one file shares: the split texts and the diffs' line alignment. */
interface Shared {
  readonly text: string | undefined;
  readonly original: readonly string[];
  readonly now: readonly string[];
  /** Per diff: old line → new line (-1: removed or rewritten). */
  readonly maps: readonly Int32Array[];
  /** Current line → original line through every diff (-1: brought in since). */
  readonly from: Int32Array;
}

const shares = new WeakMap<AnchorHistory, Shared>();

function sharedOf(history: AnchorHistory, text: string | undefined): Shared {
  const cached = shares.get(history);
  if (cached && cached.text === text) return cached;
  const original = splitLines(history.original);
  const now = text === undefined ? [] : splitLines(text);
  let all = Int32Array.from(original, (_, i) => i);
  let count = original.length;
  const maps = history.diffs.map((diff) => {
    const map = baseMap(diff, count);
    all = all.map((p) => (p < 0 ? -1 : (map[p] ?? -1)));
    count += diff.hunks.reduce((sum, h) => sum + h.newLines - h.oldLines, 0);
    return map;
  });
  const from = new Int32Array(now.length).fill(-1);
  all.forEach((p, i) => {
    if (p >= 0 && p < now.length) from[p] = i;
  });
  const shared = { text, original, now, maps, from };
  shares.set(history, shared);
  return shared;
}

const baseMaps = new WeakMap<FileDiff, Int32Array>();

/** Old line → new line for the lines a diff keeps (-1 for lines it removes or rewrites). */
function baseMap(diff: FileDiff, oldCount: number): Int32Array {
  const cached = baseMaps.get(diff);
  if (cached && cached.length === oldCount) return cached;
  const map = new Int32Array(oldCount).fill(-1);
  let delta = 0;
  let i = 0;
  for (const hunk of diff.hunks) {
    for (; i < hunk.oldStart && i < oldCount; i++) map[i] = i + delta;
    i = Math.max(i, hunk.oldStart + hunk.oldLines);
    delta += hunk.newLines - hunk.oldLines;
  }
  for (; i < oldCount; i++) map[i] = i + delta;
  baseMaps.set(diff, map);
  return map;
}

/**
 * Removed lines (of `wanted`) that the same diff adds back elsewhere, as git blame -M sees a
 * moved block: runs of consecutive lines with the same text (whitespace aside) and the same
 * offset, with enough letters and digits to be more than a coincidence; or the same line
 * re-whitespaced within its own change.
 */
function movedLines(diff: FileDiff, wanted: readonly number[]): Map<number, number> {
  const result = new Map<number, number>();
  if (wanted.length === 0) return result;
  const removed = new Map<number, { text: string; hunk: number }>();
  const added = new Map<string, Array<{ at: number; hunk: number }>>();
  diff.hunks.forEach((hunk, h) => {
    hunk.removed.forEach((line, k) => removed.set(hunk.oldStart + k, { text: withoutWhitespace(line), hunk: h }));
    hunk.added.forEach((line, k) => {
      const text = withoutWhitespace(line);
      if (text === '') return;
      const list = added.get(text) ?? [];
      list.push({ at: hunk.newStart + k, hunk: h });
      added.set(text, list);
    });
  });
  const pairs: Array<{ old: number; at: number; offset: number; sameHunk: boolean; chars: number }> = [];
  for (const old of wanted) {
    const line = removed.get(old);
    if (!line || line.text === '') continue;
    const chars = (line.text.match(/[\p{L}\p{N}]/gu) ?? []).length;
    for (const target of added.get(line.text) ?? []) pairs.push({ old, at: target.at, offset: target.at - old, sameHunk: target.hunk === line.hunk, chars });
  }
  // Runs of consecutive old lines with one offset; the longest runs claim their lines first.
  pairs.sort((a, b) => a.offset - b.offset || a.old - b.old);
  const runs: Array<typeof pairs> = [];
  for (const pair of pairs) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run && prev && prev.offset === pair.offset && pair.old - prev.old <= 2) run.push(pair);
    else runs.push([pair]);
  }
  runs.sort((a, b) => b.reduce((s, p) => s + p.chars, 0) - a.reduce((s, p) => s + p.chars, 0));
  const taken = new Set<number>();
  for (const run of runs) {
    const chars = run.reduce((s, p) => s + p.chars, 0);
    if (chars < MIN_MOVE_CHARS && !run.every((p) => p.sameHunk)) continue;
    for (const p of run) {
      if (result.has(p.old) || taken.has(p.at)) continue;
      result.set(p.old, p.at);
      taken.add(p.at);
    }
  }
  return result;
}
