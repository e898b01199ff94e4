import * as vscode from 'vscode';
import { describeNextSync, isUpcoming, calendarDaysBetween } from '../core/nextSync';
import { dueNudges, nextNudgeAt, type RhythmFacts, type RhythmNudge } from '../core/rhythm';
import { COMMANDS, STATE_KEYS, VIEWS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { ScheduleClock } from './scheduleClock';
import { readRhythmFacts } from './rhythmFacts';

/** The actions a nudge offers, by kind. */
export const NUDGE_ACTIONS: Record<RhythmNudge['kind'], readonly string[]> = {
  prepare: ['Flag Code', 'Open Next Sync'],
  slipped: ['Schedule Next Sync…'],
  'used-up': ['Review the Agreement'],
};

/** A nudge as it was shown: for the tests, and to act on it later. */
export interface ShownNudge {
  readonly root: string;
  readonly nudge: RhythmNudge;
}

// setTimeout cannot wait longer than about 24.8 days; an hour keeps the status bar's day right.
const LONGEST_WAIT_MS = 3_600_000;

/**
 * The rhythm's quiet prompts: the reminder to prepare before a scheduled sync, the nudge when the
 * cadence slipped or the planned sessions are used up, and the status bar item on the day of a
 * sync. Each nudge is shown once (remembered in global state). Checks run when the notes change
 * and on one timer armed for the next moment a nudge can become due, read from the clock port.
 */
export class RhythmReminders implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private readonly statusItem = vscode.window.createStatusBarItem('mentorship.nextSyncToday', vscode.StatusBarAlignment.Left, 40);
  private readonly subscriptions: { dispose(): void }[] = [];
  /** The status bar item's text while it is shown (what the user sees), else undefined. */
  statusText: string | undefined;
  /** Every nudge shown in this window, oldest first. */
  readonly shown: ShownNudge[] = [];

  constructor(
    private readonly state: vscode.Memento,
    private readonly directory: MentorshipDirectory,
    private readonly clock: ScheduleClock,
    private readonly reminderHours: () => number,
    private readonly report: (error: unknown) => void,
  ) {
    this.statusItem.name = 'Mentorship: Next Sync Today';
    this.statusItem.command = `${VIEWS.nextSync}.focus`;
    // The host runs a check on every notes change; moving the clock (tests) checks again.
    this.subscriptions.push(clock.onDidChange(() => this.scheduleCheck()));
  }

  /**
   * Runs a check that starts after this call (requests made while one runs share the next one);
   * resolves when that check is done.
   */
  check(): Promise<void> {
    if (!this.running) {
      this.running = this.run()
        .catch(this.report)
        .finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.check();
    });
    return this.queued;
  }

  /** Runs what a nudge's button does (the notification calls this too). */
  async act(shown: ShownNudge, action: string): Promise<void> {
    switch (action) {
      case 'Flag Code':
        await vscode.commands.executeCommand(COMMANDS.flagForNextSync);
        return;
      case 'Open Next Sync':
        await vscode.commands.executeCommand(`${VIEWS.nextSync}.focus`);
        return;
      case 'Schedule Next Sync…':
        await vscode.commands.executeCommand(COMMANDS.scheduleNextSync, shown.root);
        return;
      case 'Review the Agreement':
        await vscode.commands.executeCommand(COMMANDS.reviewAgreement, shown.root);
        return;
      default:
        return;
    }
  }

  private scheduleCheck(): void {
    void this.check();
  }

  private async run(): Promise<void> {
    const now = this.clock.now();
    const hours = this.reminderHours();
    let next: number | undefined;
    const today: { facts: RhythmFacts; root: string }[] = [];
    for (const relationship of await this.directory.relationships()) {
      const facts = await readRhythmFacts(relationship);
      if (!facts) continue;
      for (const nudge of dueNudges(facts, now, hours)) await this.show({ root: relationship.root, nudge });
      const at = nextNudgeAt(facts, now, hours);
      if (at !== undefined) next = next === undefined ? at : Math.min(next, at);
      if (facts.scheduled && isUpcoming(facts.scheduled, now) && calendarDaysBetween(new Date(now), new Date(facts.scheduled.start)) === 0) {
        today.push({ facts, root: relationship.root });
      }
    }
    this.showToday(today, now);
    this.arm(next, now);
  }

  private async show(shown: ShownNudge): Promise<void> {
    const key = `${shown.root}\0${shown.nudge.key}`;
    const seen = this.state.get<string[]>(STATE_KEYS.rhythmNudgesShown) ?? [];
    if (seen.includes(key)) return;
    // Remembered before showing: a second check while the toast is up must not show it twice.
    await this.state.update(STATE_KEYS.rhythmNudgesShown, [...seen.slice(-199), key]);
    this.shown.push(shown);
    void vscode.window.showInformationMessage(shown.nudge.message, ...NUDGE_ACTIONS[shown.nudge.kind]).then(
      (action) => (action ? this.act(shown, action) : undefined),
      this.report,
    );
  }

  /** The status bar item exists only on the day of a sync, until it has ended. */
  private showToday(today: readonly { facts: RhythmFacts }[], now: number): void {
    const first = today[0];
    if (!first?.facts.scheduled) {
      this.statusItem.hide();
      this.statusText = undefined;
      return;
    }
    const description = describeNextSync(first.facts.scheduled, first.facts.agendaItems, new Date(now));
    this.statusItem.text = `$(calendar) Sync ${description.split(', ')[1] ?? description}`;
    this.statusItem.tooltip = `${first.facts.label}: next sync ${description}${today.length > 1 ? ` (and ${today.length - 1} more today)` : ''}`;
    this.statusItem.show();
    this.statusText = this.statusItem.text;
  }

  private arm(next: number | undefined, now: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const wait = next === undefined ? LONGEST_WAIT_MS : Math.min(Math.max(0, next - now) + 50, LONGEST_WAIT_MS);
    this.timer = setTimeout(() => this.scheduleCheck(), wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.statusItem.dispose();
  }
}
