import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS } from '../constants';
import { readGlobalIdentity, type GitOptions } from '../notes/git';
import type { NotesRepoLocations } from '../notes/mentorshipDirectory';

/**
 * The notes-repo settings. All are machine-scoped in package.json, so a workspace can never
 * redirect where notes are written or which remote receives them.
 */
export class NotesSettings {
  constructor(private readonly globalStorage: string) {}

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
    return {
      defaultRepo: configured ? path.resolve(configured) : path.join(this.storageFolder, 'default'),
      defaultRemote: this.config.get<string>(SETTINGS.notesRepoRemote)?.trim() || undefined,
      additionalRepos: (this.config.get<string[]>(SETTINGS.additionalNotesRepos) ?? []).filter((p) => typeof p === 'string' && p.trim()).map((p) => path.resolve(p)),
      storageFolder: this.storageFolder,
      workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
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

  async setDefaultRemote(url: string): Promise<void> {
    await this.config.update(SETTINGS.notesRepoRemote, url, vscode.ConfigurationTarget.Global);
  }

  defaultIdentity(): Promise<{ name: string; email: string }> {
    return readGlobalIdentity(this.git);
  }
}
