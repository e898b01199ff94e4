import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import type { InvitationBoard } from '../pairing/invitationBoard';
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
      const rows: vscode.TreeItem[] = [new PairingHeaderNode(relationship, pairing)];
      if (pairing.peers.length === 0 && pairing.kind === 'hosting') {
        rows.push(new ActionNode('Waiting for your guest — the link is copied', 'Copy Invitation Link', COMMANDS.copyPairingLink, 'loading~spin'));
      }
      rows.push(...pairing.peers.map((peer) => new ParticipantNode(relationship, peer)));
      if (pairing.kind === 'hosting') rows.push(new ActionNode('Copy Invitation Link', 'Copy the Live Share link again', COMMANDS.copyPairingLink, 'link'));
      rows.push(new ActionNode(pairing.kind === 'hosting' ? 'End Pairing' : 'Leave Session', 'End the Live Share session', COMMANDS.endPairing, 'debug-stop'));
      return rows;
    }
    const me = (await relationship.repo.identity()).email.toLowerCase();
    const other = mentee.email.toLowerCase() === me ? mentor : mentee;
    const invitations = await this.board.openFor(relationship, me);
    this.redrawAtExpiry(relationship, invitations.map((posted) => Date.parse(posted.invitation.expires)));
    const idle = new vscode.TreeItem(`${mentee.name} with ${mentor.name}`, vscode.TreeItemCollapsibleState.None);
    idle.id = `pairing:${relationship.root}`;
    idle.contextValue = 'pairingIdle';
    idle.description = `not pairing · ${minutesPerSession} min planned`;
    idle.iconPath = new vscode.ThemeIcon('live-share');
    idle.tooltip = `Pairing runs through Live Share. Sessions are planned at ${minutesPerSession} minutes.`;
    return [
      idle,
      ...invitations.map((posted) => new InvitationNode(posted)),
      new ActionNode(`Start Pairing with ${other.name}`, `Share this workspace through Live Share (read-only unless the setting says otherwise) and post an invitation for ${other.name}`, COMMANDS.startPairing, 'play', [relationship.root]),
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
