/**
 * What the review webview and the extension host say to each other. Both sides build from these
 * types; the host validates every message from the webview with `parseFromWebview`, because the
 * webview renders markdown someone else may have written. The webview sends ids only: never a
 * path, a command or a git argument.
 */

export interface ReviewRelationship {
  /** Opaque key ("r0", "r1", …): the webview never learns where a notes repo is. */
  readonly key: string;
  readonly label: string;
  readonly sessionsPlanned?: number;
  readonly sessionsHeld: number;
  readonly closed: boolean;
}

export interface ReviewActionItem {
  /** 0-based line in the session file: with the session id, what the host checks off. */
  readonly line: number;
  readonly text: string;
  readonly done: boolean;
  readonly owner?: string;
}

interface EntryBase {
  /** Unique in the model: `<relationship>:<kind>:<id>`. */
  readonly key: string;
  readonly relationship: string;
  readonly id: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly title: string;
  readonly tags: readonly string[];
}

export interface ReviewSession extends EntryBase {
  readonly kind: 'session';
  readonly minutes?: number;
  readonly rating?: number;
  readonly mentorRating?: number;
  readonly mode?: string;
  readonly takeawayCount: number;
  readonly actionItemCount: number;
  readonly openActionItems: number;
}

export interface ReviewAgendaEntry extends EntryBase {
  readonly kind: 'agenda';
  readonly status: string;
  /** "src/cart.ts:15". */
  readonly where: string;
}

export interface ReviewUpdate extends EntryBase {
  readonly kind: 'update';
  readonly author: string;
}

export type ReviewEntry = ReviewSession | ReviewAgendaEntry | ReviewUpdate;

/** A file that could not be read: listed, never rendered as if it were valid. */
export interface ReviewProblem {
  readonly relationship: string;
  readonly file: string;
  readonly reason: string;
}

/**
 * What the page is sent first: summaries only. Years of notes are megabytes of markdown, so a
 * body is sent when its entry is opened, and search runs on the host.
 */
export interface ReviewModel {
  readonly relationships: readonly ReviewRelationship[];
  /** Newest first. */
  readonly entries: readonly ReviewEntry[];
  readonly problems: readonly ReviewProblem[];
  /** Markdown longer than this is shown as plain text (rendering cost, pathological input). */
  readonly markdownCap: number;
  /** Set on the first message of a long history: the newest entries only, of `total`; the rest follows. */
  readonly partialOf?: number;
}

/** A search hit as the page shows it: which entry, and snippets with the matches marked. */
export interface ReviewSearchHit {
  readonly key: string;
  readonly snippets: readonly { readonly text: string; readonly highlights: readonly (readonly [number, number])[] }[];
}

export type ToWebview =
  | { readonly type: 'model'; readonly model: ReviewModel }
  | { readonly type: 'body'; readonly key: string; readonly markdown: string; readonly actionItems?: readonly ReviewActionItem[] }
  | { readonly type: 'searchResults'; readonly seq: number; readonly query: string; readonly hits: readonly ReviewSearchHit[] }
  | { readonly type: 'focus'; readonly key: string }
  | { readonly type: 'notice'; readonly text: string };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'loadBody'; readonly key: string }
  | { readonly type: 'search'; readonly query: string; readonly seq: number }
  | { readonly type: 'openAgendaItem'; readonly relationship: string; readonly id: string }
  | { readonly type: 'openSessionFile'; readonly relationship: string; readonly id: string }
  | { readonly type: 'setActionItemDone'; readonly relationship: string; readonly session: string; readonly line: number; readonly done: boolean }
  | { readonly type: 'openExternal'; readonly url: string }
  | { readonly type: 'rendered'; readonly ms: number; readonly entries: number };

const RELATIONSHIP_KEY = /^r\d{1,4}$/;
const NOTE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ENTRY_KEY = /^r\d{1,4}:(?:session|agenda|update):[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_QUERY = 500;

/** The message if it is one the host understands, with well-formed ids; otherwise undefined. */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  const relationship = typeof m.relationship === 'string' && RELATIONSHIP_KEY.test(m.relationship) ? m.relationship : undefined;
  const id = typeof m.id === 'string' && NOTE_ID.test(m.id) ? m.id : undefined;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'loadBody':
      return typeof m.key === 'string' && ENTRY_KEY.test(m.key) ? { type: 'loadBody', key: m.key } : undefined;
    case 'search':
      return typeof m.query === 'string' && m.query.length <= MAX_QUERY && typeof m.seq === 'number' && Number.isSafeInteger(m.seq) ? { type: 'search', query: m.query, seq: m.seq } : undefined;
    case 'openAgendaItem':
    case 'openSessionFile':
      return relationship && id ? { type: m.type, relationship, id } : undefined;
    case 'setActionItemDone': {
      const session = typeof m.session === 'string' && NOTE_ID.test(m.session) ? m.session : undefined;
      const line = typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 0 && m.line < 1_000_000 ? m.line : undefined;
      if (!relationship || !session || line === undefined || typeof m.done !== 'boolean') return undefined;
      return { type: 'setActionItemDone', relationship, session, line, done: m.done };
    }
    case 'openExternal':
      return typeof m.url === 'string' && isWebLink(m.url) ? { type: 'openExternal', url: m.url } : undefined;
    case 'rendered':
      return typeof m.ms === 'number' && Number.isFinite(m.ms) && typeof m.entries === 'number' && Number.isInteger(m.entries) ? { type: 'rendered', ms: m.ms, entries: m.entries } : undefined;
    default:
      return undefined;
  }
}

// A note must not reach services on this machine (a dev server, a router page) by a click.
const LOCAL_HOST = /^(localhost|.*\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|\[::ffff:127(?:\.\d{1,3}){3}\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/i;

/** Only plain web links to other machines leave the editor, and only through the host. */
export function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && !LOCAL_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

/** `mentorship:agenda/<id>` links in takeaways point at agenda items. */
export const AGENDA_LINK = /^mentorship:agenda\/([a-z0-9][a-z0-9-]{0,63})$/;
