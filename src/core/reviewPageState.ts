import type { ReviewFilter } from './reviewFilters';
import type { ReviewEntry } from './reviewProtocol';

/**
 * What the Review page keeps across hiding and a window reload (VS Code's webview state):
 * the filters, the search text, the entries the user opened and how far the list was shown.
 */
export interface ReviewPageState {
  readonly filter: ReviewFilter;
  readonly query: string;
  readonly open: readonly string[];
  readonly shown: number;
}

const KINDS: readonly ReviewEntry['kind'][] = ['session', 'agenda', 'update'];
const MAX_OPEN = 500;
const MAX_QUERY = 500;

/** Reads saved state back; anything malformed (an older page, a hand edit) falls back to the default. */
export function parseReviewPageState(raw: unknown, page: number): ReviewPageState {
  const state = isRecord(raw) ? raw : {};
  const saved = isRecord(state.filter) ? state.filter : {};
  const filter: { -readonly [K in keyof ReviewFilter]: ReviewFilter[K] } = {};
  if (typeof saved.relationship === 'string' && saved.relationship) filter.relationship = saved.relationship;
  if (typeof saved.tag === 'string' && saved.tag) filter.tag = saved.tag;
  if (saved.openActionItemsOnly === true) filter.openActionItemsOnly = true;
  if (typeof saved.minRating === 'number' && Number.isInteger(saved.minRating) && saved.minRating >= 1 && saved.minRating <= 5) filter.minRating = saved.minRating;
  if (Array.isArray(saved.kinds)) {
    const kinds = KINDS.filter((kind) => (saved.kinds as unknown[]).includes(kind));
    if (kinds.length < KINDS.length) filter.kinds = kinds;
  }
  const query = typeof state.query === 'string' ? state.query.slice(0, MAX_QUERY) : '';
  const open = Array.isArray(state.open) ? state.open.filter((key): key is string => typeof key === 'string').slice(0, MAX_OPEN) : [];
  const shown = typeof state.shown === 'number' && Number.isInteger(state.shown) && state.shown >= page ? Math.min(state.shown, 100_000) : page;
  return { filter, query, open, shown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
