import * as vscode from 'vscode';
import type { AnchorLocator } from '../anchors/anchorLocator';
import { COMMANDS, CONTEXT_KEYS, STATE_KEYS, VIEWS } from '../constants';
import type { Event } from '../core/emitter';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { AgendaDragAndDrop } from './agendaDragAndDrop';
import { AGENDA_GROUPINGS, type AgendaGrouping } from './agendaGrouping';
import { NextSyncTree, type ReplyCounts } from './nextSyncTree';
import type { Pairing } from '../pairing/pairing';
import { PairingTree } from './pairingTree';
import { SNIPPET_SCHEME, SnippetProvider } from './snippetProvider';
import { SyncStatusBar } from './syncStatusBar';
import { TakeawaysTree } from './takeawaysTree';
import { FollowUpNode } from './takeawaysNodes';

export interface MentorshipViews {
  readonly trees: { readonly nextSync: NextSyncTree; readonly pairing: PairingTree; readonly takeaways: TakeawaysTree };
  readonly nextSyncView: vscode.TreeView<vscode.TreeItem>;
  /** Pairing follows this view's visibility (invitations are polled only while it shows). */
  readonly pairingView: vscode.TreeView<vscode.TreeItem>;
  readonly agendaDragAndDrop: AgendaDragAndDrop;
  /** Focuses Next Sync and selects an agenda item (the hover's "Show in Next Sync"). */
  reveal(root: string, id: string): Promise<void>;
}

/** The three views, their badge, grouping commands, drag and drop, status bar and snippet documents. */
export function registerViews(
  context: vscode.ExtensionContext,
  directory: MentorshipDirectory,
  locator: AnchorLocator,
  report: (error: unknown) => void,
  pairing: Pick<Pairing, 'session' | 'board' | 'choice'>,
  codeChanged: Event<void>,
  replies?: ReplyCounts & { readonly total: number },
): MentorshipViews {
  const grouping = (): AgendaGrouping => {
    const saved = context.globalState.get<string>(STATE_KEYS.agendaGrouping);
    return (AGENDA_GROUPINGS as readonly string[]).includes(saved ?? '') ? (saved as AgendaGrouping) : 'order';
  };
  const setGrouping = async (value: AgendaGrouping): Promise<void> => {
    await context.globalState.update(STATE_KEYS.agendaGrouping, value);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.agendaGrouping, value);
    trees.nextSync.refresh();
  };
  // Context keys are free to set; this is not I/O.
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.agendaGrouping, grouping());

  const trees = { nextSync: new NextSyncTree(directory, report, locator, grouping, codeChanged, replies), pairing: new PairingTree(directory, report, pairing.session, pairing.board, pairing.choice), takeaways: new TakeawaysTree(directory, report) };
  const agendaDragAndDrop = new AgendaDragAndDrop(report);
  const nextSyncView = vscode.window.createTreeView(VIEWS.nextSync, {
    treeDataProvider: trees.nextSync,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: agendaDragAndDrop,
  });
  const pairingView = vscode.window.createTreeView(VIEWS.pairing, { treeDataProvider: trees.pairing });
  context.subscriptions.push(
    trees.nextSync,
    trees.pairing,
    trees.takeaways,
    nextSyncView,
    pairingView,
    vscode.window.createTreeView(VIEWS.takeaways, { treeDataProvider: trees.takeaways }),
    new SyncStatusBar(directory, nextSyncView),
    vscode.workspace.registerTextDocumentContentProvider(SNIPPET_SCHEME, new SnippetProvider(directory)),
    vscode.commands.registerCommand(COMMANDS.showAgendaInSyncOrder, () => setGrouping('order')),
    vscode.commands.registerCommand(COMMANDS.groupAgendaByFile, () => setGrouping('file')),
    vscode.commands.registerCommand(COMMANDS.groupAgendaByTag, () => setGrouping('tag')),
    // Checking a follow-up's box checks the line off in its session file and commits.
    nextSyncView.onDidChangeCheckboxState((event) => {
      for (const [node, state] of event.items) {
        if (node instanceof FollowUpNode && state === vscode.TreeItemCheckboxState.Checked) {
          void node.relationship.sessions
            .setActionItemDone(node.followUp.entry.file, node.followUp.action, true)
            .catch(report);
        }
      }
    }),
    directory.onDidChangeRelationships(() => void updateContextKeys(directory)),
    directory.onDidChange(() => void updateAgendaBadge(directory, nextSyncView, replies)),
    ...(replies ? [replies.onDidChange(() => void updateAgendaBadge(directory, nextSyncView, replies))] : []),
  );
  return {
    trees,
    nextSyncView,
    pairingView,
    agendaDragAndDrop,
    async reveal(root, id) {
      await vscode.commands.executeCommand(`${VIEWS.nextSync}.focus`);
      // A render in flight (an item just flagged, statuses arriving) can leave the view without
      // the node for a moment; the workbench then refuses the reveal, so try on the next render.
      for (let attempt = 1; ; attempt++) {
        const item = await trees.nextSync.find(`agenda:${root}:${id}`);
        if (!item) return;
        try {
          await nextSyncView.reveal(item, { select: true, focus: true });
          return;
        } catch (error) {
          if (attempt >= REVEAL_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
        }
      }
    },
  };
}

const REVEAL_ATTEMPTS = 5;
const REVEAL_RETRY_MS = 150;

/**
 * The Next Sync view's badge (shown on the Activity Bar): unread replies while there are any,
 * as a pull request's unread comments; otherwise the count of open agenda items.
 */
async function updateAgendaBadge(directory: MentorshipDirectory, view: vscode.TreeView<vscode.TreeItem>, replies?: { readonly total: number }): Promise<void> {
  let open = 0;
  for (const relationship of await directory.relationships()) {
    open += (await relationship.agenda.load()).items.filter((item) => item.status === 'open').length;
  }
  const openText = `${open} open agenda item${open === 1 ? '' : 's'} for the next sync`;
  const unread = replies?.total ?? 0;
  if (unread > 0) view.badge = { value: unread, tooltip: `${unread} unread repl${unread === 1 ? 'y' : 'ies'} on the agenda · ${openText}` };
  else view.badge = open > 0 ? { value: open, tooltip: openText } : undefined;
}

async function updateContextKeys(directory: MentorshipDirectory): Promise<void> {
  const relationships = await directory.relationships();
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasRelationship, relationships.length > 0);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.noRelationship, relationships.length === 0);
  // Sync Notes Now shows only where there is something to sync with.
  const remotes = await Promise.all(relationships.map((relationship) => relationship.repo.remoteUrl()));
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasRemote, remotes.some((url) => url !== undefined));
}
