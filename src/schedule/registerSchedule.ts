import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, SETTINGS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';
import { CalendarFiles } from './calendarFile';
import { RhythmReminders } from './rhythmReminders';
import { scheduleClock, type ScheduleClock } from './scheduleClock';
import { addToCalendar, scheduleNextSync, writeCalendar, type ScheduleAnswer, type ScheduleDependencies } from './scheduleCommands';

/** What the rhythm features hand to the tests (through the extension's API). */
export interface Schedule {
  readonly clock: ScheduleClock;
  readonly reminders: RhythmReminders;
  readonly calendar: CalendarFiles;
  /** Replaces how calendar files are opened (the system handler by default). */
  useOpener(open: (uri: vscode.Uri) => Thenable<boolean>): void;
}

/** The rhythm of a mentorship: the next sync's date, its calendar file and the nudges. */
export function registerSchedule(context: vscode.ExtensionContext, directory: MentorshipDirectory, log: MentorshipLog): Schedule {
  const register = commandRegistrar(log);
  const report = (error: unknown): void => log.error(error);
  const calendar = new CalendarFiles(path.join(context.globalStorageUri.fsPath, 'calendar'));
  let opener: (uri: vscode.Uri) => Thenable<boolean> = (uri) => vscode.env.openExternal(uri);
  const deps: ScheduleDependencies = { directory, clock: scheduleClock, calendar, openExternal: (uri) => opener(uri) };
  const reminders = new RhythmReminders(
    context.globalState,
    directory,
    scheduleClock,
    () => vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.scheduleReminderHours, 24),
    report,
  );
  context.subscriptions.push(
    reminders,
    register(COMMANDS.scheduleNextSync, (root?: unknown, answer?: unknown) => scheduleNextSync(deps, root, isScheduleAnswer(answer) ? answer : undefined)),
    register(COMMANDS.addToCalendar, (root?: unknown) => addToCalendar(deps, root)),
    // A sync may have pulled a moved date: a calendar file made earlier follows it.
    directory.onDidChange(() => void keepCalendarsCurrent(deps, directory).catch(report)),
  );
  return { clock: scheduleClock, reminders, calendar, useOpener: (open) => (opener = open) };
}

async function keepCalendarsCurrent(deps: ScheduleDependencies, directory: MentorshipDirectory): Promise<void> {
  for (const relationship of await directory.relationships()) {
    if (await deps.calendar.exists(relationship.root)) await writeCalendar(deps, relationship);
  }
}

function isScheduleAnswer(value: unknown): value is ScheduleAnswer {
  return typeof value === 'object' && value !== null && typeof (value as ScheduleAnswer).when === 'string';
}
