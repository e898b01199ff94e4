import * as vscode from 'vscode';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { InvitationBoard } from './invitationBoard';
import type { PairingController } from './pairingController';

/** The pairing commands, each inside the same error boundary as the other commands. */
export function registerPairingCommands(directory: MentorshipDirectory, controller: PairingController, board: InvitationBoard, log: MentorshipLog): vscode.Disposable[] {
  const register = commandRegistrar(log);
  return [
    register(COMMANDS.startPairing, async (root?: unknown, options?: unknown) => {
      // Only read-write can be given here: a command link must not be able to post a link of its choosing.
      const readWrite = typeof options === 'object' && options !== null && typeof (options as { readWrite?: unknown }).readWrite === 'boolean' ? (options as { readWrite: boolean }).readWrite : undefined;
      return controller.start({ ...(typeof root === 'string' ? { relationshipRoot: root } : {}), ...(readWrite === undefined ? {} : { readWrite }) });
    }),
    // From an invitation row: (notes repo root, invitation file); the invitation is read again.
    register(COMMANDS.joinPairing, async (root?: unknown, file?: unknown) => {
      if (typeof root !== 'string' || typeof file !== 'string') return controller.joinFromLink();
      const relationship = await directory.relationshipAt(root);
      const me = relationship ? (await relationship.repo.identity()).email : '';
      const posted = relationship && (await board.openFor(relationship, me)).find((p) => p.file === file);
      if (!posted) {
        void vscode.window.showInformationMessage('That pairing session has ended or its invitation expired.');
        // An expiry is no commit: redraw the relationship so the stale row goes.
        if (relationship) await directory.refresh(relationship);
        return undefined;
      }
      return controller.join(posted);
    }),
    register(COMMANDS.joinPairingFromLink, async (link?: unknown) => controller.joinFromLink(typeof link === 'string' ? link : undefined)),
    register(COMMANDS.endPairing, async () => controller.end()),
    register(COMMANDS.copyPairingLink, async () => controller.copyLink()),
    register(COMMANDS.invitePairingContact, async () => controller.inviteDirectly()),
  ];
}
