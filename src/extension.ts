import * as vscode from 'vscode';
import { AgendaDecorations } from './anchors/agendaDecorations';
import { AnchorLocator } from './anchors/anchorLocator';
import { AnchorRefresher } from './anchors/anchorRefresher';
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
import { WorkspaceRepo } from './workspace/workspaceRepo';

/** What the extension hands to its integration tests and to other extensions. */
export interface MentorshipApi extends Omit<MentorshipViews, 'reveal'> {
  readonly directory: MentorshipDirectory;
  readonly decorations: AgendaDecorations;
  readonly feedback: FeedbackPrompt;
  readonly drafts: TakeawayDrafts;
  readonly pairing: Pairing;
  readonly review: Review;
}

/**
 * Composition root. Builds objects and registers contributions only: no file or git I/O
 * here; the notes repos load the first time a view is shown or a command runs.
 */
export function activate(context: vscode.ExtensionContext): MentorshipApi {
  const log = new MentorshipLog();
  // Each git command with its duration (never note text), for "Show Log".
  setGitLog((line) => log.info(line));
  const settings = new NotesSettings(context.globalStorageUri.fsPath);
  const directory = new MentorshipDirectory(() => settings.locations());
  const report = (error: unknown): void => log.error(error);
  const workspaceRepo = new WorkspaceRepo(settings.git);
  const locator = new AnchorLocator(workspaceRepo);
  const pairing = createPairing(context, directory, log);
  const views = registerViews(context, directory, locator, report, pairing);
  const noteEditors = new NoteEditors();
  // While hosting, Live Share could share a notes file opened as an editor: none is opened.
  noteEditors.guardWith(() => pairing.session.isHosting);
  const review = createReview(context, directory, noteEditors, log);
  const feedback = new FeedbackPrompt(
    context.globalState,
    directory,
    () => Math.max(0, vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.feedbackReminderHours, 48)) * 3_600_000,
    report,
  );
  const drafts = new TakeawayDrafts(context.globalState, directory, noteEditors, report);
  const decorations = new AgendaDecorations(directory, locator, context.extensionUri);

  context.subscriptions.push(
    log,
    decorations,
    new AnchorRefresher(directory, locator),
    ...registerCommands({ directory, settings, log, locator, workspaceRepo, reveal: (root, id) => views.reveal(root, id), noteEditors, feedback, drafts, onAgendaItemOpened: (root, id) => pairing.controller.agendaItemOpened(root, id) }),
    feedback,
    drafts,
    commitNotesOnSave(directory, report),
    announceKeptBoth(directory, noteEditors),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS.section)) directory.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => directory.reload()),
    // Stops the background sync timers.
    { dispose: () => directory.reload() },
    { dispose: () => setGitLog(undefined) },
  );
  return { directory, decorations, feedback, drafts, pairing, review, trees: views.trees, nextSyncView: views.nextSyncView, agendaDragAndDrop: views.agendaDragAndDrop };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
