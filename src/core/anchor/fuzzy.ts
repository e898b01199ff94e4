/**
 * Fuzzy matching: the window of the file most like the snippet, line by line, when the code was
 * edited since it was flagged. Pure.
 */
import { clamp } from './model';
import { IDENTIFIER, bigrams, dice, gramsAt, lineWeight, normalizedIndex, tokenIndex, weightPrefix, wordDice, wordsAt, wordsOf, type FileIndex } from './lineIndex';
import { contextAt, informative, nbRange, overlaps, placesPlainSnippet, plausible, supported, firstTextLine, type Found, type SearchHints, type Snippet } from './search';

/** Fuzzy matches below this line similarity are not the flagged code. */
const MIN_SIMILARITY = 0.6;
/**
 * Two lines this similar can be one line edited (a renamed name, a changed argument);
 * `return { ok: false }` and `return { ok: true, value }` (about 0.65) are two different lines.
 */
const LINE_FLOOR = 0.7;
/** A fuzzy match without context or diff to back it must be at least this similar. */
const NEAR_VERBATIM = 0.9;
/** A fuzzy winner must lead the next place by this much, or nothing is pointed at. */
const CLEAR_LEAD = 0.05;
/** Score bonus for a fuzzy match where the diff says the flagged lines were rewritten. */
const DIFF_BONUS = 0.1;
/** Normalized lines more frequent than this (`}`, `return;`) cast no vote for a position. */
const MAX_VOTING_OCCURRENCES = 40;
const MAX_SEEDS = 4;
/** Starts with less than this share of the strongest vote are noise. */
const MIN_SEED_SHARE = 0.3;

interface Window {
  readonly first: number;
  readonly last: number;
  readonly similarity: number;
  /** Summed similarity of the aligned lines. */
  readonly weight: number;
}

/**
 * The best window by line similarity. Positions are voted for by snippet lines found unchanged
 * (Hough-style: line j found at p votes for a start at p − j), or by shared rare names when no
 * line survived; only the top few starts, their neighbours and the expected position are
 * scored, so the cost does not grow with the file.
 */
export function findFuzzy(index: FileIndex, snippet: Snippet, hints: SearchHints): { found?: Found; ambiguous: boolean } {
  const m = snippet.nbText.length;
  const n = index.nbText.length;
  if (m === 0 || n === 0) return { ambiguous: false };

  const votes = new Map<number, number>();
  const vote = (start: number, weight: number): void => {
    votes.set(start, (votes.get(start) ?? 0) + weight);
  };
  const lines = normalizedIndex(index);
  snippet.nbText.forEach((line, j) => {
    const at = lines.get(line);
    if (at && at.length <= MAX_VOTING_OCCURRENCES) for (const p of at) vote(p - j, 1 / at.length);
  });
  if (votes.size === 0) {
    const tokens = tokenIndex(index);
    snippet.nbText.forEach((line, j) => {
      for (const token of new Set(line.match(IDENTIFIER) ?? [])) {
        const at = tokens.get(token);
        if (at && at.length <= MAX_VOTING_OCCURRENCES / 2) for (const p of at) vote(p - j, 1 / at.length);
      }
    });
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const strongest = ranked[0]?.[1] ?? 0;
  const seeds = ranked
    .filter(([, weight]) => weight >= strongest * MIN_SEED_SHARE)
    .slice(0, MAX_SEEDS)
    .map(([start]) => start);
  seeds.push(index.nbFrom[clamp(hints.expectedLine, 0, index.lines.length)] ?? 0);
  if (hints.mapped) seeds.push(index.nbFrom[hints.mapped.startLine] ?? 0);

  // Each seed and its neighbours (a changed first line shifts the vote by one). Starts whose
  // windows overlap share one similarity matrix, so no line pair is compared twice.
  const span = Math.max(1, Math.floor((m * 7) / 3));
  const starts = [...new Set(seeds.flatMap((seed) => [seed - 1, seed, seed + 1].map((start) => clamp(start, 0, n - 1))))].sort((a, b) => a - b);
  const weights = snippet.nbText.map((line) => lineWeight(index, line));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const windows: Window[] = [];
  for (let i = 0; i < starts.length; ) {
    let j = i;
    while (j + 1 < starts.length && (starts[j + 1] as number) < (starts[j] as number) + span) j++;
    const from = starts[i] as number;
    const to = Math.min(n, (starts[j] as number) + span);
    const matrix = similarityMatrix(index, snippet, weights, from, to);
    for (let k = i; k <= j; k++) {
      const window = bestWindow(matrix, to - from, (starts[k] as number) - from, m, totalWeight, weightPrefix(index).subarray(from));
      if (window) windows.push({ ...window, first: window.first + from, last: window.last + from });
    }
    i = j + 1;
  }

  // Lines that all recur in this file (`return result;`, `}`) prove little: lean on context.
  const generic = snippet.lowInfo || snippet.nbText.every((line) => (lines.get(line)?.length ?? 0) > 1);
  const scored = windows
    .filter((w) => w.similarity >= MIN_SIMILARITY)
    .map((w) => {
      const range = nbRange(index, w.first, w.last, snippet);
      const context = contextAt(index, w.first, w.last, snippet);
      const contextWeight = !informative(context) ? 0 : generic ? 0.5 : 0.3;
      const share = contextWeight === 0 ? 0 : context.matched / context.total;
      const inPlace = hints.mapped !== undefined && overlaps(range, hints.mapped);
      const base = (1 - contextWeight) * w.similarity + contextWeight * share;
      const distance = Math.abs(range.startLine - hints.expectedLine);
      return { range, similarity: w.similarity, context, base, inPlace, score: base + (inPlace ? DIFF_BONUS : 0), distance };
    })
    .filter((c) => plausible(c.range, hints))
    .sort((a, b) => b.score - a.score || a.distance - b.distance);
  const best = scored[0];
  if (!best) return { ambiguous: false };
  // Without the diff's word that the lines were edited in place, the match needs its context
  // (both sides for generic lines), or to be nearly verbatim: copy-pasted code is similar too.
  const backed =
    best.inPlace ||
    (best.base >= MIN_SIMILARITY && (generic ? placesPlainSnippet(best.context) : supported(best.context) || best.context.none)) ||
    (!generic && best.similarity >= NEAR_VERBATIM);
  if (!backed) return { ambiguous: false };
  const runnerUp = scored.find((c) => !overlaps(c.range, best.range));
  if (runnerUp && best.score - runnerUp.score < CLEAR_LEAD) return { ambiguous: true };
  const shift = firstTextLine(index, best.range) - hints.flaggedLine;
  return { found: { range: best.range, kind: 'fuzzy', ties: 0, inPlace: best.inPlace, score: best.score, shift }, ambiguous: false };
}

/**
 * Line similarity of every snippet line j with every file nb position from..to−1, row-major,
 * times the snippet line's weight. Below LINE_FLOOR a pair counts as nothing: unrelated lines
 * share bigrams ("const ", "return "), and a look-alike is not an edit.
 */
function similarityMatrix(index: FileIndex, snippet: Snippet, weights: readonly number[], from: number, to: number): Float32Array {
  const width = to - from;
  const matrix = new Float32Array(snippet.nbText.length * width);
  snippet.nbText.forEach((line, j) => {
    const words = (snippet.words[j] ??= wordsOf(line));
    for (let p = from; p < to; p++) {
      const other = index.nbText[p] as string;
      let value = 0;
      if (line === other) value = 1;
      else {
        // The mean of word Dice (templated lines differ in their names and numbers) and bigram
        // Dice (a renamed identifier keeps most bigrams); the cheaper word half decides first
        // whether the pair can reach the floor at all.
        const byWords = wordDice(words, wordsAt(index, p));
        if ((byWords + 1) / 2 >= LINE_FLOOR) value = (byWords + dice((snippet.grams[j] ??= bigrams(line)), gramsAt(index, p))) / 2;
      }
      matrix[j * width + (p - from)] = value < LINE_FLOOR ? 0 : value * (weights[j] as number);
    }
  });
  return matrix;
}

/**
 * Weighted LCS of the snippet's lines against the matrix columns from `offset`, for every window
 * length at once (the DP's last row), scored as a weighted Dice ratio over lines:
 * 2·matched / (snippet weight + window weight), lines weighted by how telling they are here
 * (lineWeight): a copy-pasted neighbour matches on its common lines but not on the telling ones. Lines inserted into or deleted from the snippet cost a little; windows longer than
 * 7/3 of the snippet can't reach MIN_SIMILARITY and are not tried.
 */
function bestWindow(matrix: Float32Array, width: number, offset: number, m: number, snippetWeight: number, prefix: Float64Array): Window | undefined {
  const length = Math.min(width - offset, Math.max(1, Math.floor((m * 7) / 3)));
  let previous = new Float64Array(length + 1);
  let row = new Float64Array(length + 1);
  for (let j = 0; j < m; j++) {
    const base = j * width + offset - 1;
    row[0] = 0;
    for (let k = 1; k <= length; k++) {
      const diagonal = (previous[k - 1] as number) + (matrix[base + k] as number);
      row[k] = Math.max(previous[k] as number, row[k - 1] as number, diagonal);
    }
    [previous, row] = [row, previous];
  }
  let best: Window | undefined;
  for (let k = 1; k <= length; k++) {
    const weight = previous[k] as number;
    const score = (2 * weight) / (snippetWeight + (prefix[offset + k] as number) - (prefix[offset] as number));
    // On a tie the window holding more of the snippet wins: lines inserted into it stay inside.
    if (!best || score > best.similarity + 1e-9 || (score > best.similarity - 1e-9 && weight > best.weight)) {
      best = { first: offset, last: offset + k - 1, similarity: score, weight };
    }
  }
  return best && best.similarity > 0 ? best : undefined;
}

