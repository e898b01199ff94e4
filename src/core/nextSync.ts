import type { Cadence } from './agreement';
import { lineOfKey, parseFrontMatter, renderFrontMatter, type FrontMatterProblem } from './frontMatter';

/**
 * The next sync's date, kept in the notes repo as `next-sync.md` so the mentor sees it after a
 * sync. `start` is an instant (UTC, ISO 8601): the two people may live in different time zones,
 * and each sees it in their own.
 */
export const NEXT_SYNC_FILE = 'next-sync.md';

export interface ScheduledSync {
  /** ISO 8601 instant, e.g. `2026-12-08T13:00:00.000Z`. */
  readonly start: string;
  readonly minutes: number;
  /** The email of who scheduled it. */
  readonly scheduledBy: string;
}

/** Time as the rhythm features read it: a port, so tests move it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export type ScheduledSyncResult = { readonly ok: true; readonly sync: ScheduledSync } | { readonly ok: false; readonly problem: FrontMatterProblem };

const DAY_MS = 86_400_000;

export function renderScheduledSync(sync: ScheduledSync): string {
  return renderFrontMatter(
    { start: sync.start, minutes: sync.minutes, scheduled_by: sync.scheduledBy },
    '# Next sync\n\nScheduled with Mentorship: Schedule Next Sync…. Moving it rewrites this file.\n',
  );
}

export function parseScheduledSync(text: string): ScheduledSyncResult {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const { data } = parsed.document;
  // YAML reads an unquoted timestamp as a Date.
  const start = data.start instanceof Date ? data.start.toISOString() : data.start;
  if (typeof start !== 'string' || Number.isNaN(Date.parse(start)) || !/^\d{4}-\d{2}-\d{2}T/.test(start)) {
    return { ok: false, problem: { reason: '"start" must be a date and time like 2026-12-08T13:00:00Z', line: lineOfKey(text, 'start') } };
  }
  const minutes = data.minutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    return { ok: false, problem: { reason: '"minutes" must be a whole number of minutes (1–1440)', line: lineOfKey(text, 'minutes') } };
  }
  const by = typeof data.scheduled_by === 'string' ? data.scheduled_by : '';
  return { ok: true, sync: { start: new Date(start).toISOString(), minutes, scheduledBy: by } };
}

/** Days between syncs the cadence asks for; "as needed" asks for none. */
export function cadenceDays(cadence: Cadence): number | undefined {
  switch (cadence) {
    case 'weekly':
      return 7;
    case 'every two weeks':
      return 14;
    case 'monthly':
      return 30;
    default:
      return undefined;
  }
}

/** What a proposal is made from: the agreement's cadence and the last session held. */
export interface ProposalFacts {
  readonly cadence: Cadence;
  /** `YYYY-MM-DD` of the agreement's start (used until a session is held). */
  readonly started: string;
  readonly lastSession?: { readonly date: string; readonly start?: string };
}

export const DEFAULT_SYNC_TIME = '14:00';

/**
 * The next sync proposed in local time: the last session (or the start) plus the cadence, at the
 * last session's time; never earlier than tomorrow (a slipped rhythm moves on by whole weeks,
 * keeping the weekday people are used to).
 */
export function proposeNextSync(facts: ProposalFacts, now: Date): Date {
  const base = facts.lastSession?.date ?? facts.started;
  const time = facts.lastSession?.start ?? DEFAULT_SYNC_TIME;
  const [hours, minutes] = time.split(':').map(Number);
  const [y, m, d] = base.split('-').map(Number);
  const step = cadenceDays(facts.cadence) ?? 7;
  const proposal = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + step, hours ?? 14, minutes ?? 0);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  while (proposal.getTime() < tomorrow.getTime()) proposal.setDate(proposal.getDate() + 7);
  return proposal;
}

/** "2026-12-08 14:00" in local time: how a proposal is shown for editing. */
export function formatSyncInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export type SyncInputResult = { readonly ok: true; readonly date: Date } | { readonly ok: false; readonly reason: string };

/** Reads "2026-12-08 14:00" (local time); refuses impossible dates and times in the past. */
export function parseSyncInput(text: string, now: Date): SyncInputResult {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})[ T]([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(text);
  if (!match) return { ok: false, reason: 'Enter a date and time like 2026-12-08 14:00.' };
  const [year, month, day, hours, minutes] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hours, minutes);
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return { ok: false, reason: `${match[1]}-${match[2]}-${match[3]} is not a date.` };
  if (date.getTime() <= now.getTime()) return { ok: false, reason: 'The next sync must be in the future.' };
  return { ok: true, date };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 8 Dec, 14:00" in local time. */
export function formatSyncDate(date: Date): string {
  return `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "Tue" when within the coming week, else "8 Dec": short enough for a row. */
export function shortSyncDay(date: Date, now: Date): string {
  const days = calendarDaysBetween(now, date);
  return days >= 0 && days < 7 ? (WEEKDAYS[date.getDay()] ?? '') : `${date.getDate()} ${MONTHS[date.getMonth()]}`;
}

/** Whole calendar days from `from` to `to` in local time (tomorrow is 1, yesterday -1). */
export function calendarDaysBetween(from: Date, to: Date): number {
  const a = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const b = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((b - a) / DAY_MS);
}

/** "today", "tomorrow", "in 2 days", "yesterday", "3 days ago". */
export function relativeDay(date: Date, now: Date): string {
  const days = calendarDaysBetween(now, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The top row of Next Sync: "Tue 8 Dec, 14:00 · 3 items · in 2 days". */
export function describeNextSync(sync: ScheduledSync, agendaItems: number, now: Date): string {
  const start = new Date(sync.start);
  return `${formatSyncDate(start)} · ${agendaItems} item${agendaItems === 1 ? '' : 's'} · ${relativeDay(start, now)}`;
}

/** A scheduled sync stays "next" until it has ended. */
export function isUpcoming(sync: ScheduledSync, now: number): boolean {
  return Date.parse(sync.start) + sync.minutes * 60_000 > now;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
