import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import type { BackendChoice } from '../pairing/backendChoice';
import type { InvitationBoard } from '../pairing/invitationBoard';
import { BACKEND_ICONS } from '../pairing/pairingBackend';
import type { PairingSession } from '../pairing/pairingSession';
import { ActionNode, InvitationNode, PairingHeaderNode, ParticipantNode } from './pairingNodes';
import { RelationshipTree } from './relationshipTree';

// The elapsed minutes in the view move on while a session runs.
const ELAPSED_REFRESH_MS = 30_000;
// setTimeout cannot wait longer than about 24.8 days.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Pairing: idle (start, or join what the other person posted), hosting or joined (who is
 * there, time against the planned length, the actions that fit).
 */
export class PairingTree extends RelationshipTree {
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly expiryTimers = new Map<Relationship, ReturnType<typeof setTimeout>>();
  private readonly sessionSubscription: vscode.Disposable;

  constructor(
    directory: MentorshipDirectory,
    report: (error: unknown) => void,
    private readonly session: PairingSession,
    private readonly board: InvitationBoard,
    private readonly choice: BackendChoice,
  ) {
    super(directory, report);
    this.sessionSubscription = session.onDidChange((state) => {
      if (state.kind === 'idle' && this.ticker) clearInterval(this.ticker);
      if (state.kind === 'idle') this.ticker = undefined;
      else this.ticker ??= setInterval(() => this.refresh(), ELAPSED_REFRESH_MS);
      this.refresh();
    });
  }

  protected async childrenOf(relationship: Relationship): Promise<vscode.TreeItem[]> {
    const state = relationship.agreement;
    if (state.kind !== 'ready') return [];
    const { mentor, mentee, minutesPerSession } = state.agreement;
    const pairing = this.session.state;
    if (pairing.kind !== 'idle' && (!pairing.relationship || pairing.relationship.root === relationship.root)) {
      const backend = this.choice.byId(pairing.backend);
      const rows: vscode.TreeItem[] = [new PairingHeaderNode(relationship, pairing, backend.label)];
      if (pairing.peers.length === 0 && pairing.kind === 'hosting') {
        // Without peer events (OCT, a link) this side cannot see the guest arrive: say where they show.
        const waiting = backend.capabilities.peers ? 'Waiting for your guest — the link is copied' : `The link is copied — your guest shows in ${backend.id === 'link' ? 'the meeting' : backend.label}`;
        rows.push(new ActionNode(waiting, 'Copy Invitation Link', COMMANDS.copyPairingLink, backend.capabilities.peers ? 'loading~spin' : 'info'));
      }
      rows.push(...pairing.peers.map((peer) => new ParticipantNode(relationship, peer)));
      if (pairing.kind === 'hosting') rows.push(new ActionNode('Copy Invitation Link', `Copy the ${backend.id === 'link' ? 'meeting' : backend.label} link again`, COMMANDS.copyPairingLink, 'link'));
      rows.push(new ActionNode(pairing.kind === 'hosting' ? 'End Pairing' : 'Leave Session', `End the session (over ${backend.label}) and record the takeaways`, COMMANDS.endPairing, 'debug-stop'));
      return rows;
    }
    const me = (await relationship.repo.identity()).email.toLowerCase();
    const other = mentee.email.toLowerCase() === me ? mentor : mentee;
    const invitations = await this.board.openFor(relationship, me);
    this.redrawAtExpiry(relationship, invitations.map((posted) => Date.parse(posted.invitation.expires)));
    // What the other person posts with, they can join: `auto` prefers it next time.
    const theirs = invitations[0]?.invitation.backend;
    if (theirs) await this.choice.otherUses(relationship.root, theirs);
    const backend = this.choice.planned(relationship.root);
    const idle = new vscode.TreeItem(`${mentee.name} with ${mentor.name}`, vscode.TreeItemCollapsibleState.None);
    idle.id = `pairing:${relationship.root}`;
    idle.contextValue = 'pairingIdle';
    idle.description = `not pairing · ${minutesPerSession} min planned · ${backend.id === 'link' ? 'over a link' : backend.label}`;
    idle.iconPath = new vscode.ThemeIcon(BACKEND_ICONS[backend.id]);
    idle.tooltip = `Pairing runs over ${backend.label} (setting mentorship.pairing.backend: ${this.choice.setting}). Sessions are planned at ${minutesPerSession} minutes.`;
    const sharing = backend.capabilities.readOnly ? `through ${backend.label} (read-only unless the setting says otherwise)` : `over ${backend.label} (not read-only: you are told before it starts)`;
    return [
      idle,
      ...invitations.map((posted) => new InvitationNode(posted, this.choice)),
      new ActionNode(`Start Pairing with ${other.name}`, `Pair ${sharing} and post an invitation for ${other.name}`, COMMANDS.startPairing, 'play', [relationship.root]),
      // Offered, not installed behind the user's back: the Extensions view shows what it is.
      ...this.choice.missing().map((b) => new ActionNode(`Install ${b.label}…`, `${b.label} is not installed: pairing inside VS Code can use it. Opens it in the Extensions view.`, 'workbench.extensions.search', 'extensions', [b.extensionId])),
    ];
  }

  /** An invitation that expires is no commit: redraw the relationship when the first one does. */
  private redrawAtExpiry(relationship: Relationship, expiries: readonly number[]): void {
    const previous = this.expiryTimers.get(relationship);
    if (previous) clearTimeout(previous);
    this.expiryTimers.delete(relationship);
    const next = Math.min(...expiries.filter(Number.isFinite));
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => {
      this.expiryTimers.delete(relationship);
      this.refresh(relationship);
    }, Math.min(Math.max(0, next - Date.now()) + 1_000, MAX_TIMER_MS));
    this.expiryTimers.set(relationship, timer);
  }

  dispose(): void {
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    if (this.ticker) clearInterval(this.ticker);
    this.sessionSubscription.dispose();
    super.dispose();
  }
}
