import * as vscode from 'vscode';
import type { MentorshipLog } from '../ui/userMessages';
import { CONTEXT_KEYS, SETTINGS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { BackendChoice } from './backendChoice';
import { InvitationBoard } from './invitationBoard';
import { InvitationWatcher } from './invitationWatcher';
import { LinkBackend } from './linkBackend';
import { LiveShareAccess } from './liveShareAccess';
import { LiveShareBackend } from './liveShareBackend';
import { OctBackend } from './octBackend';
import { PairingController } from './pairingController';
import { PairingSession } from './pairingSession';
import { PairingStatusBar } from './pairingStatusBar';
import { registerPairingCommands } from './registerPairing';

/** Everything pairing is made of, built without touching a backend (that waits for first use). */
export interface Pairing {
  readonly access: LiveShareAccess;
  readonly choice: BackendChoice;
  readonly session: PairingSession;
  readonly board: InvitationBoard;
  readonly controller: PairingController;
  readonly statusBar: PairingStatusBar;
  readonly watcher: InvitationWatcher;
}

export function createPairing(context: vscode.ExtensionContext, directory: MentorshipDirectory, log: MentorshipLog): Pairing {
  const report = (error: unknown): void => log.error(error);
  const access = new LiveShareAccess(context.extension.id);
  const session = new PairingSession();
  const board = new InvitationBoard();
  const backends = { liveshare: new LiveShareBackend(access, session, context.globalState), oct: new OctBackend(session, context.globalState), link: new LinkBackend(session) };
  const choice = new BackendChoice(backends, context.globalState);
  const controller = new PairingController(directory, choice, session, board, context.globalState, report);
  const statusBar = new PairingStatusBar(session);
  const pollMs = (): number => Math.max(5, vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.invitationPollSeconds, 30)) * 1000;
  const watcher = new InvitationWatcher(directory, pollMs, report);
  const activeKey = session.onDidChange((state) => void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.pairingActive, state.kind !== 'idle'));
  context.subscriptions.push(activeKey, session, controller, ...Object.values(backends), statusBar, watcher, ...registerPairingCommands(directory, controller, board, log));
  return { access, choice, session, board, controller, statusBar, watcher };
}
