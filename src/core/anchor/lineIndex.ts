/**
 * Prepared files: normalized lines and lookup tables, built once per file text and reused by
 * every anchor relocated in it, and the line similarity the fuzzy search scores with. Pure.
 */
import { splitLines, type SourceFile } from './model';

export const WHITESPACE = /\s+/g;
/** A line with a letter or digit says something; '}' or ');' do not. */
export const SIGNIFICANT = /[\p{L}\p{N}]/u;
export const IDENTIFIER = /[\p{L}_$][\p{L}\p{N}_$]{2,}/gu;

export function normalizeLine(line: string): string {
  // Reformatting changes spacing, not what the line says: `f(a,b)` and `f( a, b )` are one
  // line. Spaces between words stay (one), so names do not run together.
  return line.replace(WHITESPACE, ' ').trim().replace(/ ?([^\p{L}\p{N}_$ ]) ?/gu, '$1');
}

/** Whitespace ignored, as `git diff -w` and `git blame -w` compare lines (quotes still count). */
export function withoutWhitespace(line: string): string {
  return line.replace(WHITESPACE, '');
}

/**
 * A file with its search tables. The tables are also cached for any {@link SourceFile} object
 * passed to {@link relocateAnchor}, so reusing the same objects across anchors is enough;
 * `prepareFile` just makes that explicit.
 */
export interface PreparedFile extends SourceFile {
  readonly lines: readonly string[];
}

export interface FileIndex {
  readonly text: string;
  readonly lines: readonly string[];
  /** Whitespace-normalized non-blank lines ("nb positions"): blank lines never decide a match. */
  readonly nbText: readonly string[];
  /** The line index of each nb position. */
  readonly nbLine: readonly number[];
  /** For each line index, and one past the last line: the first nb position at or after it. */
  readonly nbFrom: Int32Array;
  readonly grams: (Uint32Array | undefined)[];
  readonly words: (readonly string[] | undefined)[];
  exact?: Map<string, number[]>;
  normalized?: Map<string, number[]>;
  tokens?: Map<string, number[]>;
  /** Prefix sums of line weights over nb positions (see lineWeight). */
  weights?: Float64Array;
}

const indexes = new WeakMap<SourceFile, FileIndex>();

export function prepareFile(file: SourceFile): PreparedFile {
  const index = indexOf(file);
  const prepared: PreparedFile = { path: file.path, text: file.text, lines: index.lines };
  indexes.set(prepared, index);
  return prepared;
}

export function indexOf(file: SourceFile): FileIndex {
  const cached = indexes.get(file);
  if (cached && cached.text === file.text) return cached;
  const lines = splitLines(file.text);
  const nbText: string[] = [];
  const nbLine: number[] = [];
  const nbFrom = new Int32Array(lines.length + 1);
  lines.forEach((line, i) => {
    nbFrom[i] = nbText.length;
    const normalized = normalizeLine(line);
    if (normalized !== '') {
      nbText.push(normalized);
      nbLine.push(i);
    }
  });
  nbFrom[lines.length] = nbText.length;
  const index: FileIndex = { text: file.text, lines, nbText, nbLine, nbFrom, grams: [], words: [] };
  indexes.set(file, index);
  return index;
}

export function positionsOf(values: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  values.forEach((value, i) => {
    const list = map.get(value);
    if (list) list.push(i);
    else map.set(value, [i]);
  });
  return map;
}

export function exactIndex(index: FileIndex): Map<string, number[]> {
  return (index.exact ??= positionsOf(index.lines));
}

export function normalizedIndex(index: FileIndex): Map<string, number[]> {
  return (index.normalized ??= positionsOf(index.nbText));
}

export function tokenIndex(index: FileIndex): Map<string, number[]> {
  if (index.tokens) return index.tokens;
  const map = new Map<string, number[]>();
  index.nbText.forEach((line, p) => {
    for (const token of new Set(line.match(IDENTIFIER) ?? [])) {
      const list = map.get(token);
      if (list) list.push(p);
      else map.set(token, [p]);
    }
  });
  return (index.tokens = map);
}

/**
 * How much a line tells where it is, in this file: a line found k times counts 1/k (the
 * 300th `return result;` tells nothing), and a punctuation-only line a quarter of that.
 */
export function lineWeight(index: FileIndex, normalized: string): number {
  const occurrences = normalizedIndex(index).get(normalized)?.length ?? 0;
  return (SIGNIFICANT.test(normalized) ? 1 : 0.25) / Math.max(1, occurrences);
}

export function weightPrefix(index: FileIndex): Float64Array {
  if (index.weights) return index.weights;
  const prefix = new Float64Array(index.nbText.length + 1);
  index.nbText.forEach((line, p) => {
    prefix[p + 1] = (prefix[p] as number) + lineWeight(index, line);
  });
  return (index.weights = prefix);
}

export function gramsAt(index: FileIndex, p: number): Uint32Array {
  let grams = index.grams[p];
  if (!grams) {
    grams = bigrams(index.nbText[p] ?? '');
    index.grams[p] = grams;
  }
  return grams;
}

const WORD = /[\p{L}\p{N}_$]+/gu;

/** Names and numbers of a line, sorted: `value253` and `value256` are different words. */
export function wordsOf(line: string): string[] {
  return (line.match(WORD) ?? []).sort();
}

export function wordsAt(index: FileIndex, p: number): readonly string[] {
  return (index.words[p] ??= wordsOf(index.nbText[p] ?? ''));
}

/** Dice coefficient of two sorted word multisets; lines without words compare as equal. */
export function wordDice(a: readonly string[], b: readonly string[]): number {
  return sortedDice(a, b);
}

/** Character bigrams as sorted codes, so two lines compare by one merge, without allocation. */
export function bigrams(text: string): Uint32Array {
  // Quote style is formatting too: 'x' and "x" share every bigram.
  const line = text.replace(/['`]/g, '"');
  if (line.length < 2) return Uint32Array.of(line.charCodeAt(0) || 0);
  const codes = new Uint32Array(line.length - 1);
  for (let i = 0; i < codes.length; i++) {
    codes[i] = ((line.charCodeAt(i) << 16) | line.charCodeAt(i + 1)) >>> 0;
  }
  return codes.sort();
}

/** Dice coefficient of two bigram multisets: 1 for the same line, ~0.9 for a renamed identifier. */
export function dice(a: Uint32Array, b: Uint32Array): number {
  return sortedDice(a, b);
}

/** Dice coefficient of two sorted multisets, by one merge walk; two empty sets are equal. */
function sortedDice<T extends string | number>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  if (a.length + b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

export function linesEqualAt(index: FileIndex, start: number, lines: readonly string[]): boolean {
  if (start < 0 || start + lines.length > index.lines.length) return false;
  return lines.every((line, i) => index.lines[start + i] === line);
}

