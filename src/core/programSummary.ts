import { CADENCES, isCalendarDate, type Agreement, type Cadence } from './agreement';
import { slugify } from './ids';
import type { AsyncUpdate } from './asyncUpdate';
import type { ScheduledSync } from './nextSync';
import type { SessionRecord } from './sessionRecord';
import { daysSinceLastSync } from './rhythm';

/**
 * What a relationship publishes to the program repo, by consent of both people: the two names and
 * numbers, nothing else. These are exactly the fields, in order (README, "Privacy").
 */
export const SUMMARY_FIELDS = [
  'format',
  'mentee',
  'mentor',
  'status',
  'cadence',
  'published',
  'sessions_held',
  'sessions_planned',
  'minutes',
  'days_since_last_sync',
  'next_sync',
  'sessions_per_month',
  'open_action_items',
  'blockers',
  'rating_trend',
  'ratings',
] as const;

export const SUMMARY_FORMAT = 1;
export const SUMMARIES_FOLDER = 'summaries';
export const RATING_TRENDS = ['rising', 'steady', 'falling'] as const;
export type RatingTrend = (typeof RATING_TRENDS)[number];

export interface ProgramSummary {
  readonly format: typeof SUMMARY_FORMAT;
  readonly mentee: string;
  readonly mentor: string;
  readonly status: 'active' | 'closed';
  readonly cadence: Cadence;
  /** `YYYY-MM-DD` the summary was made. */
  readonly published: string;
  readonly sessions_held: number;
  readonly sessions_planned: number;
  /** Minutes of the sessions held (a session without minutes counts the agreement's length). */
  readonly minutes: number;
  readonly days_since_last_sync: number;
  /** `YYYY-MM-DD` of the next scheduled sync, or null. */
  readonly next_sync: string | null;
  /** `YYYY-MM` → sessions held that month. */
  readonly sessions_per_month: Readonly<Record<string, number>>;
  readonly open_action_items: number;
  /** Async updates since the last session that list blockers. */
  readonly blockers: number;
  /** Only when both people share ratings (and two sessions are rated); else null. */
  readonly rating_trend: RatingTrend | null;
  /** Count of each mentee rating 1–5, only when both share ratings; else null. */
  readonly ratings: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>> | null;
}

/**
 * What the summary is built from: counts and dates the caller reads from the notes repo. No
 * session text, agenda question, file name or code is ever passed in, so none can come out.
 */
export interface SummaryFacts {
  readonly agreement: Agreement;
  readonly sessions: readonly { readonly date: string; readonly minutes?: number; readonly rating?: number }[];
  readonly openActionItems: number;
  readonly updates: readonly { readonly date: string; readonly hasBlockers: boolean }[];
  readonly nextSync?: ScheduledSync;
  readonly shareRatings: boolean;
}

/**
 * The facts taken from parsed notes: dates, minutes, ratings and whether an update lists
 * blockers. Everything else in the notes (text, titles, file names, code) stays behind here.
 */
export function summaryFacts(
  agreement: Agreement,
  notes: { readonly sessions: readonly SessionRecord[]; readonly updates: readonly AsyncUpdate[]; readonly openActionItems: number; readonly nextSync?: ScheduledSync },
  shareRatings: boolean,
): SummaryFacts {
  return {
    agreement,
    sessions: notes.sessions.map((s) => ({ date: s.date, minutes: s.minutes, rating: s.rating })),
    openActionItems: notes.openActionItems,
    updates: notes.updates.map((u) => ({ date: u.date, hasBlockers: Boolean(u.sections.Blockers?.trim()) })),
    nextSync: notes.nextSync,
    shareRatings,
  };
}

export function buildProgramSummary(facts: SummaryFacts, now: Date): ProgramSummary {
  const { agreement } = facts;
  const sessions = [...facts.sessions].sort((a, b) => a.date.localeCompare(b.date));
  const last = sessions.at(-1)?.date;
  const perMonth: Record<string, number> = {};
  for (const session of sessions) perMonth[session.date.slice(0, 7)] = (perMonth[session.date.slice(0, 7)] ?? 0) + 1;
  const rated = sessions.map((s) => s.rating).filter((r): r is number => typeof r === 'number' && r >= 1 && r <= 5);
  const upcoming = facts.nextSync && Date.parse(facts.nextSync.start) > now.getTime() ? new Date(facts.nextSync.start) : undefined;
  return {
    format: SUMMARY_FORMAT,
    mentee: agreement.mentee.name,
    mentor: agreement.mentor.name,
    status: agreement.status,
    cadence: agreement.cadence,
    published: localDate(now),
    sessions_held: sessions.length,
    sessions_planned: agreement.sessionsPlanned,
    minutes: sessions.reduce((sum, s) => sum + (s.minutes ?? agreement.minutesPerSession), 0),
    days_since_last_sync: Math.max(0, daysSinceLastSync({ lastSessionDate: last, agreement }, now.getTime())),
    next_sync: upcoming ? localDate(upcoming) : null,
    sessions_per_month: perMonth,
    open_action_items: facts.openActionItems,
    blockers: facts.updates.filter((u) => u.hasBlockers && (last === undefined || u.date >= last)).length,
    rating_trend: facts.shareRatings ? ratingTrend(rated) : null,
    ratings: facts.shareRatings ? ratingCounts(rated) : null,
  };
}

/** The later ratings (up to three) against the three before them; null with fewer than two. */
export function ratingTrend(ratings: readonly number[]): RatingTrend | null {
  if (ratings.length < 2) return null;
  const half = Math.min(3, Math.floor(ratings.length / 2));
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const later = mean(ratings.slice(-half));
  const earlier = mean(ratings.slice(-2 * half, -half));
  if (later - earlier >= 0.5) return 'rising';
  if (earlier - later >= 0.5) return 'falling';
  return 'steady';
}

function ratingCounts(ratings: readonly number[]): Record<'1' | '2' | '3' | '4' | '5', number> {
  const counts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const r of ratings) counts[String(r) as keyof typeof counts]++;
  return counts;
}

/** The file a relationship's summary is published to: the same from either side. */
export function summaryFileName(agreement: Agreement): string {
  return `${SUMMARIES_FOLDER}/${slugify(agreement.mentee.name)}--${slugify(agreement.mentor.name)}--${agreement.started}.json`;
}

export function renderProgramSummary(summary: ProgramSummary): string {
  const ordered: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) ordered[field] = summary[field];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export type SummaryResult = { readonly ok: true; readonly summary: ProgramSummary } | { readonly ok: false; readonly reason: string };

const NAME_LIMIT = 100;
const COUNT_LIMIT = 100_000;

/**
 * Reads a summary from a program repo, where anyone with push access may have written anything:
 * exactly the documented fields with their types and ranges, or it is refused with the reason.
 */
export function parseProgramSummary(text: string): SummaryResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'not a JSON object' };
  const record = data as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => !(SUMMARY_FIELDS as readonly string[]).includes(key));
  if (extra.length > 0) return { ok: false, reason: `unexpected field "${extra[0]?.slice(0, 40)}"` };
  const missing = SUMMARY_FIELDS.filter((key) => !(key in record));
  if (missing.length > 0) return { ok: false, reason: `missing field "${missing[0]}"` };
  const bad = (field: string, what: string): SummaryResult => ({ ok: false, reason: `"${field}" must be ${what}` });
  if (record.format !== SUMMARY_FORMAT) return bad('format', String(SUMMARY_FORMAT));
  for (const field of ['mentee', 'mentor'] as const) {
    const name = record[field];
    if (typeof name !== 'string' || name.trim() === '' || name.length > NAME_LIMIT || /[\u0000-\u001f\u007f]/.test(name)) return bad(field, `a name of at most ${NAME_LIMIT} characters`);
  }
  if (record.status !== 'active' && record.status !== 'closed') return bad('status', '"active" or "closed"');
  if (typeof record.cadence !== 'string' || !(CADENCES as readonly string[]).includes(record.cadence)) return bad('cadence', `one of: ${CADENCES.join(', ')}`);
  if (typeof record.published !== 'string' || !isCalendarDate(record.published)) return bad('published', 'a date like 2026-01-31');
  for (const field of ['sessions_held', 'sessions_planned', 'minutes', 'days_since_last_sync', 'open_action_items', 'blockers'] as const) {
    if (!isCount(record[field], field === 'minutes' ? 100 * COUNT_LIMIT : COUNT_LIMIT)) return bad(field, 'a whole number of at least 0');
  }
  if (record.next_sync !== null && (typeof record.next_sync !== 'string' || !isCalendarDate(record.next_sync))) return bad('next_sync', 'a date like 2026-01-31 or null');
  const months = record.sessions_per_month;
  if (typeof months !== 'object' || months === null || Array.isArray(months) || Object.keys(months).length > 240) return bad('sessions_per_month', 'an object of months');
  for (const [month, n] of Object.entries(months)) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !isCount(n, 1000)) return bad('sessions_per_month', 'months like "2026-11" with whole numbers');
  }
  if (record.rating_trend !== null && !(RATING_TRENDS as readonly unknown[]).includes(record.rating_trend)) return bad('rating_trend', `one of ${RATING_TRENDS.join(', ')} or null`);
  const ratings = record.ratings;
  if (ratings !== null) {
    if (typeof ratings !== 'object' || Array.isArray(ratings)) return bad('ratings', 'counts for 1 to 5 or null');
    const keys = Object.keys(ratings).sort().join(',');
    if (keys !== '1,2,3,4,5' || !Object.values(ratings).every((n) => isCount(n, COUNT_LIMIT))) return bad('ratings', 'counts for 1 to 5 or null');
  }
  return { ok: true, summary: record as unknown as ProgramSummary };
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
