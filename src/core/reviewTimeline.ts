import { questionTitle, type AgendaItem, type AgendaStatus } from './agendaItem';
import { UPDATE_SECTIONS, type AsyncUpdate, type UpdateSection } from './asyncUpdate';
import type { SessionRecord } from './sessionRecord';

interface EntryBase {
  /** Stable across reloads: `session:<file>`, `agenda:<id>`, `update:<file>`. */
  readonly id: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly title: string;
}

export interface SessionTimelineEntry extends EntryBase {
  readonly kind: 'session';
  readonly minutes?: number;
  readonly rating?: number;
  readonly mentorRating?: number;
  readonly takeawayCount: number;
  readonly openActionItems: number;
  readonly actionItemCount: number;
  /** Tags of the agenda items the session covered, each once (case-insensitively). */
  readonly tags: readonly string[];
  readonly agendaIds: readonly string[];
}

export interface AgendaTimelineEntry extends EntryBase {
  readonly kind: 'agenda';
  readonly status: AgendaStatus;
  readonly tags: readonly string[];
  /** The anchored file. */
  readonly path: string;
}

export interface UpdateTimelineEntry extends EntryBase {
  readonly kind: 'update';
  /** Sections that say something, in the template's order. */
  readonly sections: readonly UpdateSection[];
}

export type TimelineEntry = SessionTimelineEntry | AgendaTimelineEntry | UpdateTimelineEntry;
export type TimelineKind = TimelineEntry['kind'];

export interface TimelineInput {
  readonly sessions: readonly { readonly file: string; readonly session: SessionRecord }[];
  readonly agenda: readonly AgendaItem[];
  readonly updates: readonly { readonly file: string; readonly update: AsyncUpdate }[];
}

// Same-day order: what happened in the sync first, then what was written around it.
const KIND_RANK: Record<TimelineKind, number> = { session: 0, update: 1, agenda: 2 };

/** Everything to review, newest first. */
export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const agendaById = new Map(input.agenda.map((item) => [item.id, item]));
  const entries: TimelineEntry[] = [];
  for (const { file, session } of input.sessions) {
    // The session template leaves an empty `- [ ] ` line: it is not a commitment yet.
    const actions = session.actionItems.filter((action) => action.text.length > 0);
    // Keyed case-insensitively, as the tag filter matches: "React" and "react" are one tag.
    const tags = new Map<string, string>();
    for (const tag of session.agenda.flatMap((id) => agendaById.get(id)?.tags ?? [])) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
    entries.push({
      kind: 'session',
      id: `session:${file}`,
      date: session.date,
      title: session.title,
      minutes: session.minutes,
      rating: session.rating,
      mentorRating: session.mentorRating,
      takeawayCount: session.takeaways.length,
      openActionItems: actions.filter((action) => !action.done).length,
      actionItemCount: actions.length,
      tags: [...tags.values()],
      agendaIds: [...session.agenda],
    });
  }
  for (const item of input.agenda) {
    entries.push({
      kind: 'agenda',
      id: `agenda:${item.id}`,
      // `created` is a timestamp; the day is enough for a timeline.
      date: item.created.slice(0, 10),
      title: questionTitle(item.question),
      status: item.status,
      tags: [...item.tags],
      path: item.anchor.path,
    });
  }
  for (const { file, update } of input.updates) {
    entries.push({
      kind: 'update',
      id: `update:${file}`,
      date: update.date,
      title: update.author ? `Update from ${update.author}` : `Update on ${update.date}`,
      sections: UPDATE_SECTIONS.filter((section) => update.sections[section]?.trim()),
    });
  }
  return entries.sort((a, b) => compare(b.date, a.date) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || compare(a.id, b.id));
}

export interface TimelineFilter {
  readonly tag?: string;
  readonly openActionItemsOnly?: boolean;
  readonly minRating?: number;
  readonly maxRating?: number;
  readonly kinds?: readonly TimelineKind[];
}

/**
 * All given conditions must hold. Ratings (the mentee's) constrain sessions only and leave
 * other kinds alone; open action items exist on sessions only, so that filter keeps sessions
 * only; updates have no tags, so a tag filter drops them.
 */
export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const tag = filter.tag?.trim().toLowerCase();
  const rated = filter.minRating !== undefined || filter.maxRating !== undefined;
  return entries.filter((entry) => {
    if (filter.kinds && !filter.kinds.includes(entry.kind)) return false;
    if (tag && (entry.kind === 'update' || !entry.tags.some((t) => t.toLowerCase() === tag))) return false;
    if (filter.openActionItemsOnly && (entry.kind !== 'session' || entry.openActionItems === 0)) return false;
    if (rated && entry.kind === 'session') {
      if (entry.rating === undefined) return false;
      if (filter.minRating !== undefined && entry.rating < filter.minRating) return false;
      if (filter.maxRating !== undefined && entry.rating > filter.maxRating) return false;
    }
    return true;
  });
}

export interface RatingPoint {
  readonly date: string;
  readonly rating?: number;
  readonly mentorRating?: number;
}

/** Ratings over time, oldest first; sessions rated by nobody have no point to plot. */
export function ratingSeries(entries: readonly TimelineEntry[]): RatingPoint[] {
  return entries
    .filter((entry): entry is SessionTimelineEntry => entry.kind === 'session' && (entry.rating !== undefined || entry.mentorRating !== undefined))
    .sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id))
    .map(({ date, rating, mentorRating }) => ({
      date,
      ...(rating !== undefined ? { rating } : {}),
      ...(mentorRating !== undefined ? { mentorRating } : {}),
    }));
}

// Code-unit order, not locale order: ids and dates must sort the same everywhere.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
