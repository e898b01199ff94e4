import * as vscode from 'vscode';
import type { Agreement, Person } from '../core/agreement';
import { invitationExpiry } from '../core/invitation';
import { backendOfLink, checkJoinLink, type PairingBackendId } from '../core/joinLink';
import { ActionableError } from '../ui/actionableError';
import { pickRelationship } from '../ui/pickRelationship';
import { COMMANDS, SETTINGS, STATE_KEYS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { readyAgreement } from '../notes/relationship';
import type { BackendChoice } from './backendChoice';
import type { InvitationBoard, PostedInvitation } from './invitationBoard';
import { OctBackend } from './octBackend';
import type { PairingBackend } from './pairingBackend';
import { announceStarted, confirmNoReadOnly, refuseNotesInWorkspace } from './pairingPrompts';
import type { PairingEnded, PairingSession } from './pairingSession';

/** What Start Pairing can be given (the command passes the first two; tests and callers the rest). */
export interface StartOptions {
  readonly relationshipRoot?: string;
  readonly readWrite?: boolean;
  /** The link to post when pairing over a link (otherwise asked for). */
  readonly link?: string;
}

/**
 * The pairing actions over whichever backend pairs: Start Pairing (host), Join / Join from Link
 * (guest), End Pairing, and what happens when a session ends (invitation withdrawn, takeaways
 * offered). Written once against PairingBackend.
 */
export class PairingController implements vscode.Disposable {
  /** The facts offered for the takeaways when the last session ended. */
  lastEnded: PairingEnded | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** Who the backend can invite directly in the running session. */
  private invitee: Person | undefined;

  constructor(
    private readonly directory: MentorshipDirectory,
    private readonly choice: BackendChoice,
    private readonly session: PairingSession,
    private readonly board: InvitationBoard,
    private readonly state: vscode.Memento,
    private readonly report: (error: unknown) => void,
  ) {
    this.subscriptions = [session.onDidEnd((ended) => void this.ended(ended).catch(report))];
  }

  async start(given: StartOptions = {}): Promise<string | undefined> {
    if (this.session.state.kind !== 'idle') {
      void vscode.window.showInformationMessage('You are already pairing. End that session first.');
      return undefined;
    }
    await refuseNotesInWorkspace(this.directory);
    const relationship = await pickRelationship(this.directory, given.relationshipRoot);
    if (!relationship) {
      void vscode.window.showInformationMessage('Set up a mentorship first; then start pairing from the Pairing view.');
      return undefined;
    }
    const agreement = readyAgreement(relationship);
    if (!agreement) throw new ActionableError(`${relationship.label}: the agreement (mentorship.md) cannot be read, so there is no one to pair with.`, []);
    const me = await relationship.repo.identity();
    const other = otherPerson(agreement, me.email);
    const backend = await this.choice.forStart(relationship.root);
    if (!backend) return undefined;
    const readWrite = given.readWrite ?? vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.guestAccess, 'read-only') === 'read-write';
    // Said before anything is shared: this backend cannot keep the guest from editing.
    if (!readWrite && !backend.capabilities.readOnly && !(await confirmNoReadOnly(backend, other))) return undefined;
    const hosted = await backend.start({ readWrite, ...(given.link === undefined ? {} : { link: given.link }) });
    if (!hosted) return undefined;
    const { link } = hosted;
    this.session.began('hosting', { backend: backend.id, me: me.email, relationship, link, readOnly: hosted.readOnly, plannedMinutes: agreement.minutesPerSession });
    await vscode.env.clipboard.writeText(link);
    await backend.hosting?.(relationship, other);

    const started = new Date();
    const host = (agreement.mentee.email.toLowerCase() === me.email.toLowerCase() ? agreement.mentee : agreement.mentor).name || me.name;
    const posted = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Posting the invitation for ${other.name}…` }, () =>
      this.board.post(relationship, {
        host,
        hostEmail: me.email,
        link,
        backend: backend.id,
        started: started.toISOString(),
        expires: invitationExpiry(started, agreement.minutesPerSession).toISOString(),
        access: hosted.readOnly ? 'read-only' : 'read-write',
      }),
    );
    this.session.amend({ invitationFile: posted.file });
    this.invitee = (await backend.canInvite?.(other)) ? other : undefined;
    void announceStarted(backend, other, hosted.readOnly, posted.outcome, this.invitee !== undefined);
    return link;
  }

  /** Join from the view (an invitation, over its backend) or with a pasted link. */
  async join(target?: PostedInvitation | string): Promise<void> {
    const pasted = typeof target === 'string' ? target : undefined;
    const id: PairingBackendId = typeof target === 'object' ? target.invitation.backend : this.backendForLink(pasted ?? '');
    const checked = checkJoinLink(id, typeof target === 'object' ? target.invitation.link : (pasted ?? ''), id === 'oct' ? OctBackend.serverUrl() : undefined);
    if (!checked.ok) {
      throw new ActionableError(`Not joined: ${checked.problem}`, [{ title: 'Join from Link…', command: COMMANDS.joinPairingFromLink }], 'warning');
    }
    if (this.session.state.kind !== 'idle') {
      void vscode.window.showInformationMessage('You are already in a pairing session. End it first, then join.');
      return;
    }
    const backend = await this.choice.forJoin(id);
    const details =
      typeof target === 'object' ? { relationship: target.relationship, host: target.invitation.host, ...optionalMinutes(readyAgreement(target.relationship)?.minutesPerSession) } : {};
    if (typeof target === 'object') await this.choice.otherUses(target.relationship.root, id);
    await backend.join(checked.link, details);
  }

  /** A pasted link's backend: the one the setting names, or (auto) the one whose link it is. */
  private backendForLink(link: string): PairingBackendId {
    const setting = this.choice.setting;
    return setting === 'auto' ? backendOfLink(link) : setting;
  }

  /** A window a backend opened on a shared workspace (a guest after Join) follows the session. */
  async pickUpSharedSession(): Promise<void> {
    if (this.session.state.kind !== 'idle') return;
    for (const backend of this.choice.all()) if (backend.installed()) await backend.pickUp?.();
  }

  async joinFromLink(given?: string): Promise<void> {
    const link =
      given ??
      (await vscode.window.showInputBox({
        title: 'Join Pairing from Link',
        prompt: 'Paste the link your mentee or mentor sent you (Live Share, Open Collaboration Tools, or a meeting link).',
        placeHolder: 'https://…',
        ignoreFocusOut: true,
        validateInput: (value) => {
          if (value.trim() === '') return undefined;
          const checked = checkJoinLink(this.backendForLink(value), value);
          return checked.ok ? undefined : checked.problem;
        },
      }));
    if (link) await this.join(link);
  }

  async end(): Promise<void> {
    const state = this.session.state;
    if (state.kind === 'idle') {
      void vscode.window.showInformationMessage('No pairing session is running.');
      return;
    }
    await this.choice.byId(state.backend).end();
  }

  async copyLink(): Promise<void> {
    const state = this.session.state;
    if (state.kind === 'idle' || !state.link) return;
    await vscode.env.clipboard.writeText(state.link);
    void vscode.window.setStatusBarMessage('Pairing link copied', 3000);
  }

  /** Tells the host which agenda item the guest opened (guest side; quiet when not possible). */
  agendaItemOpened(root: string, id: string): void {
    this.session.agendaItemOpened(root, id);
    const state = this.session.state;
    if (state.kind === 'joined') this.choice.byId(state.backend).agendaItemOpened?.(id);
  }

  /** "Invite Directly": the backend's contacts invite the other person, when it can reach them. */
  async inviteDirectly(): Promise<boolean> {
    const state = this.session.state;
    const backend = state.kind === 'hosting' ? this.choice.byId(state.backend) : undefined;
    if (!backend?.inviteDirectly || !this.invitee) {
      void vscode.window.showInformationMessage('Pairing cannot reach the other person directly; send them the link (Copy Pairing Link).');
      return false;
    }
    return backend.inviteDirectly(this.invitee);
  }

  private async ended({ state, facts }: PairingEnded): Promise<void> {
    this.lastEnded = { state, facts };
    this.invitee = undefined;
    if (state.kind === 'hosting' && state.relationship && state.invitationFile) {
      await this.board.withdraw(state.relationship, state.invitationFile).catch(this.report);
    }
    const choice = await vscode.window.showInformationMessage(`Pairing ended after ${facts.minutes ?? 0} min. Record the takeaways while they are fresh?`, 'Record Takeaways');
    if (choice === 'Record Takeaways') await vscode.commands.executeCommand(COMMANDS.recordTakeaways, facts);
  }

  /** Whether Live Share's "Share External Files" warning was given (it is given once). */
  get warnedAboutExternalFiles(): boolean {
    return this.state.get<boolean>(STATE_KEYS.warnedShareExternalFiles) === true;
  }

  /** The backend Start would use for this relationship now (the Pairing view names it). */
  plannedBackend(relationshipRoot: string): PairingBackend {
    return this.choice.planned(relationshipRoot);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function optionalMinutes(minutes: number | undefined): { plannedMinutes?: number } {
  return minutes === undefined ? {} : { plannedMinutes: minutes };
}

/** The person on the other side of the agreement from this user. */
function otherPerson(agreement: Agreement, myEmail: string): Person {
  return agreement.mentee.email.toLowerCase() === myEmail.toLowerCase() ? agreement.mentor : agreement.mentee;
}
