import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGREEMENT_FILE } from '../core/agreement';
import { slugify } from '../core/ids';
import { checkRemoteUrl } from '../core/remoteUrl';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { uniqueFolder } from '../notes/folders';
import { NotesRepo, type SyncOutcome } from '../notes/notesRepo';
import type { Relationship } from '../notes/relationship';
import type { NotesSettings } from '../ui/notesSettings';
import { pickRelationship } from '../ui/pickRelationship';
import { remoteProblem } from '../notes/remoteReach';

/** "Open Notes Repo…": adds an existing notes repo folder as a relationship. */
export async function openNotesRepo(directory: MentorshipDirectory, settings: NotesSettings, folder?: string): Promise<string | undefined> {
  const root =
    folder ??
    (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Open Notes Repo', title: 'Open a Mentorship Notes Repo' }))?.[0]?.fsPath;
  if (!root) return undefined;
  const problem = directory.locationProblem(root);
  if (problem) throw new Error(problem);
  const repo = await NotesRepo.open(root, settings.git);
  if ((await repo.readFile(AGREEMENT_FILE)) === undefined) {
    void vscode.window.showWarningMessage(`${root} has no ${AGREEMENT_FILE} yet. Run "Set Up a Mentorship" to write the agreement.`);
  }
  await settings.rememberRepo(repo.root);
  directory.reload();
  return repo.root;
}

/** "Clone Notes Repo…": the mentor joins the mentee's notes repo from its remote. */
export async function cloneNotesRepo(directory: MentorshipDirectory, settings: NotesSettings, remote?: string): Promise<string | undefined> {
  const url =
    remote ??
    (await vscode.window.showInputBox({
      title: 'Clone a Mentorship Notes Repo',
      prompt: 'The notes repo remote (https, ssh, user@host:path, or a local path)',
      placeHolder: 'git@github.com:sam/mentorship-notes.git',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const check = checkRemoteUrl(value);
        return check.ok ? undefined : check.reason;
      },
    }));
  if (!url) return undefined;
  const check = checkRemoteUrl(url);
  if (!check.ok) throw new Error(check.reason);
  const name = slugify(path.basename(check.url.replace(/\.git$/, '').replace(/[:/]+$/, '')));
  const target = await uniqueFolder(settings.storageFolder, name);
  const repo = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Cloning ${check.url}…` },
    () => NotesRepo.clone(check.url, target, settings.git),
  );
  await settings.rememberRepo(repo.root);
  directory.reload();
  return repo.root;
}

/**
 * "Connect Remote…" / "Change Remote…": gives a local notes repo a remote (or another one),
 * checks that it answers, then pushes to it. A remote that does not answer is kept only when
 * the user says so (a URL given by a caller is kept: the background sync retries it).
 */
export async function connectRemote(directory: MentorshipDirectory, settings: NotesSettings, root?: string, remote?: string): Promise<SyncOutcome | undefined> {
  const relationship = await pickRelationship(directory, root);
  if (!relationship) {
    void vscode.window.showInformationMessage('Set up a mentorship first; then connect its notes repo to a remote.');
    return undefined;
  }
  const current = await relationship.repo.remoteUrl();
  const url =
    remote ??
    (await vscode.window.showInputBox({
      title: current ? `Change the Remote of ${relationship.label}` : `Connect ${relationship.label} to a Remote`,
      prompt: 'An empty private repository on your git host (https, ssh, user@host:path, or a local path)',
      value: current,
      ignoreFocusOut: true,
      validateInput: (value) => {
        const check = checkRemoteUrl(value);
        return check.ok ? undefined : check.reason;
      },
    }));
  if (!url) return undefined;
  const check = checkRemoteUrl(url);
  if (!check.ok) throw new Error(check.reason);
  if (remote === undefined) {
    const problem = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking ${check.url}…` }, () => remoteProblem(relationship.root, check.url, settings.git));
    if (problem) {
      const choice = await vscode.window.showWarningMessage(
        `${check.url} cannot be reached: ${problem}. Keep it anyway? Notes are pushed once it answers (until then the Sync status counts the commits waiting).`,
        { modal: true },
        'Keep Anyway',
        'Change…',
      );
      if (choice === 'Change…') return connectRemote(directory, settings, relationship.root);
      if (choice !== 'Keep Anyway') return undefined;
    }
  }
  await relationship.repo.setRemote(url);
  if (path.resolve(relationship.root) === path.resolve(settings.locations().defaultRepo)) {
    await settings.setDefaultRemote(url.trim());
  }
  return syncRelationships([relationship], true);
}

/** "Disconnect Remote": the notes stay in this clone and are no longer pushed. */
export async function disconnectRemote(directory: MentorshipDirectory, settings: NotesSettings, root?: string, confirmed = false): Promise<boolean> {
  const relationship = await pickRelationship(directory, root);
  if (!relationship) return false;
  const url = await relationship.repo.remoteUrl();
  if (!url) {
    void vscode.window.showInformationMessage(`${relationship.label} has no remote: its notes stay on this machine.`);
    return false;
  }
  if (!confirmed) {
    const choice = await vscode.window.showWarningMessage(
      `Disconnect ${relationship.label} from ${url}? The notes stay here and on the remote; new notes are no longer pushed until you connect a remote again.`,
      { modal: true },
      'Disconnect',
    );
    if (choice !== 'Disconnect') return false;
  }
  await relationship.repo.removeRemote();
  // The default repo would be reconnected from the setting at the next load.
  if (path.resolve(relationship.root) === path.resolve(settings.locations().defaultRepo)) await settings.setDefaultRemote(undefined);
  directory.reload();
  return true;
}

/** Syncs now; with `notify`, tells the user the outcome. Returns the last outcome. */
export async function syncRelationships(relationships: readonly Relationship[], notify: boolean): Promise<SyncOutcome | undefined> {
  let last: SyncOutcome | undefined;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Syncing mentorship notes' }, async () => {
    for (const relationship of relationships) {
      last = await relationship.sync.syncNow();
      if (!notify) continue;
      if (last.kind === 'offline') {
        void vscode.window.showWarningMessage(`${relationship.label}: the remote cannot be reached. ${last.pending} commit(s) stay local and are pushed when it answers.`);
      } else if (last.kind === 'failed') {
        void vscode.window.showErrorMessage(`${relationship.label}: ${last.error.message}`);
      } else if (last.kind === 'synced') {
        void vscode.window.showInformationMessage(`${relationship.label}: notes are in sync.`);
      } else {
        void vscode.window.showInformationMessage(`${relationship.label} has no remote: notes stay on this machine. Use "Connect Remote…" to share them with your mentor.`);
      }
    }
  });
  return last;
}
