import * as path from 'node:path';
import * as vscode from 'vscode';
import { programLocationProblem } from '../core/programLocation';
import { COMMANDS, SETTINGS } from '../constants';
import type { GitOptions } from '../notes/git';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { FixAction } from '../ui/actionableError';
import { ProgramRepo, type ProgramSnapshot } from './programRepo';

/**
 * The program repo named by `mentorship.program.repoPath` (machine-scoped), opened on first use
 * and refused, like a notes repo, inside a workspace folder or overlapping a notes repo.
 */
export class ProgramSource implements vscode.Disposable {
  private opened: { root: string; repo: Promise<ProgramRepo> } | undefined;
  private snapshot: Promise<ProgramSnapshot> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly directory: MentorshipDirectory,
    private readonly git: () => GitOptions,
    // The host's ActionableError: this file is bundled into a lazy chunk with its own copies of
    // classes, and the host's error boundary recognizes its own class only.
    private readonly actionable: (message: string, actions: readonly FixAction[]) => Error,
  ) {}

  /** The configured path, or undefined when there is no program repo. */
  configuredPath(): string | undefined {
    const value = vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.programRepoPath)?.trim();
    return value ? path.resolve(value) : undefined;
  }

  async problem(): Promise<string | undefined> {
    const root = this.configuredPath();
    if (!root) return undefined;
    const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const notesRepos = (await this.directory.relationships()).map((r) => r.root);
    return programLocationProblem(root, workspaceFolders, notesRepos);
  }

  /** The program repo, or an error saying what to set. */
  async repo(): Promise<ProgramRepo> {
    const root = this.configuredPath();
    if (!root) {
      throw this.actionable('No program repo is set. A program champion shares a private git repo; clone it and set "mentorship.program.repoPath" to its folder.', [
        { title: 'Open Settings', command: 'workbench.action.openSettings', args: [`mentorship.${SETTINGS.programRepoPath}`] },
      ]);
    }
    const problem = await this.problem();
    if (problem) throw this.actionable(problem, [{ title: 'Open Settings', command: 'workbench.action.openSettings', args: [`mentorship.${SETTINGS.programRepoPath}`] }]);
    if (this.opened?.root !== root) {
      const repo = ProgramRepo.open(root, this.git());
      this.opened = { root, repo };
      repo.catch(() => (this.opened = undefined));
    }
    return this.opened.repo;
  }

  /** What the program repo holds, read once per change. */
  read(): Promise<ProgramSnapshot> {
    this.snapshot ??= this.repo()
      .then((repo) => repo.read())
      .catch((error: unknown) => {
        this.snapshot = undefined;
        throw error;
      });
    return this.snapshot;
  }

  /** Settings or the repo's files changed: read again and tell the view. */
  reload(): void {
    this.snapshot = undefined;
    if (this.opened && this.opened.root !== this.configuredPath()) this.opened = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The command that opens the program's charts, for rows and messages. */
export const OPEN_CHARTS = { command: COMMANDS.openProgramCharts, title: 'Open Program Charts' };
