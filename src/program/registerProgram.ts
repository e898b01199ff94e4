import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS, SETTINGS, VIEWS } from '../constants';
import type { GitOptions } from '../notes/git';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';
import { scheduleClock } from '../schedule/scheduleClock';
import { ActionableError } from '../ui/actionableError';
import type { ConfirmPublish } from './programCommands';
import type { ProgramFeature } from './programFeature';

/** The person sees the exact text that would leave the notes repo; true only when they agree. */
const confirmWithModal: ConfirmPublish = async (title, exactContent, action) =>
  (await vscode.window.showInformationMessage(title, { modal: true, detail: exactContent }, action)) === action;

type ProgramFeatureModule = typeof import('./programFeature');

/** What the champion's features hand to the tests (through the extension's API). */
export interface Program {
  readonly tree: vscode.TreeDataProvider<vscode.TreeItem>;
  /** The charts page as last rendered, if open. */
  readonly chartsHtml: string | undefined;
  /** Replaces the modal that shows a summary before it is published (tests record it). */
  useConfirm(confirm: ConfirmPublish): void;
}

const PROGRAM_COMMANDS = [COMMANDS.setProgramConsent, COMMANDS.publishProgramSummary, COMMANDS.openProgramCharts, COMMANDS.syncProgram, COMMANDS.postProgramUpdate];

/** The Program view's rows, from the feature once it is loaded (the view asks only when shown). */
class LazyProgramTree implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly feature: () => ProgramFeature) {}

  /** Called once the feature exists, to pass its changes on. */
  follow(feature: ProgramFeature): vscode.Disposable {
    return feature.tree.onDidChangeTreeData((node) => this.changed.fire(node));
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(element?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    return this.feature().tree.getChildren(element);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The program summary (by consent), the Program view, its charts and program-wide updates. */
export function registerProgram(context: vscode.ExtensionContext, directory: MentorshipDirectory, git: () => GitOptions, log: MentorshipLog): Program {
  const register = commandRegistrar(log);
  let confirm: ConfirmPublish = confirmWithModal;
  let feature: ProgramFeature | undefined;
  const load = (): ProgramFeature => {
    if (!feature) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy chunk (see esbuild.mjs)
      const module = require('./programFeature') as ProgramFeatureModule;
      feature = module.createProgramFeature({
        directory,
        git,
        confirm: (...args) => confirm(...args),
        report: (error) => log.error(error),
        clock: scheduleClock,
        actionable: (message, actions) => new ActionableError(message, actions),
      });
      context.subscriptions.push(feature.source, feature.tree, feature.panel, tree.follow(feature));
    }
    return feature;
  };
  const tree = new LazyProgramTree(load);
  // Reading a setting is no I/O: the view shows only for someone with a program repo.
  const updateContextKey = (): Thenable<unknown> =>
    vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasProgramRepo, Boolean(vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.programRepoPath)?.trim()));
  void updateContextKey();
  context.subscriptions.push(
    tree,
    vscode.window.createTreeView(VIEWS.program, { treeDataProvider: tree }),
    ...PROGRAM_COMMANDS.map((command) => register(command, (...args: unknown[]) => load().run(command, args))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.programRepoPath}`)) return;
      void updateContextKey();
      feature?.source.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => feature?.source.reload()),
  );
  return {
    tree,
    get chartsHtml() {
      return feature?.panel.html;
    },
    useConfirm: (c) => (confirm = c),
  };
}
