import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS, STATE_KEYS } from '../constants';
import { notesLocationProblem } from '../core/notesLocation';
import { readGlobalIdentity, type GitOptions } from '../notes/git';
import type { NotesRepoLocations } from '../notes/mentorshipDirectory';

/**
 * The notes-repo settings. All are machine-scoped in package.json, so a workspace can never
 * redirect where notes are written or which remote receives them.
 */
export class NotesSettings {
  private readonly said = new Set<string>();

  /** `state` remembers the last notes repo path that was used, for when a new one is refused. */
  constructor(
    private readonly globalStorage: string,
    private readonly state?: vscode.Memento,
  ) {}

  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SETTINGS.section);
  }

  get git(): GitOptions {
    return { binary: this.config.get<string>(SETTINGS.gitPath) || undefined };
  }

  get storageFolder(): string {
    return path.join(this.globalStorage, 'notes-repos');
  }

  locations(): NotesRepoLocations {
    const configured = this.config.get<string>(SETTINGS.notesRepoPath)?.trim();
    const defaultRepo = configured ? path.resolve(configured) : path.join(this.storageFolder, 'default');
    const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const additionalRepos = (this.config.get<string[]>(SETTINGS.additionalNotesRepos) ?? []).filter((p) => typeof p === 'string' && p.trim()).map((p) => path.resolve(p));
    // A refused path (set in the Settings UI, say) must not hide the relationship that was
    // there: the last path used keeps showing until the setting is fixed.
    const previous = this.state?.get<string>(STATE_KEYS.lastNotesRepoPath);
    if (notesLocationProblem(defaultRepo, workspaceFolders) === undefined) {
      if (previous !== defaultRepo) void this.state?.update(STATE_KEYS.lastNotesRepoPath, defaultRepo);
    } else if (previous && notesLocationProblem(previous, workspaceFolders) === undefined && !additionalRepos.includes(previous)) {
      additionalRepos.unshift(previous);
    }
    return {
      defaultRepo,
      defaultRemote: this.config.get<string>(SETTINGS.notesRepoRemote)?.trim() || undefined,
      additionalRepos,
      storageFolder: this.storageFolder,
      workspaceFolders,
      git: this.git,
      autoSync: () => this.config.get<boolean>(SETTINGS.autoSync, true),
    };
  }

  /** Adds a further relationship's repo to `mentorship.notesRepo.additional`. */
  async rememberRepo(root: string): Promise<void> {
    const current = this.config.get<string[]>(SETTINGS.additionalNotesRepos) ?? [];
    if (current.some((p) => path.resolve(p) === path.resolve(root))) return;
    await this.config.update(SETTINGS.additionalNotesRepos, [...current, root], vscode.ConfigurationTarget.Global);
  }

  /**
   * Says once (per path) that the configured notes repo path is refused, why, and the fix; the
   * views keep showing the relationship from the last path used.
   */
  async explainRefusedPath(): Promise<void> {
    const { defaultRepo, workspaceFolders } = this.locations();
    const problem = notesLocationProblem(defaultRepo, workspaceFolders);
    if (!problem || this.said.has(defaultRepo)) return;
    this.said.add(defaultRepo);
    const previous = this.state?.get<string>(STATE_KEYS.lastNotesRepoPath);
    const keep = previous && previous !== defaultRepo ? ` Until then your notes keep showing from ${previous}.` : '';
    const actions = previous && previous !== defaultRepo ? ['Use Previous Path', 'Open Setting'] : ['Open Setting'];
    const choice = await vscode.window.showWarningMessage(`${problem}${keep}`, ...actions);
    if (choice === 'Open Setting') await vscode.commands.executeCommand('workbench.action.openSettings', `mentorship.${SETTINGS.notesRepoPath}`);
    if (choice === 'Use Previous Path' && previous) await this.config.update(SETTINGS.notesRepoPath, previous, vscode.ConfigurationTarget.Global);
  }

  async setDefaultRemote(url: string | undefined): Promise<void> {
    await this.config.update(SETTINGS.notesRepoRemote, url, vscode.ConfigurationTarget.Global);
  }

  defaultIdentity(): Promise<{ name: string; email: string }> {
    return readGlobalIdentity(this.git);
  }
}
