import type { Agreement, MentorshipRole, Person } from './agreement';
import { slugify } from './ids';
import type { ScheduledSync } from './nextSync';

/**
 * What goes into the calendar file of the next sync: the date, its length, the other person and
 * the agenda's questions as titles. Never code, file names or notes.
 */
export interface SyncCalendarEvent {
  /** Stable per relationship, so a calendar updates the event when the sync moves. */
  readonly uid: string;
  readonly summary: string;
  readonly start: Date;
  readonly end: Date;
  readonly attendee: Person;
  readonly description: string;
  /** Grows each time the sync is rescheduled (RFC 5545 SEQUENCE). */
  readonly sequence: number;
}

/** Longest agenda title put into a calendar (a question is one line; the rest is notes). */
const TITLE_LIMIT = 120;

export function syncCalendarEvent(agreement: Agreement, role: MentorshipRole, sync: ScheduledSync, agendaTitles: readonly string[], writtenAt: number): SyncCalendarEvent {
  const start = new Date(sync.start);
  const other = role === 'mentee' ? agreement.mentor : agreement.mentee;
  const titles = agendaTitles.map((title) => oneLine(title)).filter((title) => title.length > 0);
  const description = titles.length > 0 ? ['Agenda:', ...titles.map((title) => `- ${title}`)].join('\n') : 'Agenda: nothing flagged yet.';
  return {
    uid: `${slugify(agreement.mentee.email || agreement.mentee.name)}-${slugify(agreement.mentor.email || agreement.mentor.name)}-${agreement.started}@mentorship`,
    summary: `Mentorship sync: ${agreement.mentee.name} ↔ ${agreement.mentor.name}`,
    start,
    end: new Date(start.getTime() + sync.minutes * 60_000),
    attendee: other,
    description,
    // Must grow with every rewrite, even when the sync moves earlier: seconds since 2023.
    sequence: Math.max(0, Math.floor(writtenAt / 1000) - 1_672_531_200),
  };
}

/** The first line of a question, without markdown code spans, cut to a calendar-sized title. */
function oneLine(title: string): string {
  const first = (title.split(/\r?\n/)[0] ?? '').replace(/`[^`]*`/g, '…').trim();
  return first.length > TITLE_LIMIT ? `${first.slice(0, TITLE_LIMIT - 1)}…` : first;
}
