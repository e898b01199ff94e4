import type { Agreement, MentorshipRole } from './agreement';
import { cadenceDays, formatSyncDate, isUpcoming, type ScheduledSync } from './nextSync';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What the rhythm of one relationship is judged from, read from its notes repo. */
export interface RhythmFacts {
  readonly label: string;
  readonly agreement: Agreement;
  /** Which side this user is on (the slipped and used-up nudges go to the mentee, who owns the rhythm). */
  readonly role: MentorshipRole | undefined;
  readonly sessionsHeld: number;
  /** `YYYY-MM-DD` of the last session held, if any. */
  readonly lastSessionDate?: string;
  readonly scheduled?: ScheduledSync;
  readonly agendaItems: number;
  readonly followUpsOpen: number;
}

/**
 * A quiet prompt about the rhythm. `key` identifies it so it is shown once: the reminder once per
 * scheduled date, the slipped nudge once per last sync, the used-up nudge once per agreement size.
 */
export type RhythmNudge =
  | { readonly kind: 'prepare'; readonly key: string; readonly message: string }
  | { readonly kind: 'slipped'; readonly key: string; readonly message: string }
  | { readonly kind: 'used-up'; readonly key: string; readonly message: string };

/** When the "prepare" reminder for a scheduled sync is due (epoch ms). */
export function reminderDueAt(sync: ScheduledSync, reminderHours: number): number {
  return Date.parse(sync.start) - Math.max(0, reminderHours) * HOUR_MS;
}

/** Days since the rhythm last had a beat: the last session, else the agreement's start. */
export function daysSinceLastSync(facts: Pick<RhythmFacts, 'lastSessionDate' | 'agreement'>, now: number): number {
  const last = Date.parse(`${facts.lastSessionDate ?? facts.agreement.started}T00:00:00Z`);
  const today = new Date(now);
  return Math.floor((Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) - last) / DAY_MS);
}

/** No session and no sync scheduled for twice the cadence: the relationship is quietly dying. */
export function hasSlipped(facts: Pick<RhythmFacts, 'lastSessionDate' | 'agreement' | 'scheduled'>, now: number): boolean {
  const cadence = cadenceDays(facts.agreement.cadence);
  if (cadence === undefined || facts.agreement.status !== 'active') return false;
  if (facts.scheduled && isUpcoming(facts.scheduled, now)) return false;
  return daysSinceLastSync(facts, now) >= 2 * cadence;
}

export function sessionsUsedUp(facts: Pick<RhythmFacts, 'sessionsHeld' | 'agreement'>): boolean {
  return facts.agreement.status === 'active' && facts.sessionsHeld >= facts.agreement.sessionsPlanned;
}

/** The nudges due now for one relationship, in the order they should be shown. */
export function dueNudges(facts: RhythmFacts, now: number, reminderHours: number): RhythmNudge[] {
  const nudges: RhythmNudge[] = [];
  const { scheduled } = facts;
  if (scheduled && facts.agreement.status === 'active' && now >= reminderDueAt(scheduled, reminderHours) && now < Date.parse(scheduled.start)) {
    nudges.push({
      kind: 'prepare',
      key: `prepare:${scheduled.start}`,
      message: `${facts.label}: next sync ${formatSyncDate(new Date(scheduled.start))} — ${count(facts.agendaItems, 'item')} on the agenda, ${count(facts.followUpsOpen, 'follow-up')} open.`,
    });
  }
  if (facts.role !== 'mentee') return nudges;
  if (hasSlipped(facts, now)) {
    const days = daysSinceLastSync(facts, now);
    nudges.push({
      kind: 'slipped',
      key: `slipped:${facts.lastSessionDate ?? facts.agreement.started}`,
      message: `${facts.label}: no sync for ${days} days and none scheduled (you agreed to meet ${facts.agreement.cadence}).`,
    });
  }
  if (sessionsUsedUp(facts)) {
    nudges.push({
      kind: 'used-up',
      key: `used-up:${facts.agreement.sessionsPlanned}`,
      message: `${facts.label}: all ${facts.agreement.sessionsPlanned} planned sessions are held. Review the agreement: renew, change or close it.`,
    });
  }
  return nudges;
}

/** When the next nudge may become due (epoch ms), to arm one timer; undefined when none will. */
export function nextNudgeAt(facts: RhythmFacts, now: number, reminderHours: number): number | undefined {
  const times: number[] = [];
  if (facts.scheduled) {
    const due = reminderDueAt(facts.scheduled, reminderHours);
    if (due > now) times.push(due);
    const ends = Date.parse(facts.scheduled.start) + facts.scheduled.minutes * 60_000;
    if (ends > now) times.push(ends);
  }
  const cadence = cadenceDays(facts.agreement.cadence);
  if (cadence !== undefined) {
    const base = Date.parse(`${facts.lastSessionDate ?? facts.agreement.started}T00:00:00Z`) + 2 * cadence * DAY_MS;
    if (base > now) times.push(base);
  }
  return times.length > 0 ? Math.min(...times) : undefined;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
