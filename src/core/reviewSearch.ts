export interface SearchDocument {
  readonly id: string;
  readonly kind: 'session' | 'agenda' | 'update';
  readonly title: string;
  /** What is searched and quoted in snippets; include the title here if it should match. */
  readonly text: string;
}

export interface SearchSnippet {
  readonly text: string;
  /** [start, end) of each term occurrence, relative to `text`, in order; may overlap. */
  readonly highlights: readonly [number, number][];
}

export interface SearchHit {
  readonly id: string;
  readonly kind: SearchDocument['kind'];
  readonly title: string;
  /** Occurrences of all terms together. */
  readonly matches: number;
  readonly snippets: readonly SearchSnippet[];
}

export interface Segment {
  readonly text: string;
  readonly match: boolean;
}

const SNIPPET_LENGTH = 120;
const LEAD = 40;
const MAX_SNIPPETS = 3;
// How far a snippet edge may move to avoid cutting a word in half.
const WORD_SLACK = 20;
const ELLIPSIS = '…';

/** Full-text search over past notes: every term must occur, as a literal case-insensitive substring. */
export class ReviewSearchIndex {
  private readonly documents: readonly SearchDocument[];
  // Folded once here: a search is then only indexOf calls.
  private readonly folded: readonly string[];

  constructor(documents: readonly SearchDocument[]) {
    this.documents = [...documents];
    this.folded = this.documents.map((document) => fold(document.text));
  }

  get size(): number {
    return this.documents.length;
  }

  /** Hits with the most occurrences first, then by id; snippets only for the hits returned. */
  search(query: string, limit = 200): SearchHit[] {
    // Longest first: a long term is the likeliest to be missing, which ends the document early.
    const terms = [...new Set(fold(query).split(/\s+/).filter((term) => term.length > 0))].sort((a, b) => b.length - a.length);
    if (terms.length === 0 || limit <= 0) return [];
    const found: { index: number; matches: number }[] = [];
    const firsts = new Array<number>(terms.length).fill(0);
    documents: for (let index = 0; index < this.folded.length; index++) {
      const hay = this.folded[index]!;
      for (let t = 0; t < terms.length; t++) {
        const at = hay.indexOf(terms[t]!);
        if (at < 0) continue documents;
        firsts[t] = at;
      }
      let matches = 0;
      for (let t = 0; t < terms.length; t++) matches += countFrom(hay, terms[t]!, firsts[t]!);
      found.push({ index, matches });
    }
    const ids = this.documents;
    found.sort((a, b) => b.matches - a.matches || compare(ids[a.index]!.id, ids[b.index]!.id));
    return found.slice(0, limit).map(({ index, matches }) => {
      const { id, kind, title, text } = this.documents[index]!;
      return { id, kind, title, matches, snippets: snippetsOf(text, this.folded[index]!, terms) };
    });
  }
}

/** Splits text at the highlights so a view can mark matches without building HTML. */
export function highlightSegments(text: string, highlights: readonly (readonly [number, number])[]): Segment[] {
  const clamp = (n: number): number => Math.min(Math.max(n, 0), text.length);
  const ranges = highlights
    .map(([start, end]) => [clamp(start), clamp(end)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const segments: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) segments.push({ text: text.slice(at, from), match: false });
    const last = segments[segments.length - 1];
    // Overlapping or touching ranges become one marked segment.
    if (last?.match && from === at) last.text += text.slice(from, end);
    else segments.push({ text: text.slice(from, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/**
 * Lowercases without changing the length, so offsets in the folded text are offsets in the
 * original. Only a few characters (like "İ") grow when lowercased; those are kept as they are.
 */
function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const char of text) {
    const folded = char.toLowerCase();
    out += folded.length === char.length ? folded : char;
  }
  return out;
}

/** Non-overlapping occurrences from `first`, a known occurrence, on. */
function countFrom(hay: string, term: string, first: number): number {
  let count = 0;
  for (let at = first; at >= 0; at = hay.indexOf(term, at + term.length)) count++;
  return count;
}

interface Window {
  start: number;
  end: number;
  readonly anchor: readonly [number, number];
}

/** Up to three non-overlapping windows: first around each term's first occurrence, then the next occurrences. */
function snippetsOf(text: string, hay: string, terms: readonly string[]): SearchSnippet[] {
  const occurrences: [number, number][] = [];
  const firsts: [number, number][] = [];
  for (const term of terms) {
    const first = hay.indexOf(term);
    if (first >= 0) firsts.push([first, first + term.length]);
    for (let at = first; at >= 0; at = hay.indexOf(term, at + term.length)) occurrences.push([at, at + term.length]);
  }
  occurrences.sort(byRange);
  firsts.sort(byRange);

  const windows: Window[] = [];
  for (const anchor of [...firsts, ...occurrences]) {
    if (windows.length === MAX_SNIPPETS) break;
    if (windows.some((w) => anchor[0] < w.end && anchor[1] > w.start)) continue;
    let start = Math.max(0, anchor[0] - LEAD);
    const end = Math.max(anchor[1], Math.min(text.length, start + SNIPPET_LENGTH));
    start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH));
    windows.push({ start, end, anchor });
  }
  windows.sort((a, b) => a.start - b.start);
  // Neighbours may overlap; an anchor never lies in another window, so clipping keeps it whole.
  for (let i = 1; i < windows.length; i++) {
    const previous = windows[i - 1]!;
    const current = windows[i]!;
    if (current.start < previous.end) previous.end = Math.max(previous.anchor[1], current.start);
    current.start = Math.max(current.start, previous.end);
  }

  return windows.map((w) => {
    const { start, end } = trimEdges(text, w);
    const prefix = start > 0 ? ELLIPSIS : '';
    const suffix = end < text.length ? ELLIPSIS : '';
    const highlights = occurrences
      .filter(([from, to]) => from >= start && to <= end)
      .map(([from, to]): [number, number] => [from - start + prefix.length, to - start + prefix.length]);
    // Same length replacement, so the highlight offsets stay right.
    return { text: prefix + text.slice(start, end).replace(/[\r\n\t]/g, ' ') + suffix, highlights };
  });
}

/** Moves the edges inwards to whole words and whole surrogate pairs, never past the anchor. */
function trimEdges(text: string, { start, end, anchor }: Window): { start: number; end: number } {
  if (start > 0 && !/\s/.test(text[start - 1] ?? '')) {
    const space = text.slice(start, Math.min(anchor[0], start + WORD_SLACK)).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  if (end < text.length && !/\s/.test(text[end] ?? '')) {
    const from = Math.max(anchor[1], end - WORD_SLACK);
    const space = text.slice(from, end).search(/\s\S*$/);
    if (space >= 0) end = from + space;
  }
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  return { start, end };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function byRange(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

// Code-unit order, not locale order: the same ranking everywhere.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
