import * as vscode from 'vscode';
import { Emitter, type Event } from '../core/emitter';
import type { AnchorLocator } from './anchorLocator';

/**
 * Re-locates anchors when the code may have moved outside the editor: git changed HEAD or the
 * index (pull, checkout, rebase, commit), a file was saved, or the window regained focus
 * (edits made in another tool). Bursts collapse into one event, heard by what shows anchor
 * statuses (Next Sync, the gutter markers) and nothing else.
 */
export class AnchorRefresher implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly codeChanged = new Emitter<void>();
  /** The code may have moved: anchors should be located again. */
  readonly onDidChangeCode: Event<void> = this.codeChanged.event;

  constructor(private readonly locator: AnchorLocator) {
    this.watchFolders();
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchFolders()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.scheme === 'file') this.schedule();
      }),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) this.schedule();
      }),
    );
  }

  private watchFolders(): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = (vscode.workspace.workspaceFolders ?? []).map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.git/{HEAD,index,ORIG_HEAD}'));
      const changed = (): void => this.schedule(true);
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      return watcher;
    });
  }

  private schedule(gitChanged = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (gitChanged) this.locator.reset();
      this.codeChanged.fire();
    }, 300);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.codeChanged.dispose();
    this.watchers.forEach((w) => w.dispose());
    this.subscriptions.forEach((s) => s.dispose());
  }
}
