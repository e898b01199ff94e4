import * as vscode from 'vscode';
import type { Agreement, Person } from '../core/agreement';
import { invitationExpiry, isJoinLink } from '../core/invitation';
import { notesLocationProblem } from '../core/notesLocation';
import { ActionableError } from '../ui/actionableError';
import { pickRelationship } from '../ui/pickRelationship';
import { COMMANDS, SETTINGS, STATE_KEYS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { SyncOutcome } from '../notes/notesRepo';
import { readyAgreement, type Relationship } from '../notes/relationship';
import type { InvitationBoard, PostedInvitation } from './invitationBoard';
import { vsls, type LiveShareAccess } from './liveShareAccess';
import type { PairingEnded, PairingSession } from './pairingSession';

/** Name of the shared service through which the guest tells the host which agenda items it opened. */
const SERVICE = 'mentorship';
const AGENDA_OPENED = 'agendaItemOpened';

/**
 * The pairing actions: Start Pairing (host), Join / Join from Link (guest), End Pairing, and
 * what happens when a session ends (invitation withdrawn, takeaways offered).
 */
export class PairingController implements vscode.Disposable {
  /** The facts offered for the takeaways when the last session ended. */
  lastEnded: PairingEnded | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** Who Live Share's contacts can invite directly in the running session. */
  private invitee: Person | undefined;
  private guestProxy: { notify(name: string, args: object): void; readonly isServiceAvailable: boolean } | undefined;

  constructor(
    private readonly directory: MentorshipDirectory,
    private readonly access: LiveShareAccess,
    private readonly session: PairingSession,
    private readonly board: InvitationBoard,
    private readonly state: vscode.Memento,
    private readonly report: (error: unknown) => void,
  ) {
    this.subscriptions = [session.onDidEnd((ended) => void this.ended(ended).catch(report))];
  }

  async start(given?: { relationshipRoot?: string; readWrite?: boolean }): Promise<string | undefined> {
    if (this.session.state.kind !== 'idle') {
      void vscode.window.showInformationMessage('You are already pairing. End that session first.');
      return undefined;
    }
    await this.refuseNotesInWorkspace();
    const relationship = await pickRelationship(this.directory, given?.relationshipRoot);
    if (!relationship) {
      void vscode.window.showInformationMessage('Set up a mentorship first; then start pairing from the Pairing view.');
      return undefined;
    }
    const agreement = readyAgreement(relationship);
    if (!agreement) throw new ActionableError(`${relationship.label}: the agreement (mentorship.md) cannot be read, so there is no one to pair with.`, []);
    const api = await this.access.signedIn();
    this.session.follow(api);
    if (api.session.role !== vsls().Role.None) {
      void vscode.window.showInformationMessage('A Live Share session is already running in this window. End it first, then start pairing.');
      return undefined;
    }
    await this.warnAboutExternalFilesOnce();
    const readWrite = given?.readWrite ?? vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.guestAccess, 'read-only') === 'read-write';
    const { Access } = vsls();
    const shared = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Starting Live Share…' }, () =>
      api.share({ access: readWrite ? Access.ReadWrite : Access.ReadOnly, suppressNotification: true }),
    );
    if (!shared) {
      throw new ActionableError('Live Share did not start sharing (it was cancelled or failed). Nothing was posted.', [{ title: 'Try Again', command: COMMANDS.startPairing }], 'warning');
    }
    const link = shared.toString();
    const me = await relationship.repo.identity();
    const other = otherPerson(agreement, me.email);
    this.session.began('hosting', { relationship, link, readOnly: !readWrite, plannedMinutes: agreement.minutesPerSession });
    await vscode.env.clipboard.writeText(link);
    await this.shareAgendaService(api, relationship);

    const started = new Date();
    const host = (agreement.mentee.email.toLowerCase() === me.email.toLowerCase() ? agreement.mentee : agreement.mentor).name || me.name;
    const posted = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Posting the invitation for ${other.name}…` }, () =>
      this.board.post(relationship, {
        host,
        hostEmail: me.email,
        link,
        started: started.toISOString(),
        expires: invitationExpiry(started, agreement.minutesPerSession).toISOString(),
        access: readWrite ? 'read-write' : 'read-only',
      }),
    );
    this.session.amend({ invitationFile: posted.file });
    this.invitee = (await this.reachableContact(api, other)) ? other : undefined;
    void this.announceStarted(other, readWrite, posted.outcome);
    return link;
  }

  /** Join from the view (an invitation) or with a link. */
  async join(target?: PostedInvitation | string): Promise<void> {
    const link = typeof target === 'string' ? target.trim() : target?.invitation.link;
    if (!link || !isJoinLink(link)) {
      throw new ActionableError('That is not a Live Share link: it should start with https://.', [{ title: 'Join from Link…', command: COMMANDS.joinPairingFromLink }], 'warning');
    }
    const api = await this.access.signedIn();
    this.session.follow(api);
    if (api.session.role !== vsls().Role.None) {
      void vscode.window.showInformationMessage('A Live Share session is already running in this window. End it first, then join.');
      return;
    }
    const details = typeof target === 'object' ? { relationship: target.relationship, host: target.invitation.host, plannedMinutes: readyAgreement(target.relationship)?.minutesPerSession } : {};
    await api.join(vscode.Uri.parse(link));
    // Live Share may open the shared workspace in this window (the extension starts again there).
    // (Read again: join changed the session.)
    const role: number = api.session.role;
    if (this.session.state.kind === 'idle' && role === vsls().Role.Guest) this.session.began('joined', { link, readOnly: true, ...details });
    else this.session.amend({ link, ...details });
    this.guestProxy = (await api.getSharedService(SERVICE).catch(() => null)) ?? undefined;
  }

  /**
   * A window Live Share opened on a shared workspace (a guest after Join) starts with no pairing
   * state: when the Pairing view shows and a `vsls:` folder is open, follow the running session.
   * Quiet when Live Share is not there: nothing was asked for.
   */
  async pickUpSharedSession(): Promise<void> {
    if (this.session.state.kind !== 'idle' || !(vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'vsls')) return;
    const api = await this.access.get().catch(() => undefined);
    if (api) this.session.follow(api);
  }

  async joinFromLink(given?: string): Promise<void> {
    const link =
      given ??
      (await vscode.window.showInputBox({
        title: 'Join Pairing from Link',
        prompt: 'Paste the Live Share link your mentee or mentor sent you.',
        placeHolder: 'https://…',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' || isJoinLink(value) ? undefined : 'A Live Share link starts with https://'),
      }));
    if (link) await this.join(link);
  }

  async end(): Promise<void> {
    const api = this.access.current;
    if (!api || this.session.state.kind === 'idle') {
      void vscode.window.showInformationMessage('No pairing session is running.');
      return;
    }
    await api.end();
  }

  async copyLink(): Promise<void> {
    const state = this.session.state;
    if (state.kind === 'idle' || !state.link) return;
    await vscode.env.clipboard.writeText(state.link);
    void vscode.window.setStatusBarMessage('Live Share link copied', 3000);
  }

  /** Tells the host which agenda item the guest opened (guest side; quiet when not possible). */
  agendaItemOpened(root: string, id: string): void {
    this.session.agendaItemOpened(root, id);
    if (this.session.state.kind === 'joined' && this.guestProxy?.isServiceAvailable) this.guestProxy.notify(AGENDA_OPENED, { id });
  }

  private async shareAgendaService(api: NonNullable<LiveShareAccess['current']>, relationship: Relationship): Promise<void> {
    const service = await api.shareService(SERVICE).catch(() => null);
    if (!service) {
      void vscode.window.showWarningMessage(
        'Live Share did not let Mentorship share its session service, so agenda items your guest opens will not be listed when you record the takeaways. Pairing itself works.',
      );
      return;
    }
    service.onNotify(AGENDA_OPENED, (args) => {
      // Only an id is accepted from the guest; anything else is ignored.
      const id = (args as { id?: unknown }).id;
      if (typeof id === 'string' && /^[a-z0-9]{1,32}$/.test(id)) this.session.agendaItemOpened(relationship.root, id);
    });
  }

  private async announceStarted(other: Person, readWrite: boolean, outcome: SyncOutcome): Promise<void> {
    const how = readWrite ? 'read-write' : 'read-only';
    const where =
      outcome.kind === 'synced'
        ? `${other.name}'s Mentorship sidebar offers Join.`
        : outcome.kind === 'no-remote'
          ? `Your notes repo has no remote, so send ${other.name} the link yourself.`
          : `The invitation could not be pushed yet (${outcome.kind === 'offline' ? 'offline' : outcome.error.message}); send ${other.name} the link meanwhile.`;
    const action = this.invitee ? `Invite ${other.name} Directly` : undefined;
    const choice = await vscode.window.showInformationMessage(`Pairing started (${how}); the link is copied. ${where}`, ...(action ? [action] : []));
    if (action && choice === action) await vscode.commands.executeCommand(COMMANDS.invitePairingContact);
  }

  /** "Invite Directly": Live Share's contacts invite the other person, when it can reach them. */
  async inviteDirectly(): Promise<boolean> {
    const api = this.access.current;
    const other = this.invitee;
    if (!api || !other || this.session.state.kind !== 'hosting') {
      void vscode.window.showInformationMessage('Live Share cannot reach the other person directly; send them the link (Copy Pairing Link).');
      return false;
    }
    const collection = await api.getContacts([other.email]);
    try {
      const contact = collection.contacts[other.email];
      const sent = contact ? await contact.invite() : false;
      void vscode.window.showInformationMessage(sent ? `Live Share invited ${other.name}.` : `Live Share could not invite ${other.name}; send the link instead.`);
      return sent;
    } finally {
      void collection.dispose();
    }
  }

  private async reachableContact(api: NonNullable<LiveShareAccess['current']>, other: Person): Promise<boolean> {
    if (!other.email) return false;
    try {
      const collection = await api.getContacts([other.email]);
      const found = collection.contacts[other.email] !== undefined;
      void collection.dispose();
      return found;
    } catch {
      return false; // contacts are optional: the link works without them
    }
  }

  private async ended({ state, facts }: PairingEnded): Promise<void> {
    this.lastEnded = { state, facts };
    this.guestProxy = undefined;
    if (state.kind === 'hosting' && state.relationship && state.invitationFile) {
      await this.board.withdraw(state.relationship, state.invitationFile).catch(this.report);
    }
    const choice = await vscode.window.showInformationMessage(`Pairing ended after ${facts.minutes ?? 0} min. Record the takeaways while they are fresh?`, 'Record Takeaways');
    if (choice === 'Record Takeaways') await vscode.commands.executeCommand(COMMANDS.recordTakeaways, facts);
  }

  /** Sharing shares the workspace: a notes repo inside it would go along, so sharing is refused. */
  private async refuseNotesInWorkspace(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const roots = [...(await this.directory.relationships()).map((r) => r.root), ...(await this.directory.unusable()).map((u) => u.root)];
    for (const root of roots) {
      const problem = notesLocationProblem(root, folders);
      if (problem) {
        throw new ActionableError(`Pairing was not started: ${problem}`, [{ title: 'Open Settings', command: 'workbench.action.openSettings', args: ['mentorship.notesRepo'] }]);
      }
    }
  }

  /** Live Share shares files opened from outside the workspace when this setting is on. */
  private async warnAboutExternalFilesOnce(): Promise<void> {
    const on = vscode.workspace.getConfiguration('liveshare').get<boolean>('shareExternalFiles') === true;
    if (!on || this.state.get<boolean>(STATE_KEYS.warnedShareExternalFiles)) return;
    await this.state.update(STATE_KEYS.warnedShareExternalFiles, true);
    // Not awaited: sharing goes on while the warning waits for an answer.
    void vscode.window
      .showWarningMessage(
        'Live Share\'s "Share External Files" is on: files you open from outside the workspace are shared with guests. Mentorship never opens your notes as editors while you host, but other files you open would be shared.',
        'Turn It Off',
        'Keep It On',
      )
      .then(async (choice) => {
        if (choice === 'Turn It Off') await vscode.workspace.getConfiguration('liveshare').update('shareExternalFiles', false, vscode.ConfigurationTarget.Global);
      });
  }

  /** Whether the "Share External Files" warning was given (it is given once). */
  get warnedAboutExternalFiles(): boolean {
    return this.state.get<boolean>(STATE_KEYS.warnedShareExternalFiles) === true;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The person on the other side of the agreement from this user. */
function otherPerson(agreement: Agreement, myEmail: string): Person {
  return agreement.mentee.email.toLowerCase() === myEmail.toLowerCase() ? agreement.mentor : agreement.mentee;
}
