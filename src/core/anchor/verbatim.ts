/**
 * Exact and whitespace-insensitive search: every place where the snippet's lines appear as a
 * block, byte for byte or ignoring whitespace and quote style. Pure.
 */
import type { LineRange } from '../unifiedDiff';
import { exactIndex, normalizedIndex, type FileIndex } from './lineIndex';
import { contextOfRange, firstTextLine, informative, lineMatches, nbRange, placesPlainSnippet, plausible, type Found, type SearchHints, type Snippet } from './search';

/**
 * Starts s where values[s + i] matches wanted[i] for every i, probing from the snippet's rarest
 * line (a redacted line, which matches by pattern, is never the probe). One loop for both the
 * raw lines and the normalized non-blank ones.
 */
export function blockStarts(
  table: ReadonlyMap<string, readonly number[]>,
  values: readonly string[],
  wanted: readonly string[],
  patterns: readonly (RegExp | undefined)[],
): number[] {
  let pivot = -1;
  let occurrences: readonly number[] = [];
  for (let j = 0; j < wanted.length; j++) {
    if (patterns[j]) continue;
    const at = table.get(wanted[j] as string);
    if (!at) return [];
    if (pivot < 0 || at.length < occurrences.length) {
      pivot = j;
      occurrences = at;
    }
  }
  if (pivot < 0) return []; // every line redacted: nothing to look for
  return occurrences
    .map((p) => p - pivot)
    .filter((s) => s >= 0 && s + wanted.length <= values.length && wanted.every((line, i) => lineMatches(line, patterns[i], values[s + i])));
}

/** Starts of every verbatim occurrence of the snippet's lines. */
export function exactStarts(index: FileIndex, snippet: Snippet): number[] {
  return blockStarts(exactIndex(index), index.lines, snippet.lines, snippet.linePatterns);
}

/** Occurrences ignoring whitespace, quote style and blank lines; as line ranges. */
export function whitespaceRanges(index: FileIndex, snippet: Snippet): LineRange[] {
  if (snippet.nbText.length === 0) return [];
  return blockStarts(normalizedIndex(index), index.nbText, snippet.nbText, snippet.nbPatterns).map((s) => nbRange(index, s, s + snippet.nbText.length - 1, snippet));
}

/**
 * Verbatim, else whitespace-insensitive: best context first, then nearest to the expected line.
 * Several copies and no context to choose by is no answer at all (ambiguous).
 */
export function findVerbatim(index: FileIndex, snippet: Snippet, hints: SearchHints): { found?: Found; ambiguous: boolean } {
  const attempts: Array<[Found['kind'], () => LineRange[]]> = [
    ['exact', () => exactStarts(index, snippet).map((s) => ({ startLine: s, endLine: s + snippet.lines.length - 1 }))],
    ['whitespace', () => whitespaceRanges(index, snippet)],
  ];
  let ambiguous = false;
  if (snippet.nbText.length === 0) return { ambiguous }; // blank lines are everywhere
  for (const [kind, search] of attempts) {
    const found = search().filter((range) => plausible(range, hints));
    // One copy of telling code is itself; among several copies, or for a plain snippet, only
    // context found on both sides says which one is the flagged one.
    const several = found.length > 1;
    const ranked = found
      .map((range) => ({ range, context: contextOfRange(index, range, snippet), distance: Math.abs(range.startLine - hints.expectedLine) }))
      .filter((c) => (!snippet.lowInfo && !several) || placesPlainSnippet(c.context))
      .sort((a, b) => b.context.matched - a.context.matched || a.distance - b.distance || a.range.startLine - b.range.startLine);
    const best = ranked[0];
    if (!best) {
      ambiguous ||= several;
      continue;
    }
    // Copies that only distance tells apart are named in the reason, never passed over silently.
    const ties = ranked.filter((c) => Math.abs(c.context.matched - best.context.matched) < 1e-9).length - 1;
    const share = informative(best.context) ? best.context.matched / best.context.total : 0;
    const shift = kind === 'exact' ? best.range.startLine - (hints.flaggedLine - snippet.lead) : firstTextLine(index, best.range) - hints.flaggedLine;
    // Verbatim beats any fuzzy score; between files, exact beats reindented, then context decides.
    return { found: { range: best.range, kind, ties, inPlace: false, score: (kind === 'exact' ? 2 : 1.5) + share, shift }, ambiguous };
  }
  return { ambiguous };
}
