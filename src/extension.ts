import * as vscode from 'vscode';
import { AgendaDecorations } from './anchors/agendaDecorations';
import { AnchorLocator } from './anchors/anchorLocator';
import { AnchorRefresher } from './anchors/anchorRefresher';
import type { AgendaThreads } from './comments/agendaThreads';
import { registerComments } from './comments/registerComments';
import { UnreadReplies } from './comments/unreadReplies';
import { FeedbackPrompt } from './commands/feedbackPrompt';
import { NoteEditors } from './ui/noteEditors';
import { TakeawayDrafts } from './commands/takeawayDrafts';
import { announceKeptBoth, commitNotesOnSave } from './commands/notesAutoCommit';
import { NotesSettings } from './ui/notesSettings';
import { registerCommands } from './commands/registerCommands';
import { MentorshipLog } from './ui/userMessages';
import { SETTINGS } from './constants';
import { setGitLog } from './notes/git';
import { MentorshipDirectory } from './notes/mentorshipDirectory';
import { createPairing, type Pairing } from './pairing/pairing';
import { createReview, type Review } from './review/review';
import { registerViews, type MentorshipViews } from './views/registerViews';
import { registerSchedule, type Schedule } from './schedule/registerSchedule';
import { registerProgram, type Program } from './program/registerProgram';
import { WorkspaceRepo } from './workspace/workspaceRepo';

/**
 * What the extension hands to its in-editor tests and benchmarks, and only to them (the
 * extension runs in test mode there); other extensions get nothing: there is no public API.
 */
export interface MentorshipApi extends Omit<MentorshipViews, 'reveal' | 'pairingView'> {
  readonly directory: MentorshipDirectory;
  readonly decorations: AgendaDecorations;
  readonly feedback: FeedbackPrompt;
  readonly drafts: TakeawayDrafts;
  readonly pairing: Pairing;
  readonly review: Review;
  /** Agenda items as comment threads, and their unread replies. */
  readonly threads: AgendaThreads;
  readonly unreadReplies: UnreadReplies;
  readonly schedule: Schedule;
  readonly program: Program;
  /** Each error a command showed the user (commands resolve rather than reject, see commandRegistrar). */
  readonly onDidShowError: vscode.Event<Error>;
}

/**
 * Composition root. Builds objects and registers contributions only: no file or git I/O
 * here; the notes repos load the first time a view is shown or a command runs.
 */
export function activate(context: vscode.ExtensionContext): MentorshipApi | undefined {
  const log = new MentorshipLog();
  // Each git command with its duration (never note text), for "Show Log".
  setGitLog((line) => log.info(line));
  const settings = new NotesSettings(context.globalStorageUri.fsPath, context.globalState);
  const directory = new MentorshipDirectory(() => settings.locations());
  const report = (error: unknown): void => log.error(error);
  const workspaceRepo = new WorkspaceRepo(settings.git);
  const locator = new AnchorLocator(workspaceRepo);
  const pairing = createPairing(context, directory, log);
  const unreadReplies = new UnreadReplies(context.globalState);
  const anchorRefresher = new AnchorRefresher(locator);
  const views = registerViews(context, directory, locator, report, pairing, anchorRefresher.onDidChangeCode, unreadReplies);
  // The other person's invitations are pulled in only while someone looks at the Pairing view.
  const pairingShown = (visible: boolean): void => {
    pairing.watcher.setVisible(visible);
    if (visible) void pairing.controller.pickUpSharedSession().catch(report);
  };
  pairingShown(views.pairingView.visible);
  const noteEditors = new NoteEditors();
  // While hosting, Live Share could share a notes file opened as an editor: none is opened.
  noteEditors.guardWith(() => pairing.session.isHosting);
  const review = createReview(context, directory, noteEditors, log, locator);
  const feedback = new FeedbackPrompt(
    context.globalState,
    directory,
    () => Math.max(0, vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.feedbackReminderHours, 48)) * 3_600_000,
    report,
  );
  const drafts = new TakeawayDrafts(context.globalState, directory, noteEditors, report);
  const decorations = new AgendaDecorations(directory, locator, context.extensionUri);
  context.subscriptions.push(unreadReplies);
  const threads = registerComments(context.subscriptions, directory, locator, unreadReplies, pairing.session, log);
  const schedule = registerSchedule(context, directory, log);
  const program = registerProgram(context, directory, () => settings.git, log);

  context.subscriptions.push(
    // Stops the background sync timers and pending announcements, silently: no reload and no
    // change events while the views are being torn down.
    directory,
    log,
    decorations,
    anchorRefresher,
    anchorRefresher.onDidChangeCode(() => decorations.schedule()),
    views.pairingView.onDidChangeVisibility(({ visible }) => pairingShown(visible)),
    ...registerCommands({ directory, settings, log, locator, workspaceRepo, reveal: (root, id) => views.reveal(root, id), noteEditors, feedback, drafts, onAgendaItemOpened: (root, id) => pairing.controller.agendaItemOpened(root, id) }),
    feedback,
    drafts,
    commitNotesOnSave(directory, report),
    announceKeptBoth(directory, noteEditors),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Where the notes repos are, or which git runs them: open them again. Any other setting
      // only changes how they are shown.
      if (['notesRepo', SETTINGS.gitPath].some((key) => event.affectsConfiguration(`${SETTINGS.section}.${key}`))) directory.reload();
      else if (event.affectsConfiguration(SETTINGS.section)) void directory.refresh().catch(report);
      if (event.affectsConfiguration(SETTINGS.section)) void settings.explainRefusedPath().catch(report);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      directory.reload();
      void settings.explainRefusedPath().catch(report);
    }),
    { dispose: () => setGitLog(undefined) },
  );
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { directory, decorations, feedback, drafts, pairing, review, threads, unreadReplies, schedule, program, trees: views.trees, nextSyncView: views.nextSyncView, agendaDragAndDrop: views.agendaDragAndDrop, onDidShowError: log.onDidShowError };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
