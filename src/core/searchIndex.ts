/** A text the review can find: an entry's title, tags and markdown. */
export interface SearchDocument {
  readonly key: string;
  readonly text: string;
}

/** A stretch of text around a match, with where each term occurs in it. */
export interface SearchSnippet {
  readonly text: string;
  /** [start, end) offsets into `text`. */
  readonly highlights: readonly (readonly [number, number])[];
}

export interface SearchHit {
  readonly key: string;
  readonly matches: number;
  readonly snippets: readonly SearchSnippet[];
}

const SNIPPET_RADIUS = 60;
const SNIPPETS_PER_HIT = 3;

/**
 * Search over years of notes: every term must occur (case-insensitive, literal substrings).
 * The lowercased texts are kept from construction, so a search is plain indexOf scans, no
 * regular expressions built from user input.
 */
export class SearchIndex {
  private readonly lowered: readonly string[];

  constructor(private readonly documents: readonly SearchDocument[]) {
    this.lowered = documents.map((d) => d.text.toLowerCase());
  }

  /** Hits ranked by number of matches, at most `limit`; an empty query finds nothing. */
  search(query: string, limit = 500): SearchHit[] {
    const terms = [...new Set(query.toLowerCase().split(/\s+/).filter((t) => t !== ''))];
    if (terms.length === 0) return [];
    const hits: { index: number; matches: number }[] = [];
    for (let index = 0; index < this.lowered.length; index++) {
      const text = this.lowered[index] ?? '';
      let matches = 0;
      for (const term of terms) {
        const count = countOf(text, term);
        if (count === 0) {
          matches = 0;
          break;
        }
        matches += count;
      }
      if (matches > 0) hits.push({ index, matches });
    }
    hits.sort((a, b) => b.matches - a.matches || a.index - b.index);
    return hits.slice(0, limit).map(({ index, matches }) => ({ key: this.documents[index]?.key ?? '', matches, snippets: this.snippets(index, terms) }));
  }

  private snippets(index: number, terms: readonly string[]): SearchSnippet[] {
    const original = this.documents[index]?.text ?? '';
    const lowered = this.lowered[index] ?? '';
    const snippets: SearchSnippet[] = [];
    let from = 0;
    while (snippets.length < SNIPPETS_PER_HIT) {
      const first = firstOccurrence(lowered, terms, from);
      if (first < 0) break;
      const start = Math.max(0, first - SNIPPET_RADIUS);
      const end = Math.min(original.length, first + SNIPPET_RADIUS);
      const window = lowered.slice(start, end);
      const highlights: [number, number][] = [];
      for (const term of terms) {
        for (let at = window.indexOf(term); at >= 0; at = window.indexOf(term, at + term.length)) highlights.push([at, at + term.length]);
      }
      highlights.sort((a, b) => a[0] - b[0]);
      snippets.push({ text: original.slice(start, end), highlights: mergeOverlaps(highlights) });
      from = end;
    }
    return snippets;
  }
}

function countOf(text: string, term: string): number {
  let count = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) count++;
  return count;
}

function firstOccurrence(text: string, terms: readonly string[], from: number): number {
  let first = -1;
  for (const term of terms) {
    const at = text.indexOf(term, from);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

function mergeOverlaps(ranges: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** A snippet as plain-text pieces, marked or not: the webview builds text nodes, never HTML. */
export function highlightSegments(snippet: SearchSnippet): { text: string; match: boolean }[] {
  const segments: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    if (start > at) segments.push({ text: snippet.text.slice(at, start), match: false });
    segments.push({ text: snippet.text.slice(start, end), match: true });
    at = end;
  }
  if (at < snippet.text.length) segments.push({ text: snippet.text.slice(at), match: false });
  return segments;
}

/** What of an entry is searched. */
export function searchTextOf(entry: { readonly title: string; readonly tags: readonly string[]; readonly markdown: string }): string {
  return `${entry.title}\n${entry.tags.join(' ')}\n${entry.markdown}`;
}
