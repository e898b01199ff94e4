import * as vscode from 'vscode';
import type { Person } from '../core/agreement';
import { notesLocationProblem } from '../core/notesLocation';
import { ActionableError } from '../ui/actionableError';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { SyncOutcome } from '../notes/notesRepo';
import type { PairingBackend } from './pairingBackend';

/** Sharing shares the workspace (or the screen): a notes repo inside it would go along, so pairing is refused. */
export async function refuseNotesInWorkspace(directory: MentorshipDirectory): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const roots = [...(await directory.relationships()).map((r) => r.root), ...(await directory.unusable()).map((u) => u.root)];
  for (const root of roots) {
    const problem = notesLocationProblem(root, folders);
    if (problem) {
      throw new ActionableError(`Pairing was not started: ${problem}`, [{ title: 'Open Settings', command: 'workbench.action.openSettings', args: ['mentorship.notesRepo'] }]);
    }
  }
}

/**
 * Said before starting over a backend that cannot share read-only (OCT, a link): the guest will
 * be able to edit. A pick rather than a dialog, so the keyboard answers it like every other step.
 */
export async function confirmNoReadOnly(backend: PairingBackend, other: Person): Promise<boolean> {
  const what = backend.id === 'link' ? `whatever you share in that meeting is up to you, and ${other.name} may be given control there` : `${other.name} will be able to edit the files you share`;
  const start = { label: `$(play) Start Anyway over ${backend.label}`, detail: `Read-only is not possible here: ${what}. Your notes are never shared.` };
  const choice = await vscode.window.showQuickPick([start, { label: 'Cancel', detail: 'Nothing is shared or posted.' }], {
    title: `${capitalized(backend.label)} cannot share read-only`,
    placeHolder: backend.id === 'link' ? 'A link cannot share read-only: what you share in the meeting is up to you. Start anyway?' : `${capitalized(backend.label)} cannot share read-only: ${other.name} can edit. Start anyway?`,
    ignoreFocusOut: true,
  });
  return choice === start;
}

export async function announceStarted(backend: PairingBackend, other: Person, readOnly: boolean, outcome: SyncOutcome, canInvite: boolean): Promise<void> {
  const how = backend.capabilities.readOnly ? (readOnly ? 'read-only' : 'read-write') : `over ${backend.label}, not read-only`;
  const where =
    outcome.kind === 'synced'
      ? `${other.name}'s Mentorship sidebar offers Join.`
      : outcome.kind === 'no-remote'
        ? `Your notes repo has no remote, so send ${other.name} the link yourself.`
        : `The invitation could not be pushed yet (${outcome.kind === 'offline' ? 'offline' : outcome.error.message}); send ${other.name} the link meanwhile.`;
  const action = canInvite ? `Invite ${other.name} Directly` : undefined;
  const choice = await vscode.window.showInformationMessage(`Pairing started (${how}); the link is copied. ${where}`, ...(action ? [action] : []));
  if (action && choice === action) await vscode.commands.executeCommand(COMMANDS.invitePairingContact);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
