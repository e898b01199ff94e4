import type { ReviewEntry, ReviewSession } from './reviewProtocol';

/** What the webview's filters choose; all optional. */
export interface ReviewFilter {
  readonly relationship?: string;
  readonly tag?: string;
  readonly openActionItemsOnly?: boolean;
  /** Sessions rated at least this (unrated sessions drop out). */
  readonly minRating?: number;
  readonly kinds?: readonly ReviewEntry['kind'][];
}

export function filterEntries(entries: readonly ReviewEntry[], filter: ReviewFilter): ReviewEntry[] {
  const tag = filter.tag?.toLowerCase();
  return entries.filter((entry) => {
    if (filter.relationship && entry.relationship !== filter.relationship) return false;
    if (filter.kinds && !filter.kinds.includes(entry.kind)) return false;
    if (tag && !entry.tags.some((t) => t.toLowerCase() === tag)) return false;
    if (filter.openActionItemsOnly && (entry.kind !== 'session' || entry.openActionItems === 0)) return false;
    if (filter.minRating !== undefined && (entry.kind !== 'session' || entry.rating === undefined || entry.rating < filter.minRating)) return false;
    return true;
  });
}

/** Ratings per session, oldest first, for the "is it working?" chart. */
export function ratingSeries(entries: readonly ReviewEntry[], relationship?: string): { date: string; rating?: number; mentorRating?: number }[] {
  return entries
    .filter((e): e is ReviewSession => e.kind === 'session' && (!relationship || e.relationship === relationship))
    .map((e) => ({ date: e.date, ...(e.rating !== undefined ? { rating: e.rating } : {}), ...(e.mentorRating !== undefined ? { mentorRating: e.mentorRating } : {}) }))
    .reverse();
}

/** Every tag used, for the tag filter. */
export function tagsIn(entries: readonly ReviewEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.tags))].sort();
}

/** What of an entry the search reads: title, tags and text. */
export function searchTextOf(entry: { readonly title: string; readonly tags: readonly string[] }, markdown: string): string {
  return `${entry.title}\n${entry.tags.map((t) => `#${t}`).join(' ')}\n${plainText(markdown)}`;
}

/** Markdown marks that would show raw in a match snippet (headings, emphasis, task boxes). */
function plainText(markdown: string): string {
  return markdown
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^(\s*)[-*+]\s+\[[ xX]\]\s+/gm, '$1')
    .replace(/\*\*|__/g, '');
}
