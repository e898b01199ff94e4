import * as vscode from 'vscode';
import { UPDATE_SECTIONS, type UpdateSection } from '../core/asyncUpdate';
import { isoDate } from '../core/ids';
import { COMMANDS, SETTINGS, VIEWS } from '../constants';
import type { GitOptions } from '../notes/git';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { scheduleClock } from '../schedule/scheduleClock';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';
import { confirmWithModal, publishSummary, setProgramConsent, type ConfirmPublish, type ProgramDependencies } from './programCommands';
import { ProgramPanel } from './programPanel';
import { ProgramSource } from './programSource';
import { ProgramTree } from './programTree';

/** What the champion's features hand to the tests (through the extension's API). */
export interface Program {
  readonly source: ProgramSource;
  readonly tree: ProgramTree;
  readonly panel: ProgramPanel;
  /** Replaces the modal that shows a summary before it is published (tests record it). */
  useConfirm(confirm: ConfirmPublish): void;
}

/** The program summary (by consent), the Program view, its charts and program-wide updates. */
export function registerProgram(context: vscode.ExtensionContext, directory: MentorshipDirectory, git: () => GitOptions, log: MentorshipLog): Program {
  const register = commandRegistrar(log);
  const report = (error: unknown): void => log.error(error);
  const source = new ProgramSource(directory, git);
  const tree = new ProgramTree(source, scheduleClock, report);
  const panel = new ProgramPanel(source, scheduleClock, report);
  let confirm: ConfirmPublish = confirmWithModal;
  const deps: ProgramDependencies = { directory, program: source, clock: scheduleClock, confirm: (...args) => confirm(...args) };
  context.subscriptions.push(
    source,
    tree,
    panel,
    vscode.window.createTreeView(VIEWS.program, { treeDataProvider: tree }),
    register(COMMANDS.setProgramConsent, (root?: unknown, given?: unknown) => setProgramConsent(directory, root, isSideConsent(given) ? given : undefined)),
    register(COMMANDS.publishProgramSummary, (root?: unknown) => publishSummary(deps, root)),
    register(COMMANDS.openProgramCharts, () => panel.open()),
    register(COMMANDS.syncProgram, async () => {
      const outcome = await (await source.repo()).sync();
      source.reload();
      return outcome;
    }),
    register(COMMANDS.postProgramUpdate, (given?: unknown) => postProgramUpdate(deps, typeof given === 'object' && given !== null ? (given as Partial<Record<UpdateSection, string>>) : undefined)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.programRepoPath}`)) source.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => source.reload()),
  );
  return { source, tree, panel, useConfirm: (c) => (confirm = c) };
}

/** A mentor's update to the whole program (on its async office-hours day), as one commit. */
async function postProgramUpdate(deps: ProgramDependencies, given?: Partial<Record<UpdateSection, string>>): Promise<string | undefined> {
  const program = await deps.program.repo();
  const sections: Partial<Record<UpdateSection, string>> = {};
  if (given) {
    for (const section of UPDATE_SECTIONS) if (typeof given[section] === 'string') sections[section] = given[section];
  } else {
    for (const [index, section] of UPDATE_SECTIONS.entries()) {
      const text = await vscode.window.showInputBox({
        title: `Post Program Update (${index + 1}/${UPDATE_SECTIONS.length}): ${section}`,
        prompt: 'Goes to the program repo, for the champion and the other mentors. Leave empty to skip.',
        ignoreFocusOut: true,
      });
      if (text === undefined) return undefined;
      sections[section] = text;
    }
  }
  if (!Object.values(sections).some((text) => text?.trim())) {
    void vscode.window.showInformationMessage('The update is empty; nothing was posted.');
    return undefined;
  }
  const identity = await program.repo.identity();
  const file = await program.postUpdate({ date: isoDate(new Date(deps.clock.now())), author: identity.name || identity.email, sections });
  await program.sync();
  deps.program.reload();
  await vscode.commands.executeCommand(`${VIEWS.program}.focus`);
  return file;
}

function isSideConsent(value: unknown): value is { publish: boolean; shareRatings: boolean } {
  const v = value as { publish?: unknown; shareRatings?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.publish === 'boolean' && typeof v.shareRatings === 'boolean';
}
