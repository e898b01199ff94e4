import * as vscode from 'vscode';
import { UPDATE_SECTIONS, type UpdateSection } from '../core/asyncUpdate';
import { isoDate } from '../core/ids';
import { COMMANDS, VIEWS } from '../constants';
import type { GitOptions } from '../notes/git';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Clock } from '../core/nextSync';
import type { FixAction } from '../ui/actionableError';
import { publishSummary, setProgramConsent, type ConfirmPublish, type ProgramDependencies } from './programCommands';
import { ProgramPanel } from './programPanel';
import { ProgramSource } from './programSource';
import { ProgramTree } from './programTree';

/**
 * The program features, built on first use (a file of its own, dist/features/program.js, see
 * esbuild.mjs): someone without a program repo never loads them.
 */
export interface ProgramFeature {
  readonly source: ProgramSource;
  readonly tree: ProgramTree;
  readonly panel: ProgramPanel;
  run(command: string, args: readonly unknown[]): Promise<unknown>;
}

/** What the host hands the feature: its own instances, since the chunk has copies of every module. */
export interface ProgramHost {
  readonly directory: MentorshipDirectory;
  readonly git: () => GitOptions;
  readonly confirm: ConfirmPublish;
  readonly report: (error: unknown) => void;
  /** The host's clock (the one tests move). */
  readonly clock: Clock;
  readonly actionable: (message: string, actions: readonly FixAction[]) => Error;
}

export function createProgramFeature({ directory, git, confirm, report, clock, actionable }: ProgramHost): ProgramFeature {
  const source = new ProgramSource(directory, git, actionable);
  const tree = new ProgramTree(source, clock, report);
  const panel = new ProgramPanel(source, clock, report);
  const deps: ProgramDependencies = { directory, program: source, clock, confirm };
  const commands: Record<string, (...args: unknown[]) => Promise<unknown>> = {
    [COMMANDS.setProgramConsent]: (root, given) => setProgramConsent(directory, root, isSideConsent(given) ? given : undefined),
    [COMMANDS.publishProgramSummary]: (root) => publishSummary(deps, root),
    [COMMANDS.openProgramCharts]: () => panel.open(),
    [COMMANDS.syncProgram]: async () => {
      const outcome = await (await source.repo()).sync();
      source.reload();
      return outcome;
    },
    [COMMANDS.postProgramUpdate]: (given) => postProgramUpdate(deps, typeof given === 'object' && given !== null ? (given as Partial<Record<UpdateSection, string>>) : undefined),
  };
  return {
    source,
    tree,
    panel,
    run: async (command, args) => commands[command]?.(...args),
  };
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
