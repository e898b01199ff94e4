import * as vscode from 'vscode';
import { CONTEXT_KEYS, SETTINGS, VIEWS } from './constants';
import { NotesSettings } from './commands/notesSettings';
import { registerCommands } from './commands/registerCommands';
import { MentorshipLog } from './commands/userMessages';
import { MentorshipDirectory } from './notes/mentorshipDirectory';
import { NextSyncTree } from './views/nextSyncTree';
import { PairingTree } from './views/pairingTree';
import { SyncStatusBar } from './views/syncStatusBar';
import { TakeawaysTree } from './views/takeawaysTree';

/** What the extension hands to its integration tests and to other extensions. */
export interface MentorshipApi {
  readonly directory: MentorshipDirectory;
  readonly trees: { readonly nextSync: NextSyncTree; readonly pairing: PairingTree; readonly takeaways: TakeawaysTree };
}

/**
 * Composition root. Builds objects and registers contributions only: no file or git I/O
 * here; the notes repos load the first time a view is shown or a command runs.
 */
export function activate(context: vscode.ExtensionContext): MentorshipApi {
  const log = new MentorshipLog();
  const settings = new NotesSettings(context.globalStorageUri.fsPath);
  const directory = new MentorshipDirectory(() => settings.locations());
  const report = (error: unknown): void => log.error(error);
  const trees = { nextSync: new NextSyncTree(directory, report), pairing: new PairingTree(directory, report), takeaways: new TakeawaysTree(directory, report) };
  const nextSyncView = vscode.window.createTreeView(VIEWS.nextSync, { treeDataProvider: trees.nextSync, showCollapseAll: true });

  context.subscriptions.push(
    log,
    trees.nextSync,
    trees.pairing,
    trees.takeaways,
    nextSyncView,
    vscode.window.createTreeView(VIEWS.pairing, { treeDataProvider: trees.pairing }),
    vscode.window.createTreeView(VIEWS.takeaways, { treeDataProvider: trees.takeaways }),
    new SyncStatusBar(directory, nextSyncView),
    ...registerCommands(directory, settings, log),
    directory.onDidChange(() => void updateContextKeys(directory)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS.section)) directory.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => directory.reload()),
    { dispose: () => directory.reload() },
  );
  return { directory, trees };
}

async function updateContextKeys(directory: MentorshipDirectory): Promise<void> {
  const relationships = await directory.relationships();
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasRelationship, relationships.length > 0);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.loaded, true);
}

export function deactivate(): void {
  // Disposables registered in activate() stop the background sync timers.
}
