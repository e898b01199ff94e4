import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { NotesRepoError } from '../notes/gitErrors';
import { ActionableError } from './actionableError';

/** The one output channel for everything the user cannot act on directly. */
export class MentorshipLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Mentorship', { log: true });
  private readonly shownErrors = new vscode.EventEmitter<Error>();
  /** Fires with each error a command showed the user: how its programmatic callers learn of it. */
  readonly onDidShowError = this.shownErrors.event;

  info(message: string): void {
    this.channel.info(message);
  }

  error(error: unknown): void {
    if (error instanceof NotesRepoError && error.detail) {
      this.channel.error(`${error.message}\n${error.detail}`);
    } else {
      this.channel.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }

  show(): void {
    this.channel.show(true);
  }

  /** Records that `error` was shown to the user (see commandRegistrar). */
  shown(error: unknown): void {
    this.shownErrors.fire(error instanceof Error ? error : new Error(String(error)));
  }

  dispose(): void {
    this.shownErrors.dispose();
    this.channel.dispose();
  }
}

/** Shows an error with the action that fixes it, and logs the detail. */
export async function showError(log: MentorshipLog, error: unknown): Promise<void> {
  log.error(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof NotesRepoError && (error.code === 'git-missing' || error.code === 'git-too-old')) {
    const choice = await vscode.window.showErrorMessage(message, 'Download Git', 'Open Settings');
    if (choice === 'Download Git') await vscode.env.openExternal(vscode.Uri.parse('https://git-scm.com/downloads'));
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'mentorship.git.path');
    return;
  }
  if (error instanceof NotesRepoError && error.code === 'index-locked' && error.lockFile) {
    const lockFile = error.lockFile;
    const choice = await vscode.window.showErrorMessage(message, 'Remove Stale Lock…', 'Show Log');
    if (choice === 'Show Log') log.show();
    if (choice !== 'Remove Stale Lock…') return;
    // Removing a lock another git still holds could corrupt the index: ask first, every time.
    const sure = await vscode.window.showWarningMessage(
      `Remove ${lockFile}? Only do this when no other git process (a terminal, another window) is working in the notes repo.`,
      { modal: true },
      'Remove Lock',
    );
    if (sure === 'Remove Lock') {
      await fs.rm(lockFile, { force: true });
      void vscode.window.showInformationMessage('The stale lock was removed. Run the action again to commit.');
    }
    return;
  }
  if (error instanceof ActionableError) {
    const show = error.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    const titles = error.actions.map((a) => a.title);
    const choice = await show(message, ...titles);
    const picked = error.actions.find((a) => a.title === choice);
    if (picked) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
    return;
  }
  const choice = await vscode.window.showErrorMessage(message, 'Show Log');
  if (choice === 'Show Log') log.show();
}

/**
 * Registers a command inside the one error boundary: the user sees the error once, with its
 * action, and the command resolves to undefined. It does not reject: VS Code wraps whatever an
 * extension command throws (even a cancellation) in a new error and shows that too, as a modal
 * from the Command Palette or a notification from a view row. Programmatic callers (tests)
 * learn of the failure through `MentorshipLog.onDidShowError`.
 */
export function commandRegistrar(log: MentorshipLog) {
  return <A extends unknown[]>(id: string, handler: (...args: A) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: A) => {
      try {
        return await handler(...args);
      } catch (error) {
        log.shown(error);
        // Not awaited: the notification stays until the user answers it.
        void showError(log, error);
        return undefined;
      }
    });
}
