import { invitationPath, isOpenInvitation, PAIRING_FOLDER, parseInvitation, renderInvitation, type PairingInvitation } from '../core/invitation';
import type { SyncOutcome } from '../notes/notesRepo';
import type { Relationship } from '../notes/relationship';

/** An invitation as found in a notes repo. */
export interface PostedInvitation {
  readonly relationship: Relationship;
  readonly file: string;
  readonly invitation: PairingInvitation;
}

/**
 * Invitations travel through the notes repo: the host commits `pairing/<host>.md` and pushes;
 * the other person's sync brings it in. Withdrawing deletes the file, so an ended session's
 * invitation disappears on the next sync.
 */
export class InvitationBoard {
  /** Commits the invitation and pushes it; the outcome says whether the other side can see it yet. */
  async post(relationship: Relationship, invitation: PairingInvitation): Promise<{ file: string; outcome: SyncOutcome }> {
    const file = invitationPath(invitation.hostEmail, invitation.host);
    await relationship.repo.commitFiles([{ path: file, content: renderInvitation(invitation) }], `Pairing invitation: ${invitation.host}`);
    return { file, outcome: await relationship.sync.syncNow() };
  }

  async withdraw(relationship: Relationship, file: string): Promise<SyncOutcome> {
    if ((await relationship.repo.readFile(file)) !== undefined) {
      await relationship.repo.removeFiles([file], 'Withdraw pairing invitation: the session ended');
    }
    return relationship.sync.syncNow();
  }

  /** Open invitations posted by someone other than `myEmail`, newest first; broken files are skipped. */
  async openFor(relationship: Relationship, myEmail: string, now = new Date()): Promise<PostedInvitation[]> {
    const files = await relationship.repo.listNotes(PAIRING_FOLDER);
    const texts = await relationship.repo.readFiles(files);
    const me = myEmail.trim().toLowerCase();
    const found: PostedInvitation[] = [];
    files.forEach((file, index) => {
      const text = texts[index];
      if (text === undefined) return;
      const parsed = parseInvitation(text);
      if (!parsed.ok || !isOpenInvitation(parsed.invitation, now)) return;
      if (me !== '' && parsed.invitation.hostEmail.trim().toLowerCase() === me) return;
      found.push({ relationship, file, invitation: parsed.invitation });
    });
    return found.sort((a, b) => b.invitation.started.localeCompare(a.invitation.started));
  }
}
