import * as vscode from 'vscode';
import { checkJoinLink, OCT_DEFAULT_SERVER, octInvitationLink } from '../core/joinLink';
import { octJoinTakesCode, roomIdFrom } from '../core/octContract';
import { ActionableError } from '../ui/actionableError';
import type { BackendCapabilities, Hosted, JoinDetails, PairingBackend } from './pairingBackend';
import type { PairingSession } from './pairingSession';

export const OCT_ID = 'typefox.open-collaboration-tools';
const CREATE = 'oct.createRoom';
const JOIN = 'oct.joinRoom';
const CLOSE = 'oct.closeConnection';
/** OCT activates late (after start-up); its commands exist only once its status bar item shows. */
const READY_TIMEOUT_MS = 20_000;
/** After 0.3.x's createRoom resolves, the id may reach the clipboard a moment later. */
const CLIPBOARD_WAIT_MS = 3_000;
/** A join reloads the window onto an `oct:` workspace: what this side knew is kept across it. */
const PENDING_JOIN_KEY = 'mentorship.octPendingJoin';
const PENDING_JOIN_MAX_MS = 10 * 60_000;

interface PendingJoin extends Omit<JoinDetails, 'relationship'> {
  readonly link: string;
  readonly at: number;
}

/**
 * Pairing over Open Collaboration Tools, which offers no API: it is driven by its commands, as
 * each version behaves (see core/octContract), and cannot share read-only.
 */
export class OctBackend implements PairingBackend {
  readonly id = 'oct' as const;
  readonly label = 'Open Collaboration Tools';
  readonly extensionId = OCT_ID;
  readonly capabilities: BackendCapabilities = { readOnly: false, peers: false, agendaChannel: false, directInvite: false };

  constructor(
    private readonly session: PairingSession,
    private readonly state: vscode.Memento,
  ) {}

  installed(): boolean {
    return vscode.extensions.getExtension(OCT_ID) !== undefined;
  }

  /** The server this user configured (`oct.serverUrl`), which links must be on. */
  static serverUrl(): string {
    return vscode.workspace.getConfiguration('oct').get<string>('serverUrl') || OCT_DEFAULT_SERVER;
  }

  async ready(): Promise<void> {
    const extension = vscode.extensions.getExtension(OCT_ID);
    if (!extension) {
      throw new ActionableError('Pairing over Open Collaboration Tools needs its extension, which is not installed.', [
        { title: 'Install Open Collaboration Tools', command: 'workbench.extensions.installExtension', args: [OCT_ID] },
      ]);
    }
    if (!extension.isActive) await extension.activate();
    const started = Date.now();
    for (;;) {
      const commands = await vscode.commands.getCommands(true);
      if (commands.includes(CREATE) && commands.includes(JOIN)) return;
      if (Date.now() - started > READY_TIMEOUT_MS) {
        throw new ActionableError('Open Collaboration Tools has not finished starting (its commands are not there yet). Try again in a moment.', [
          { title: 'Show Open Collaboration Tools', command: 'workbench.extensions.search', args: [OCT_ID] },
        ]);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async start(): Promise<Hosted | undefined> {
    if (!(vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'file')) {
      throw new ActionableError('Open the folder you want to pair on first: Open Collaboration Tools shares the open folder.', [{ title: 'Open Folder…', command: 'workbench.action.files.openFolder' }], 'warning');
    }
    // 0.3.x leaves the id only on the clipboard: empty it first, so an old value is not taken for it.
    await vscode.env.clipboard.writeText('');
    const returned: unknown = await vscode.commands.executeCommand(CREATE);
    const roomId = roomIdFrom(returned) ?? (await this.roomIdFromClipboard());
    if (!roomId) {
      throw new ActionableError('Open Collaboration Tools did not create a room (sign-in cancelled, or the server did not answer). Nothing was posted.', [{ title: 'Try Again', command: 'mentorship.startPairing' }], 'warning');
    }
    return { link: octInvitationLink(OctBackend.serverUrl(), roomId), readOnly: false };
  }

  private async roomIdFromClipboard(): Promise<string | undefined> {
    const started = Date.now();
    for (;;) {
      const id = roomIdFrom(await vscode.env.clipboard.readText());
      if (id || Date.now() - started > CLIPBOARD_WAIT_MS) return id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async join(link: string, details: JoinDetails): Promise<void> {
    const checked = checkJoinLink('oct', link, OctBackend.serverUrl());
    if (!checked.ok || !checked.roomId) throw new ActionableError(checked.ok ? 'That Open Collaboration Tools link has no room id.' : checked.problem, [{ title: 'Open Settings', command: 'workbench.action.openSettings', args: ['oct.serverUrl'] }], 'warning');
    const pending: PendingJoin = { link, at: Date.now(), ...(details.host ? { host: details.host } : {}), ...(details.plannedMinutes ? { plannedMinutes: details.plannedMinutes } : {}) };
    await this.state.update(PENDING_JOIN_KEY, pending);
    const version: unknown = (vscode.extensions.getExtension(OCT_ID)?.packageJSON as { version?: unknown } | undefined)?.version;
    if (octJoinTakesCode(version)) {
      await vscode.commands.executeCommand(JOIN, checked.roomId);
    } else {
      // 0.3.x asks for the code in its own box and ignores arguments: hand it over by the clipboard.
      await vscode.env.clipboard.writeText(link);
      void vscode.window.showInformationMessage('The invitation is copied: paste it into the Open Collaboration Tools box (Ctrl+V / Cmd+V), then press Enter.');
      await vscode.commands.executeCommand(JOIN);
    }
    // The window usually reloads onto the shared workspace here; if it does not, follow from this one.
    if (this.session.state.kind === 'idle') this.session.began('joined', { backend: this.id, link, readOnly: false, ...details });
  }

  async end(): Promise<void> {
    if ((await vscode.commands.getCommands(true)).includes(CLOSE)) await vscode.commands.executeCommand(CLOSE);
    await this.state.update(PENDING_JOIN_KEY, undefined);
    this.session.finish();
  }

  /** A window OCT reloaded onto an `oct:` folder: the join this side started continues here. */
  async pickUp(): Promise<void> {
    if (this.session.state.kind !== 'idle' || !(vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'oct')) return;
    const pending = this.state.get<PendingJoin>(PENDING_JOIN_KEY);
    const recent = pending && Date.now() - pending.at < PENDING_JOIN_MAX_MS ? pending : undefined;
    this.session.began('joined', { backend: this.id, readOnly: false, ...(recent ? { link: recent.link, host: recent.host, plannedMinutes: recent.plannedMinutes } : {}) });
  }

  dispose(): void {
    // Nothing held: OCT is driven by commands.
  }
}
