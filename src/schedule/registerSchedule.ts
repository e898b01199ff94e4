import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, SETTINGS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import { ActionableError } from '../ui/actionableError';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';
import { scheduleClock, type ScheduleClock } from './scheduleClock';
import type { ScheduleFeature } from './scheduleFeature';

type ScheduleFeatureModule = typeof import('./scheduleFeature');

/** What the rhythm features hand to the tests (through the extension's API). */
export interface Schedule {
  readonly clock: ScheduleClock;
  /** The reminders (loads the feature). */
  readonly reminders: ScheduleFeature['reminders'];
  /** Replaces how calendar files are opened (the system handler by default). */
  useOpener(open: (uri: vscode.Uri) => Thenable<boolean>): void;
}

let loadFeature: (() => ScheduleFeature) | undefined;

/** The next sync's rows for Next Sync (none before the rhythm features are registered). */
export function scheduleRows(relationship: Relationship, agendaItems: number): Promise<vscode.TreeItem[]> {
  return loadFeature ? loadFeature().rows(relationship, agendaItems) : Promise.resolve([]);
}

/** The rhythm of a mentorship: the next sync's date, its calendar file and the nudges. */
export function registerSchedule(context: vscode.ExtensionContext, directory: MentorshipDirectory, log: MentorshipLog): Schedule {
  const register = commandRegistrar(log);
  const report = (error: unknown): void => log.error(error);
  let opener: (uri: vscode.Uri) => Thenable<boolean> = (uri) => vscode.env.openExternal(uri);
  let feature: ScheduleFeature | undefined;
  const load = (): ScheduleFeature => {
    if (!feature) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy chunk (see esbuild.mjs)
      const module = require('./scheduleFeature') as ScheduleFeatureModule;
      feature = module.createScheduleFeature({
        state: context.globalState,
        directory,
        clock: scheduleClock,
        reminderHours: () => vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.scheduleReminderHours, 24),
        report,
        calendarFolder: path.join(context.globalStorageUri.fsPath, 'calendar'),
        openExternal: (uri) => opener(uri),
        actionable: (message, actions, severity) => new ActionableError(message, actions, severity),
      });
      context.subscriptions.push(feature);
    }
    return feature;
  };
  loadFeature = load;
  context.subscriptions.push(
    ...[COMMANDS.scheduleNextSync, COMMANDS.addToCalendar].map((command) => register(command, (...args: unknown[]) => load().run(command, args))),
    // Activation stays free of I/O: the reminders start once the notes have loaded.
    directory.onDidChange(() => {
      const loaded = load();
      void loaded.reminders.check();
      void loaded.keepCalendarsCurrent().catch(report);
    }),
    { dispose: () => (loadFeature = undefined) },
  );
  return {
    clock: scheduleClock,
    get reminders() {
      return load().reminders;
    },
    useOpener: (open) => (opener = open),
  };
}
