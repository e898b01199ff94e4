import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS, SETTINGS, STATE_KEYS, VIEWS } from './constants';
import { NotesSettings } from './commands/notesSettings';
import { registerCommands } from './commands/registerCommands';
import { MentorshipLog } from './commands/userMessages';
import { AgendaDecorations } from './anchors/agendaDecorations';
import { AnchorLocator } from './anchors/anchorLocator';
import { AnchorRefresher } from './anchors/anchorRefresher';
import { MentorshipDirectory } from './notes/mentorshipDirectory';
import { AgendaDragAndDrop } from './views/agendaDragAndDrop';
import { AGENDA_GROUPINGS, type AgendaGrouping } from './views/agendaGrouping';
import { SNIPPET_SCHEME, SnippetProvider } from './views/snippetProvider';
import { WorkspaceRepo } from './workspace/workspaceRepo';
import { NextSyncTree } from './views/nextSyncTree';
import { PairingTree } from './views/pairingTree';
import { SyncStatusBar } from './views/syncStatusBar';
import { TakeawaysTree } from './views/takeawaysTree';

/** What the extension hands to its integration tests and to other extensions. */
export interface MentorshipApi {
  readonly directory: MentorshipDirectory;
  readonly trees: { readonly nextSync: NextSyncTree; readonly pairing: PairingTree; readonly takeaways: TakeawaysTree };
  readonly decorations: AgendaDecorations;
  readonly agendaDragAndDrop: AgendaDragAndDrop;
  readonly nextSyncView: vscode.TreeView<vscode.TreeItem>;
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
  const workspaceRepo = new WorkspaceRepo(settings.git);
  const locator = new AnchorLocator(workspaceRepo);
  const grouping = (): AgendaGrouping => {
    const saved = context.globalState.get<string>(STATE_KEYS.agendaGrouping);
    return (AGENDA_GROUPINGS as readonly string[]).includes(saved ?? '') ? (saved as AgendaGrouping) : 'order';
  };
  const trees = { nextSync: new NextSyncTree(directory, report, locator, grouping), pairing: new PairingTree(directory, report), takeaways: new TakeawaysTree(directory, report) };
  const agendaDragAndDrop = new AgendaDragAndDrop(directory, report);
  const nextSyncView = vscode.window.createTreeView(VIEWS.nextSync, {
    treeDataProvider: trees.nextSync,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: agendaDragAndDrop,
  });
  const setGrouping = async (value: AgendaGrouping): Promise<void> => {
    await context.globalState.update(STATE_KEYS.agendaGrouping, value);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.agendaGrouping, value);
    directory.reload();
  };
  // Context keys are free to set; this is not I/O.
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.agendaGrouping, grouping());
  const decorations = new AgendaDecorations(directory, locator, context.extensionUri);
  const reveal = async (root: string, id: string): Promise<void> => {
    await vscode.commands.executeCommand(`${VIEWS.nextSync}.focus`);
    const item = await trees.nextSync.find(`agenda:${root}:${id}`);
    if (item) await nextSyncView.reveal(item, { select: true, focus: true });
  };

  context.subscriptions.push(
    log,
    trees.nextSync,
    trees.pairing,
    trees.takeaways,
    nextSyncView,
    vscode.window.createTreeView(VIEWS.pairing, { treeDataProvider: trees.pairing }),
    vscode.window.createTreeView(VIEWS.takeaways, { treeDataProvider: trees.takeaways }),
    new SyncStatusBar(directory, nextSyncView),
    decorations,
    new AnchorRefresher(directory, locator),
    vscode.workspace.registerTextDocumentContentProvider(SNIPPET_SCHEME, new SnippetProvider(directory)),
    ...registerCommands({ directory, settings, log, locator, workspaceRepo, reveal }),
    vscode.commands.registerCommand(COMMANDS.showAgendaInSyncOrder, () => setGrouping('order')),
    vscode.commands.registerCommand(COMMANDS.groupAgendaByFile, () => setGrouping('file')),
    vscode.commands.registerCommand(COMMANDS.groupAgendaByTag, () => setGrouping('tag')),
    directory.onDidChange(() => void updateContextKeys(directory)),
    directory.onDidChange(() => void updateAgendaBadge(directory, nextSyncView)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS.section)) directory.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => directory.reload()),
    { dispose: () => directory.reload() },
  );
  return { directory, trees, decorations, agendaDragAndDrop, nextSyncView };
}

/** The count of open agenda items, as a badge on the Next Sync view. */
async function updateAgendaBadge(directory: MentorshipDirectory, view: vscode.TreeView<vscode.TreeItem>): Promise<void> {
  let open = 0;
  for (const relationship of await directory.relationships()) {
    open += (await relationship.agenda.load()).items.filter((item) => item.status === 'open').length;
  }
  view.badge = open > 0 ? { value: open, tooltip: `${open} open agenda item${open === 1 ? '' : 's'} for the next sync` } : undefined;
}

async function updateContextKeys(directory: MentorshipDirectory): Promise<void> {
  const relationships = await directory.relationships();
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasRelationship, relationships.length > 0);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.loaded, true);
}

export function deactivate(): void {
  // Disposables registered in activate() stop the background sync timers.
}
