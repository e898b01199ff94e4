import * as vscode from 'vscode';
import { checkJoinLink } from '../core/joinLink';
import { ActionableError } from '../ui/actionableError';
import type { BackendCapabilities, Hosted, HostRequest, JoinDetails, PairingBackend } from './pairingBackend';
import type { PairingSession } from './pairingSession';

/**
 * Pairing over anything with a link (Zoom, Meet, Tuple, CodeTogether…): the host pastes the
 * link, the guest opens it in the browser after seeing where it goes. Nothing is shared by VS
 * Code, so nothing can be shared read-only; the timer, agenda and takeaways work the same.
 */
export class LinkBackend implements PairingBackend {
  readonly id = 'link' as const;
  readonly label = 'a link';
  readonly capabilities: BackendCapabilities = { readOnly: false, peers: false, agendaChannel: false, directInvite: false };

  constructor(private readonly session: PairingSession) {}

  installed(): boolean {
    return true;
  }

  async ready(): Promise<void> {
    // Nothing to start: the meeting runs elsewhere.
  }

  async start({ link: given }: HostRequest): Promise<Hosted | undefined> {
    const link =
      given ??
      (await vscode.window.showInputBox({
        title: 'Start Pairing with a Link',
        prompt: 'Paste the meeting link to post (Zoom, Google Meet, Tuple, CodeTogether…). Start the meeting there yourself.',
        placeHolder: 'https://…',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' ? undefined : checkJoinLink('link', value).ok ? undefined : (checkJoinLink('link', value) as { problem: string }).problem),
      }));
    if (!link) return undefined;
    const checked = checkJoinLink('link', link);
    if (!checked.ok) throw new ActionableError(`Pairing was not started: ${checked.problem}`, [{ title: 'Start Pairing', command: 'mentorship.startPairing' }], 'warning');
    return { link: checked.link, readOnly: false };
  }

  /** Opens the link in the browser once the user has seen its host; the session timer starts here. */
  async join(link: string, details: JoinDetails): Promise<void> {
    const checked = checkJoinLink('link', link);
    if (!checked.ok) throw new ActionableError(checked.problem, [], 'warning');
    const who = details.host ? `${details.host}'s session` : 'The session';
    const open = { label: `$(link-external) Open ${checked.host}`, detail: checked.link };
    const choice = await vscode.window.showQuickPick([open, { label: 'Cancel' }], {
      title: `${who} is on ${checked.host}. Open the link in your browser?`,
      placeHolder: `${who} is on ${checked.host}. Open the link in your browser?`,
      ignoreFocusOut: true,
    });
    if (choice !== open) return;
    // The session (timer, agenda, takeaways) starts with the decision to join. VS Code may ask
    // once more before opening an untrusted domain; a browser that does not open is said, with the link.
    if (this.session.state.kind === 'idle') this.session.began('joined', { backend: this.id, link: checked.link, readOnly: false, ...details });
    const opened = await vscode.env.openExternal(vscode.Uri.parse(checked.link, true));
    if (!opened) void vscode.window.showWarningMessage(`The link did not open. Open it yourself: ${checked.link}`, 'Copy Link').then(async (copy) => copy && (await vscode.env.clipboard.writeText(checked.link)));
  }

  async end(): Promise<void> {
    this.session.finish();
  }

  dispose(): void {
    // Nothing held.
  }
}
