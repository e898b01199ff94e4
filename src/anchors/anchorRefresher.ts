import * as vscode from 'vscode';
import { Debouncer, Emitter, type Event } from '../core/emitter';
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
  private readonly codeChanged = new Emitter<void>();
  /** Whether git moved during the current burst: then the cached file versions are stale too. */
  private gitMoved = false;
  private readonly burst = new Debouncer<'code'>(300, () => {
    if (this.gitMoved) this.locator.reset();
    this.gitMoved = false;
    this.codeChanged.fire();
  });
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
    this.gitMoved ||= gitChanged;
    this.burst.touch('code');
  }

  dispose(): void {
    this.burst.dispose();
    this.codeChanged.dispose();
    this.watchers.forEach((w) => w.dispose());
    this.subscriptions.forEach((s) => s.dispose());
  }
}
