import * as vscode from 'vscode';
import { roleOf } from '../core/agreement';
import { syncCalendarEvent } from '../core/calendarEvent';
import { formatSyncInput, NEXT_SYNC_FILE, parseSyncInput, proposeNextSync, renderScheduledSync, type ScheduledSync } from '../core/nextSync';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { readyAgreement, type Relationship } from '../notes/relationship';
import { pickRelationship } from '../ui/pickRelationship';
import type { FixAction } from '../ui/actionableError';
import type { CalendarFiles } from './calendarFile';
import { readScheduledSync } from './rhythmFacts';
import type { ScheduleClock } from './scheduleClock';

export interface ScheduleDependencies {
  readonly directory: MentorshipDirectory;
  readonly clock: ScheduleClock;
  readonly calendar: CalendarFiles;
  /** Opens a calendar file with the system's handler (replaceable in tests). */
  readonly openExternal: (uri: vscode.Uri) => Thenable<boolean>;
  /** The host's ActionableError (this file is bundled into a lazy chunk with copies of classes). */
  readonly actionable: (message: string, actions: readonly FixAction[], severity?: 'error' | 'warning') => Error;
}

/** "2026-12-08 14:00" given by a caller (a test, another command) instead of the input box. */
export interface ScheduleAnswer {
  readonly when: string;
}

/** A relationship root from a command argument: a string, or a row that carries one. */
export function rootArgument(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const root = (value as { relationshipRoot?: unknown } | null)?.relationshipRoot;
  return typeof root === 'string' ? root : undefined;
}

async function relationshipWithAgreement(deps: ScheduleDependencies, root: string | undefined) {
  const relationship = await pickRelationship(deps.directory, root);
  if (!relationship) return undefined;
  const agreement = readyAgreement(relationship);
  if (!agreement) {
    throw deps.actionable('Write the mentorship agreement first: the next sync is proposed from its cadence.', [{ title: 'Set Up a Mentorship', command: COMMANDS.setUpMentorship }], 'warning');
  }
  return { relationship, agreement };
}

/**
 * Schedule Next Sync…: proposes a date from the cadence and the last session, asks, then writes
 * `next-sync.md` in one commit (the background sync shares it with the other person). A calendar
 * file already made for this relationship is rewritten so it moves with the sync.
 */
export async function scheduleNextSync(deps: ScheduleDependencies, rootArg?: unknown, answer?: ScheduleAnswer): Promise<ScheduledSync | undefined> {
  const found = await relationshipWithAgreement(deps, rootArgument(rootArg));
  if (!found) return undefined;
  const { relationship, agreement } = found;
  const now = new Date(deps.clock.now());
  const last = (await relationship.sessions.load()).sessions.at(-1)?.session;
  const proposal = proposeNextSync({ cadence: agreement.cadence, started: agreement.started, lastSession: last && { date: last.date, start: last.start } }, now);
  const typed =
    answer?.when ??
    (await vscode.window.showInputBox({
      title: `Schedule Next Sync — ${relationship.label}`,
      prompt: `Date and time in your time zone (you agreed to meet ${agreement.cadence}; ${agreement.minutesPerSession} min).`,
      value: formatSyncInput(proposal),
      ignoreFocusOut: true,
      validateInput: (text) => {
        const parsed = parseSyncInput(text, new Date(deps.clock.now()));
        return parsed.ok ? undefined : parsed.reason;
      },
    }));
  if (typed === undefined) return undefined;
  const parsed = parseSyncInput(typed, new Date(deps.clock.now()));
  if (!parsed.ok) throw new Error(parsed.reason);
  const identity = await relationship.repo.identity();
  const sync: ScheduledSync = { start: parsed.date.toISOString(), minutes: agreement.minutesPerSession, scheduledBy: identity.email };
  await relationship.repo.commitFiles([{ path: NEXT_SYNC_FILE, content: renderScheduledSync(sync) }], `Schedule next sync: ${formatSyncInput(parsed.date)}`);
  await deps.directory.refresh();
  if (await deps.calendar.exists(relationship.root)) await writeCalendar(deps, relationship);
  return sync;
}

/** Add to Calendar: writes the next sync's `.ics` outside notes and workspace, opens it with the system. */
export async function addToCalendar(deps: ScheduleDependencies, rootArg?: unknown): Promise<string | undefined> {
  const found = await relationshipWithAgreement(deps, rootArgument(rootArg));
  if (!found) return undefined;
  const stored = await readScheduledSync(found.relationship);
  if (stored.kind !== 'scheduled') {
    throw deps.actionable(
      stored.kind === 'broken' ? `${NEXT_SYNC_FILE} cannot be read (line ${stored.problem.line}: ${stored.problem.reason}). Schedule the sync again.` : 'No next sync is scheduled yet.',
      [{ title: 'Schedule Next Sync…', command: COMMANDS.scheduleNextSync, args: [found.relationship.root] }],
      'warning',
    );
  }
  const file = await writeCalendar(deps, found.relationship);
  if (!file) return undefined;
  await deps.openExternal(vscode.Uri.file(file));
  return file;
}

/** (Re)writes the calendar file from what is stored now; undefined when nothing is scheduled. */
export async function writeCalendar(deps: Pick<ScheduleDependencies, 'calendar' | 'clock'>, relationship: Relationship): Promise<string | undefined> {
  const agreement = readyAgreement(relationship);
  const stored = await readScheduledSync(relationship);
  if (!agreement || stored.kind !== 'scheduled') return undefined;
  const [agenda, identity] = await Promise.all([relationship.agenda.load(), relationship.repo.identity()]);
  const titles = agenda.items.filter((item) => item.status !== 'resolved').map((item) => item.question);
  const role = roleOf(agreement, identity.email) ?? 'mentee';
  return deps.calendar.write(relationship.root, syncCalendarEvent(agreement, role, stored.sync, titles, deps.clock.now()));
}
