import * as vscode from 'vscode';
import type { NoteEditors } from '../commands/noteEditors';
import { showError, type MentorshipLog } from '../commands/userMessages';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { ReviewPanel } from './reviewPanel';

/** The review panel and "Mentorship: Open Review" (also what a session row in Takeaways runs). */
export function createReview(context: vscode.ExtensionContext, directory: MentorshipDirectory, noteEditors: NoteEditors, log: MentorshipLog): ReviewPanel {
  const review = new ReviewPanel(
    context.extensionUri,
    directory,
    {
      openAgendaItem: (root, id) => vscode.commands.executeCommand(COMMANDS.openAgendaItem, root, id),
      // Through NoteEditors: while hosting a Live Share session, notes are not opened as editors.
      openNote: (file) => noteEditors.show(file, { preview: false }),
      openExternal: (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
    },
    (error) => log.error(error),
  );
  context.subscriptions.push(
    review,
    vscode.commands.registerCommand(COMMANDS.openReview, async (root?: unknown, file?: unknown) => {
      try {
        await review.show(typeof root === 'string' && typeof file === 'string' ? { root, file } : undefined);
      } catch (error) {
        void showError(log, error);
      }
    }),
  );
  return review;
}
