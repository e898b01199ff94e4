import * as vscode from 'vscode';
import type { LiveShare, Peer } from 'vsls/vscode';
import type { Person } from '../core/agreement';
import { ActionableError } from '../ui/actionableError';
import { COMMANDS, STATE_KEYS } from '../constants';
import type { Relationship } from '../notes/relationship';
import { LIVE_SHARE_ID, vsls, type LiveShareAccess } from './liveShareAccess';
import type { BackendCapabilities, Hosted, HostRequest, JoinDetails, PairingBackend } from './pairingBackend';
import type { Participant, PairingSession } from './pairingSession';

/** Name of the shared service through which the guest tells the host which agenda items it opened. */
const SERVICE = 'mentorship';
const AGENDA_OPENED = 'agendaItemOpened';

/** Pairing over Live Share's API: read-only sharing, peers, an agenda channel, contacts. */
export class LiveShareBackend implements PairingBackend {
  readonly id = 'liveshare' as const;
  readonly label = 'Live Share';
  readonly extensionId = LIVE_SHARE_ID;
  readonly capabilities: BackendCapabilities = { readOnly: true, peers: true, agendaChannel: true, directInvite: true };
  private readonly subscriptions: vscode.Disposable[] = [];
  private followed: LiveShare | undefined;
  private guestProxy: { notify(name: string, args: object): void; readonly isServiceAvailable: boolean } | undefined;

  constructor(
    private readonly access: LiveShareAccess,
    private readonly session: PairingSession,
    private readonly state: vscode.Memento,
  ) {}

  installed(): boolean {
    return vscode.extensions.getExtension(LIVE_SHARE_ID) !== undefined;
  }

  async ready(): Promise<void> {
    const api = await this.access.signedIn();
    this.follow(api);
    if (api.session.role !== vsls().Role.None) {
      throw new ActionableError('A Live Share session is already running in this window. End it first, then pair.', [{ title: 'End Pairing', command: COMMANDS.endPairing }], 'warning');
    }
  }

  async start({ readWrite }: HostRequest): Promise<Hosted | undefined> {
    const api = await this.access.signedIn();
    this.warnAboutExternalFilesOnce();
    const { Access } = vsls();
    const shared = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Starting Live Share…' }, () =>
      api.share({ access: readWrite ? Access.ReadWrite : Access.ReadOnly, suppressNotification: true }),
    );
    if (!shared) {
      throw new ActionableError('Live Share did not start sharing (it was cancelled or failed). Nothing was posted.', [{ title: 'Try Again', command: COMMANDS.startPairing }], 'warning');
    }
    return { link: shared.toString(), readOnly: !readWrite };
  }

  /** The agenda channel: the guest tells which items it opened. Optional: pairing works without it. */
  async hosting(relationship: Relationship): Promise<void> {
    const api = this.access.current;
    const service = api ? await api.shareService(SERVICE).catch(() => null) : null;
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

  async join(link: string, details: JoinDetails): Promise<void> {
    const api = await this.access.signedIn();
    await api.join(vscode.Uri.parse(link));
    // Live Share may open the shared workspace in this window (the extension starts again there).
    const role: number = api.session.role;
    if (this.session.state.kind === 'idle' && role === vsls().Role.Guest) this.session.began('joined', { backend: this.id, link, readOnly: true, ...this.who(api), ...details });
    else this.session.amend({ link, ...details });
    this.guestProxy = (await api.getSharedService(SERVICE).catch(() => null)) ?? undefined;
  }

  async end(): Promise<void> {
    const api = this.access.current;
    this.guestProxy = undefined;
    if (api) await api.end();
    else this.session.finish();
  }

  /** Quiet when Live Share is not there: nothing was asked for. */
  async pickUp(): Promise<void> {
    if (!(vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'vsls')) return;
    const api = await this.access.get().catch(() => undefined);
    if (api) this.follow(api);
  }

  agendaItemOpened(id: string): void {
    if (this.guestProxy?.isServiceAvailable) this.guestProxy.notify(AGENDA_OPENED, { id });
  }

  async canInvite(other: Person): Promise<boolean> {
    const api = this.access.current;
    if (!api || !other.email) return false;
    try {
      const collection = await api.getContacts([other.email]);
      const found = collection.contacts[other.email] !== undefined;
      void collection.dispose();
      return found;
    } catch {
      return false; // contacts are optional: the link works without them
    }
  }

  async inviteDirectly(other: Person): Promise<boolean> {
    const api = this.access.current;
    if (!api) return false;
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

  /** Listens to one Live Share API (once); picks up a session already running. */
  private follow(api: LiveShare): void {
    if (this.followed === api) return;
    this.followed = api;
    const { Role } = vsls();
    this.subscriptions.push(
      api.onDidChangeSession(({ session }) => {
        if (session.role === Role.None && this.session.state.kind !== 'idle' && this.session.state.backend === this.id) this.session.finish();
        else if (session.role === Role.Guest && this.session.state.kind === 'idle') this.session.began('joined', { backend: this.id, ...this.who(api) });
      }),
      api.onDidChangePeers(({ removed }) => {
        if (this.session.state.kind === 'idle' || this.session.state.backend !== this.id) return;
        const gone = new Set(removed.map((p) => p.peerNumber));
        this.session.peersChanged(api.peers.map(participant).filter((p) => !gone.has(p.peerNumber)));
      }),
    );
    if (api.session.role === Role.Guest && this.session.state.kind === 'idle') this.session.began('joined', { backend: this.id, ...this.who(api) });
  }

  /** This user and who is already there, as the session starts. */
  who(api: LiveShare | undefined = this.access.current): { me: string; peers: Participant[] } {
    return { me: api?.session.user?.emailAddress ?? api?.session.user?.displayName ?? '', peers: (api?.peers ?? []).map(participant) };
  }

  /** Live Share shares files opened from outside the workspace when this setting is on. */
  private warnAboutExternalFilesOnce(): void {
    const on = vscode.workspace.getConfiguration('liveshare').get<boolean>('shareExternalFiles') === true;
    if (!on || this.state.get<boolean>(STATE_KEYS.warnedShareExternalFiles)) return;
    void this.state.update(STATE_KEYS.warnedShareExternalFiles, true);
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

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function participant(peer: Peer): Participant {
  const { Access } = vsls();
  const access = peer.access === Access.Owner ? 'owner' : peer.access === Access.ReadWrite ? 'read-write' : 'read-only';
  const name = peer.user?.displayName ?? `Guest ${peer.peerNumber}`;
  const email = peer.user?.emailAddress ?? undefined;
  return { peerNumber: peer.peerNumber, name, ...(email ? { email } : {}), access };
}
