import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STATE_KEYS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import { FEEDBACK_QUESTION, myRole } from './takeawaysCommands';

/** A rating asked for later: kept in global state so it survives a restart. */
interface FeedbackReminder {
  readonly root: string;
  readonly file: string;
  readonly due: number;
}

const RATINGS = [
  { label: '5', description: 'Extremely valuable', rating: 5 },
  { label: '4', description: 'Very valuable', rating: 4 },
  { label: '3', description: 'Moderately valuable', rating: 3 },
  { label: '2', description: 'Slightly valuable', rating: 2 },
  { label: '1', description: 'Not valuable', rating: 1 },
];
// setTimeout cannot wait longer than this (about 24.8 days); a later reminder re-arms.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Feedback after every session: the mentee rates it 1–5, now or later (an answer given later
 * is often more honest), reminded after a configurable delay; the mentor may rate too.
 */
export class FeedbackPrompt implements vscode.Disposable {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Session files whose rating is asked for once they are written (by absolute path). */
  private readonly waiting = new Map<string, vscode.Disposable>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly directory: MentorshipDirectory,
    private readonly delayMs: () => number,
    private readonly report: (error: unknown) => void,
  ) {
    // Only in-memory state is read here: activation stays free of I/O.
    for (const reminder of this.reminders()) this.arm(reminder);
  }

  /** The reminders waiting (for tests and for the Takeaways view). */
  reminders(): readonly FeedbackReminder[] {
    const stored = this.state.get<unknown>(STATE_KEYS.feedbackReminders);
    return Array.isArray(stored) ? stored.filter(isReminder) : [];
  }

  /**
   * Asks once the takeaways are written, not while the template is still blank: at the first
   * save that changes the session file, or when its editor closes. A reminder waits meanwhile,
   * so closing the window first loses nothing. The session row's Rate Session asks at any time.
   */
  async askWhenWritten(relationship: Relationship, file: string): Promise<void> {
    await this.remindLater(relationship.root, file);
    const absolute = path.join(relationship.root, file);
    this.waiting.get(absolute)?.dispose();
    const template = await fs.readFile(absolute, 'utf8').catch(() => undefined);
    const isSessionFile = (uri: vscode.Uri): boolean => uri.scheme === 'file' && path.normalize(uri.fsPath) === path.normalize(absolute);
    const askNow = (): void => {
      watch.dispose();
      void this.ask(relationship, file).catch(this.report);
    };
    const watch = vscode.Disposable.from(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (isSessionFile(document.uri) && document.getText() !== template) askNow();
      }),
      vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
        if (closed.some((tab) => tab.input instanceof vscode.TabInputText && isSessionFile(tab.input.uri))) askNow();
      }),
      { dispose: () => this.waiting.delete(absolute) },
    );
    this.waiting.set(absolute, watch);
  }

  async ask(relationship: Relationship, file: string): Promise<void> {
    const role = await myRole(relationship);
    const picked = await vscode.window.showQuickPick([...RATINGS, { label: '$(clock) Answer Later', description: role === 'mentee' ? 'You will be reminded' : 'Skip', rating: 0 }], {
      title: role === 'mentee' ? FEEDBACK_QUESTION : `${FEEDBACK_QUESTION} (optional for the mentor)`,
      placeHolder: '1 = not valuable … 5 = extremely valuable',
      ignoreFocusOut: true,
    });
    if (picked && picked.rating > 0) {
      await this.rate(relationship, file, picked.rating, role === 'mentor' ? 'mentor_rating' : 'rating');
    } else if (role === 'mentee') {
      await this.remindLater(relationship.root, file);
    }
  }

  async rate(relationship: Relationship, file: string, rating: number, key: 'rating' | 'mentor_rating'): Promise<void> {
    await relationship.sessions.rate(file, key, rating);
    await this.forget(relationship.root, file);
  }

  async remindLater(root: string, file: string): Promise<void> {
    const reminder = { root, file, due: Date.now() + this.delayMs() };
    await this.state.update(STATE_KEYS.feedbackReminders, [...this.reminders().filter((r) => !(r.root === root && r.file === file)), reminder]);
    this.arm(reminder);
  }

  private async forget(root: string, file: string): Promise<void> {
    await this.state.update(
      STATE_KEYS.feedbackReminders,
      this.reminders().filter((r) => !(r.root === root && r.file === file)),
    );
  }

  private arm(reminder: FeedbackReminder): void {
    const wait = Math.max(0, reminder.due - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (wait > LONGEST_TIMER_MS) this.arm(reminder);
      else void this.remind(reminder).catch(this.report);
    }, Math.min(wait, LONGEST_TIMER_MS));
    this.timers.add(timer);
  }

  private async remind(reminder: FeedbackReminder): Promise<void> {
    if (!this.reminders().some((r) => r.root === reminder.root && r.file === reminder.file)) return;
    const relationship = await this.directory.relationshipAt(reminder.root);
    if (!relationship) return;
    const date = path.posix.basename(reminder.file).slice(0, 10);
    const choice = await vscode.window.showInformationMessage(`${relationship.label}: ${FEEDBACK_QUESTION} (session on ${date})`, 'Rate Now', 'Later');
    if (choice === 'Rate Now') await this.ask(relationship, reminder.file);
    else await this.remindLater(reminder.root, reminder.file);
  }

  dispose(): void {
    for (const watch of [...this.waiting.values()]) watch.dispose();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function isReminder(value: unknown): value is FeedbackReminder {
  const r = value as Partial<FeedbackReminder> | null;
  return typeof r === 'object' && r !== null && typeof r.root === 'string' && typeof r.file === 'string' && typeof r.due === 'number';
}
