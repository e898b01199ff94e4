import * as vscode from 'vscode';

/**
 * The one way notes-repo files are opened as text editors. Live Share shares files opened
 * from outside the workspace, so while this user hosts a session notes are not opened as
 * editors: pairing installs the check with `guardWith`.
 */
export class NoteEditors {
  private isHosting: () => boolean = () => false;

  guardWith(isHosting: () => boolean): void {
    this.isHosting = isHosting;
  }

  get hosting(): boolean {
    return this.isHosting();
  }

  /** Opens a notes file; while hosting, explains why not and returns undefined. */
  async show(file: string, options?: vscode.TextDocumentShowOptions): Promise<vscode.TextEditor | undefined> {
    if (this.isHosting()) {
      void vscode.window.showInformationMessage(
        'Notes are not opened while you host a Live Share session, so guests cannot see them. Open it after the session ends.',
      );
      return undefined;
    }
    return vscode.window.showTextDocument(vscode.Uri.file(file), options);
  }
}
