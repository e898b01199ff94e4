import { calendarDaysBetween, cadenceDays, shortSyncDay } from './nextSync';
import type { ProgramSummary } from './programSummary';

/** Why a relationship needs a champion's attention. */
export type AttentionFlag = 'slipped cadence' | 'falling ratings' | 'sessions used up';
export const RELATIONSHIP_STATES = ['on track', 'needs attention', 'sessions used up', 'closed'] as const;
export type RelationshipState = (typeof RELATIONSHIP_STATES)[number];

/** One row of the Program view. */
export interface ProgramRow {
  /** "Sam Rivera ↔ Alex Chen" (mentee first). */
  readonly label: string;
  /** "4 of 6 sessions · last 12 days ago · next Tue". */
  readonly description: string;
  readonly flags: readonly AttentionFlag[];
  readonly state: RelationshipState;
}

/** Local midnight of a `YYYY-MM-DD`. */
function localDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** Days since the last sync today: the published figure plus the days since it was published. */
export function daysSinceLastSyncNow(summary: ProgramSummary, now: Date): number {
  return summary.days_since_last_sync + Math.max(0, calendarDaysBetween(localDay(summary.published), now));
}

/** A next sync still ahead (today counts). */
function upcomingNextSync(summary: ProgramSummary, now: Date): Date | undefined {
  if (!summary.next_sync) return undefined;
  const day = localDay(summary.next_sync);
  return calendarDaysBetween(now, day) >= 0 ? day : undefined;
}

export function attentionFlags(summary: ProgramSummary, now: Date): AttentionFlag[] {
  if (summary.status === 'closed') return [];
  const flags: AttentionFlag[] = [];
  const cadence = cadenceDays(summary.cadence);
  if (cadence !== undefined && !upcomingNextSync(summary, now) && daysSinceLastSyncNow(summary, now) >= 2 * cadence) flags.push('slipped cadence');
  if (summary.rating_trend === 'falling') flags.push('falling ratings');
  if (summary.sessions_held >= summary.sessions_planned) flags.push('sessions used up');
  return flags;
}

export function programRow(summary: ProgramSummary, now: Date): ProgramRow {
  const flags = attentionFlags(summary, now);
  const next = upcomingNextSync(summary, now);
  const last = summary.sessions_held === 0 ? 'no sync yet' : `last ${daysSinceLastSyncNow(summary, now)} days ago`;
  const parts = [`${summary.sessions_held} of ${summary.sessions_planned} sessions`, last, next ? `next ${shortSyncDay(next, now)}` : 'no next sync'];
  if (summary.status === 'closed') parts.push('closed');
  const state: RelationshipState =
    summary.status === 'closed' ? 'closed' : flags.some((f) => f !== 'sessions used up') ? 'needs attention' : flags.includes('sessions used up') ? 'sessions used up' : 'on track';
  return { label: `${summary.mentee} ↔ ${summary.mentor}`, description: parts.join(' · '), flags, state };
}

/** Rows needing attention first, then by name. */
export function programRows(summaries: readonly ProgramSummary[], now: Date): ProgramRow[] {
  return summaries
    .map((summary) => programRow(summary, now))
    .sort((a, b) => Number(b.flags.length > 0) - Number(a.flags.length > 0) || a.label.localeCompare(b.label));
}

/** What the program's charts show; every figure is a sum of published numbers. */
export interface ProgramCharts {
  /** Oldest month first. */
  readonly sessionsPerMonth: readonly { readonly month: string; readonly sessions: number }[];
  /** Mentee ratings 1–5 of the relationships that share them. */
  readonly ratingDistribution: readonly { readonly rating: number; readonly count: number }[];
  readonly byState: readonly { readonly state: RelationshipState; readonly count: number }[];
  readonly relationships: number;
  readonly sharingRatings: number;
}

export function programCharts(summaries: readonly ProgramSummary[], now: Date): ProgramCharts {
  const months = new Map<string, number>();
  const ratings = [0, 0, 0, 0, 0];
  const states = new Map<RelationshipState, number>(RELATIONSHIP_STATES.map((s) => [s, 0]));
  let sharing = 0;
  for (const summary of summaries) {
    for (const [month, n] of Object.entries(summary.sessions_per_month)) months.set(month, (months.get(month) ?? 0) + n);
    if (summary.ratings) {
      sharing++;
      for (let r = 1; r <= 5; r++) ratings[r - 1] = (ratings[r - 1] ?? 0) + summary.ratings[String(r) as '1'];
    }
    const state = programRow(summary, now).state;
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  return {
    sessionsPerMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, sessions]) => ({ month, sessions })),
    ratingDistribution: ratings.map((count, i) => ({ rating: i + 1, count })),
    byState: RELATIONSHIP_STATES.map((state) => ({ state, count: states.get(state) ?? 0 })),
    relationships: summaries.length,
    sharingRatings: sharing,
  };
}
