import type * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import type { FixAction } from '../ui/actionableError';
import { CalendarFiles } from './calendarFile';
import { nextSyncDateRows } from './nextSyncRows';
import { RhythmReminders } from './rhythmReminders';
import type { ScheduleClock } from './scheduleClock';
import { addToCalendar, scheduleNextSync, writeCalendar, type ScheduleAnswer, type ScheduleDependencies } from './scheduleCommands';

/** What the host hands the feature: its own instances, since this chunk has copies of every module. */
export interface ScheduleHost {
  readonly state: vscode.Memento;
  readonly directory: MentorshipDirectory;
  /** The host's clock (the one tests move). */
  readonly clock: ScheduleClock;
  readonly reminderHours: () => number;
  readonly report: (error: unknown) => void;
  readonly calendarFolder: string;
  readonly openExternal: (uri: vscode.Uri) => Thenable<boolean>;
  readonly actionable: (message: string, actions: readonly FixAction[], severity?: 'error' | 'warning') => Error;
}

/**
 * The rhythm features, built on first use (dist/features/schedule.js, see esbuild.mjs): the first
 * notes load, a Next Sync render or one of its commands.
 */
export interface ScheduleFeature extends vscode.Disposable {
  readonly reminders: RhythmReminders;
  readonly calendar: CalendarFiles;
  run(command: string, args: readonly unknown[]): Promise<unknown>;
  rows(relationship: Relationship, agendaItems: number): Promise<vscode.TreeItem[]>;
  /** A sync may have pulled a moved date: a calendar file made earlier follows it. */
  keepCalendarsCurrent(): Promise<void>;
}

export function createScheduleFeature(host: ScheduleHost): ScheduleFeature {
  const calendar = new CalendarFiles(host.calendarFolder);
  const deps: ScheduleDependencies = { directory: host.directory, clock: host.clock, calendar, openExternal: host.openExternal, actionable: host.actionable };
  const reminders = new RhythmReminders(host.state, host.directory, host.clock, host.reminderHours, host.report);
  const commands: Record<string, (...args: unknown[]) => Promise<unknown>> = {
    [COMMANDS.scheduleNextSync]: (root, answer) => scheduleNextSync(deps, root, isScheduleAnswer(answer) ? answer : undefined),
    [COMMANDS.addToCalendar]: (root) => addToCalendar(deps, root),
  };
  return {
    reminders,
    calendar,
    run: async (command, args) => commands[command]?.(...args),
    rows: (relationship, agendaItems) => nextSyncDateRows(relationship, agendaItems, host.clock.now()),
    async keepCalendarsCurrent() {
      for (const relationship of await host.directory.relationships()) {
        if (await calendar.exists(relationship.root)) await writeCalendar(deps, relationship);
      }
    },
    dispose: () => reminders.dispose(),
  };
}

function isScheduleAnswer(value: unknown): value is ScheduleAnswer {
  return typeof value === 'object' && value !== null && typeof (value as ScheduleAnswer).when === 'string';
}
