/**
 * The anchor's side of a search, computed once per relocation: its lines (redaction markers
 * read as "any text"), its context, and how much context found next to a candidate proves.
 */
import type { LineRange } from '../unifiedDiff';
import { SIGNIFICANT, WHITESPACE, normalizeLine, normalizedIndex, type FileIndex } from './lineIndex';
import { findLastIndex, type CodeAnchor } from './model';

/**
 * Secret scanning replaces a secret by `«redacted: kind»` before the snippet is written: such a
 * line matches any line that has the rest of it, so a redacted snippet can still be found
 * without the secret ever being stored.
 */
const REDACTED = /«redacted:[^»]*»/g;

/** A matcher for a line that had a secret redacted, else undefined (compare by equality). */
export function redactedPattern(line: string): RegExp | undefined {
  if (!line.includes('«redacted:')) return undefined;
  const parts = line.split(REDACTED).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

/** Below this many non-space characters on meaningful lines a snippet is too common to trust alone. */
const MIN_DISTINCT_CHARS = 20;

export interface Snippet {
  readonly lines: readonly string[];
  readonly nbText: readonly string[];
  /** Matchers for lines with a redacted secret, by index in `lines` / `nbText`. */
  readonly linePatterns: readonly (RegExp | undefined)[];
  readonly nbPatterns: readonly (RegExp | undefined)[];
  /** Bigrams and words per non-blank line, filled on first fuzzy use (most anchors never get there). */
  readonly grams: (Uint32Array | undefined)[];
  readonly words: (readonly string[] | undefined)[];
  /** Blank lines before the first / after the last non-blank line of the snippet. */
  readonly lead: number;
  readonly trail: number;
  /** `return x;` or `}` could be anywhere: such a snippet needs its context to be trusted. */
  readonly lowInfo: boolean;
  /** Significant context lines, normalized. */
  readonly before: readonly string[];
  readonly after: readonly string[];
}

export function snippetOf(anchor: CodeAnchor): Snippet {
  const lines = anchor.snippet.split(/\r\n|\r|\n/);
  const normalized = lines.map(normalizeLine);
  const nbText = normalized.filter((line) => line !== '');
  const firstText = normalized.findIndex((line) => line !== '');
  const lead = firstText < 0 ? 0 : firstText;
  const trail = firstText < 0 ? 0 : lines.length - 1 - findLastIndex(normalized, (line) => line !== '');
  const distinct = nbText.filter((line) => SIGNIFICANT.test(line)).reduce((sum, line) => sum + line.replace(WHITESPACE, '').length, 0);
  const significant = (context: readonly string[]): string[] => context.map(normalizeLine).filter((line) => SIGNIFICANT.test(line));
  return {
    lines,
    nbText,
    linePatterns: lines.map(redactedPattern),
    nbPatterns: nbText.map(redactedPattern),
    grams: [],
    words: [],
    lead,
    trail,
    lowInfo: distinct < MIN_DISTINCT_CHARS,
    before: significant(anchor.contextBefore),
    after: significant(anchor.contextAfter),
  };
}

export interface Found {
  readonly range: LineRange;
  readonly kind: 'exact' | 'whitespace' | 'fuzzy';
  /** Other places with the same text and context, told apart only by distance. */
  readonly ties: number;
  /** Overlaps the flagged range as the diff rewrote it: the code was edited in place. */
  readonly inPlace: boolean;
  readonly score: number;
  /** Lines the code moved, measured on its first non-blank line (blank border lines may be lost). */
  readonly shift: number;
}

export interface SearchHints {
  /** The first non-blank line of the snippet when it was flagged. */
  readonly flaggedLine: number;
  /** Where the code is expected to start (after the diff's shift, if any). */
  readonly expectedLine: number;
  /** The flagged range mapped through the diff, when the diff rewrote it. */
  readonly mapped?: LineRange;
  /**
   * With a trusted diff, code that already existed at the commit at another place cannot be the
   * flagged code: a candidate must overlap lines the diff added, or the mapped range.
   */
  readonly diffRegions?: readonly LineRange[];
}
/** Context found next to a candidate, each anchor context line weighted by its rarity here. */
export interface ContextMatch {
  /** Weight of the context lines found next to the candidate. */
  readonly matched: number;
  /** Weight of all the anchor's significant context lines. */
  readonly total: number;
  /** Every side that has telling context lines has some of them found (a `}` needs both). */
  readonly bothSides: boolean;
  /** The anchor has no significant context at all (a tiny file, or only braces around it). */
  readonly none: boolean;
}

/** A context line found in one place is one line of evidence; found in ten places, a tenth. */
const MIN_CONTEXT_EVIDENCE = 0.5;

export function supported(context: ContextMatch): boolean {
  return context.matched >= MIN_CONTEXT_EVIDENCE;
}

/** What a snippet too plain to recognize (`}`, `return x;`) needs to be placed: context on both sides. */
export function placesPlainSnippet(context: ContextMatch): boolean {
  return context.none || (supported(context) && context.bothSides);
}

/** Context that could tell places apart at all (not only lines that recur everywhere). */
export function informative(context: ContextMatch): boolean {
  return context.total >= MIN_CONTEXT_EVIDENCE;
}

/** The anchor's significant context lines found next to nb positions first..last, by weight. */
export function contextAt(index: FileIndex, first: number, last: number, snippet: Snippet): ContextMatch {
  const occurrences = normalizedIndex(index);
  const weight = (line: string): number => 1 / Math.max(1, occurrences.get(line)?.length ?? 0);
  const count = (wanted: readonly string[], from: number, step: number): number => {
    const pool: string[] = [];
    for (let p = from, n = 0; p >= 0 && p < index.nbText.length && n < wanted.length + 2; p += step, n++) {
      pool.push(index.nbText[p] as string);
    }
    let matched = 0;
    for (const line of wanted) {
      const at = pool.indexOf(line);
      if (at >= 0) {
        matched += weight(line);
        pool.splice(at, 1);
      }
    }
    return matched;
  };
  const total = (lines: readonly string[]): number => lines.reduce((sum, line) => sum + weight(line), 0);
  const before = count(snippet.before, first - 1, -1);
  const after = count(snippet.after, last + 1, 1);
  const side = (found: number, all: number): boolean => all < MIN_CONTEXT_EVIDENCE || found >= MIN_CONTEXT_EVIDENCE;
  return {
    matched: before + after,
    total: total(snippet.before) + total(snippet.after),
    bothSides: side(before, total(snippet.before)) && side(after, total(snippet.after)),
    none: snippet.before.length + snippet.after.length === 0,
  };
}

export function contextOfRange(index: FileIndex, range: LineRange, snippet: Snippet): ContextMatch {
  const first = index.nbFrom[range.startLine] ?? index.nbText.length;
  const last = (index.nbFrom[range.endLine + 1] ?? index.nbText.length) - 1;
  return contextAt(index, first, last, snippet);
}

/** The line range of nb positions first..last, widened by the snippet's own blank border lines. */
export function nbRange(index: FileIndex, first: number, last: number, snippet: Snippet): LineRange {
  let startLine = index.nbLine[first] as number;
  let endLine = index.nbLine[last] as number;
  for (let n = 0; n < snippet.lead && startLine > 0 && normalizeLine(index.lines[startLine - 1] as string) === ''; n++) startLine--;
  for (let n = 0; n < snippet.trail && endLine + 1 < index.lines.length && normalizeLine(index.lines[endLine + 1] as string) === ''; n++) endLine++;
  return { startLine, endLine };
}

export function firstTextLine(index: FileIndex, range: LineRange): number {
  return index.nbLine[index.nbFrom[range.startLine] ?? -1] ?? range.startLine;
}

export function overlaps(a: LineRange, b: LineRange): boolean {
  return a.startLine <= b.endLine && b.startLine <= a.endLine;
}

export function plausible(range: LineRange, hints: SearchHints): boolean {
  return hints.diffRegions === undefined || hints.diffRegions.some((region) => overlaps(range, region));
}

/** Whether snippet line `wanted` (or its redaction pattern) is `actual`. */
export function lineMatches(wanted: string, pattern: RegExp | undefined, actual: string | undefined): boolean {
  return actual !== undefined && (pattern ? pattern.test(actual) : wanted === actual);
}
