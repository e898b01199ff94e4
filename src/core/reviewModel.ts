import { questionTitle, type AgendaItem } from './agendaItem';
import { repliesMarkdown, type AgendaReply } from './agendaReply';
import { UPDATE_SECTIONS, type AsyncUpdate } from './asyncUpdate';
import type { ReviewActionItem, ReviewEntry, ReviewModel, ReviewProblem, ReviewRelationship, ReviewSession } from './reviewProtocol';

/** The model the page gets, and each entry's markdown (by entry key), kept by the host. */
export interface ReviewContent {
  readonly model: ReviewModel;
  readonly markdown: { get(key: string): string | undefined };
  /** A session's action items (by entry key), sent with its body. */
  readonly actionItems: ReadonlyMap<string, readonly ReviewActionItem[]>;
}
import type { SessionRecord } from './sessionRecord';

/** One relationship's notes, as read from its repo. */
export interface ReviewSource {
  readonly label: string;
  readonly sessionsPlanned?: number;
  readonly closed: boolean;
  readonly sessions: readonly { readonly file: string; readonly session: SessionRecord }[];
  readonly updates: readonly { readonly file: string; readonly update: AsyncUpdate }[];
  readonly agenda: readonly AgendaItem[];
  /** Replies in each agenda item's thread (by item id), oldest first. */
  readonly replies?: ReadonlyMap<string, readonly AgendaReply[]>;
  /** Where each agenda item's code is now ("path:line", by id), as Next Sync shows it; else where it was flagged. */
  readonly places?: ReadonlyMap<string, string>;
  /** People's names by email (from the agreement): an update says who, not an address. */
  readonly names?: ReadonlyMap<string, string>;
  readonly problems: readonly { readonly file: string; readonly reason: string }[];
}

/** Above this many characters a note is shown as plain text, not rendered. */
export const MARKDOWN_CAP = 200_000;

/**
 * The review's model: sessions, agenda items and async updates of every relationship woven into
 * one timeline, newest first (sessions before updates before agenda items on the same day).
 */
export function buildReviewModel(sources: readonly ReviewSource[]): ReviewContent {
  const relationships: ReviewRelationship[] = [];
  const entries: ReviewEntry[] = [];
  const problems: ReviewProblem[] = [];
  const markdown = new LazyTexts();
  const actionItems = new Map<string, readonly ReviewActionItem[]>();
  sources.forEach((source, index) => {
    const key = `r${index}`;
    relationships.push({ key, label: source.label, ...(source.sessionsPlanned ? { sessionsPlanned: source.sessionsPlanned } : {}), sessionsHeld: source.sessions.length, closed: source.closed });
    const tagsOf = new Map(source.agenda.map((item) => [item.id, item.tags]));
    for (const { file, session } of source.sessions) {
      const items = session.actionItems
        .filter((a) => a.text.trim() !== '')
        .map((a) => ({ line: a.line, text: a.text, done: a.done, ...(a.owner ? { owner: a.owner } : {}) }));
      const entry = sessionEntry(key, file, session, tagsOf, items);
      entries.push(entry);
      markdown.set(entry.key, () => withoutSection(session.body, 'Action items'));
      actionItems.set(entry.key, items);
    }
    for (const { file, update } of source.updates) {
      const id = stem(file);
      markdown.set(`${key}:update:${id}`, () => UPDATE_SECTIONS.filter((s) => update.sections[s]).map((s) => `## ${s}\n\n${update.sections[s] ?? ''}`).join('\n\n'));
      entries.push({ kind: 'update', key: `${key}:update:${id}`, relationship: key, id, date: update.date, title: `Update from ${source.names?.get(update.author.toLowerCase()) ?? update.author}`, tags: [], author: source.names?.get(update.author.toLowerCase()) ?? update.author });
    }
    for (const item of source.agenda) {
      entries.push({
        kind: 'agenda',
        key: `${key}:agenda:${item.id}`,
        relationship: key,
        id: item.id,
        date: item.created.slice(0, 10),
        title: questionTitle(item.question, 100),
        tags: item.tags,
        status: item.status,
        where: source.places?.get(item.id) ?? `${item.anchor.path}:${item.anchor.range.startLine + 1}`,
      });
      markdown.set(`${key}:agenda:${item.id}`, () => item.question + repliesMarkdown(source.replies?.get(item.id) ?? []));
    }
    for (const problem of source.problems) problems.push({ relationship: key, file: problem.file, reason: problem.reason });
  });
  entries.sort(newestFirst);
  return { model: { relationships, entries, problems, markdownCap: MARKDOWN_CAP }, markdown, actionItems };
}

function sessionEntry(relationship: string, file: string, session: SessionRecord, tagsOf: ReadonlyMap<string, readonly string[]>, items: readonly ReviewActionItem[]): ReviewSession {
  const id = stem(file);
  const tags = [...new Set(session.agenda.flatMap((agendaId) => tagsOf.get(agendaId) ?? []))].sort();
  return {
    kind: 'session',
    key: `${relationship}:session:${id}`,
    relationship,
    id,
    date: session.date,
    title: session.title,
    tags,
    ...(session.minutes !== undefined ? { minutes: session.minutes } : {}),
    ...(session.rating !== undefined ? { rating: session.rating } : {}),
    ...(session.mentorRating !== undefined ? { mentorRating: session.mentorRating } : {}),
    ...(session.mode ? { mode: session.mode } : {}),
    takeawayCount: session.takeaways.filter((t) => t.trim() !== '').length,
    actionItemCount: items.length,
    openActionItems: items.filter((a) => !a.done).length,
  };
}

const KIND_ORDER = { session: 0, update: 1, agenda: 2 } as const;

function newestFirst(a: ReviewEntry, b: ReviewEntry): number {
  return b.date.localeCompare(a.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.id.localeCompare(a.id);
}

/** `sessions/2026-11-02-b7d3n9p5.md` → `2026-11-02-b7d3n9p5`. */
function stem(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.md$/, '');
}

/** Texts made when first asked for: with years of sessions most bodies are never opened or searched. */
class LazyTexts {
  private readonly makers = new Map<string, () => string>();
  private readonly made = new Map<string, string>();

  set(key: string, make: () => string): void {
    this.makers.set(key, make);
  }

  get(key: string): string | undefined {
    const known = this.made.get(key);
    if (known !== undefined) return known;
    const text = this.makers.get(key)?.();
    if (text !== undefined) this.made.set(key, text);
    return text;
  }
}

/** The markdown without one `## ` section (its heading up to the next `## ` heading). */
export function withoutSection(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start < 0) return markdown;
  let end = lines.findIndex((line, index) => index > start && /^##\s/.test(line));
  if (end < 0) end = lines.length;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}
