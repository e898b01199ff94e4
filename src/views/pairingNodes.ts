import * as vscode from 'vscode';
import { clockTime } from '../core/pairingClock';
import { COMMANDS } from '../constants';
import type { Relationship } from '../notes/relationship';
import type { BackendChoice } from '../pairing/backendChoice';
import type { PostedInvitation } from '../pairing/invitationBoard';
import { BACKEND_ICONS } from '../pairing/pairingBackend';
import type { Participant, PairingState } from '../pairing/pairingSession';

type Active = Exclude<PairingState, { kind: 'idle' }>;

/** "Hosting · read-only — 12 min of 75" or "Joined Sam's session — 12 min of 75"; the tooltip names the backend. */
export class PairingHeaderNode extends vscode.TreeItem {
  constructor(relationship: Relationship, state: Active, backendLabel: string) {
    super(state.kind === 'hosting' ? `Hosting · ${state.readOnly ? 'read-only' : 'read-write'}` : `Joined ${state.host ? `${state.host}'s` : 'a'} session`, vscode.TreeItemCollapsibleState.None);
    const minutes = Math.floor((Date.now() - state.started.getTime()) / 60_000);
    this.id = `pairing:${relationship.root}:active`;
    this.contextValue = state.kind === 'hosting' ? 'pairingHosting' : 'pairingJoined';
    this.description = `${minutes} min${state.plannedMinutes ? ` of ${state.plannedMinutes}` : ''}`;
    this.iconPath = new vscode.ThemeIcon(BACKEND_ICONS[state.backend], new vscode.ThemeColor('charts.green'));
    this.tooltip = `Over ${backendLabel}. Started ${clockTime(state.started)}.${state.plannedMinutes ? ` ${state.plannedMinutes} minutes planned.` : ''}`;
  }
}

export class ParticipantNode extends vscode.TreeItem {
  constructor(relationship: Relationship, peer: Participant) {
    super(peer.name, vscode.TreeItemCollapsibleState.None);
    this.id = `pairing:${relationship.root}:peer:${peer.peerNumber}`;
    this.contextValue = 'pairingPeer';
    this.description = peer.access === 'owner' ? 'host' : `guest · ${peer.access}`;
    this.iconPath = new vscode.ThemeIcon('person');
    this.tooltip = peer.email ?? peer.name;
  }
}

/** "<host> is pairing now — Join · since 16:00 · read-only · Live Share" (or what it needs, or where a link goes). */
export class InvitationNode extends vscode.TreeItem {
  constructor(
    readonly posted: PostedInvitation,
    choice: BackendChoice,
  ) {
    super(`${posted.invitation.host} is pairing now`, vscode.TreeItemCollapsibleState.None);
    const { invitation } = posted;
    const backend = choice.byId(invitation.backend);
    const started = new Date(invitation.started);
    const over = invitation.backend === 'link' ? `opens ${new URL(invitation.link).hostname}` : backend.installed() ? backend.label : `needs ${backend.label}`;
    this.id = `pairing:${posted.relationship.root}:invitation:${posted.file}`;
    this.contextValue = 'pairingInvitation';
    this.description = `Join · since ${clockTime(started)} · ${invitation.access} · ${over}`;
    this.iconPath = new vscode.ThemeIcon('call-incoming', new vscode.ThemeColor('charts.green'));
    this.tooltip = invitation.backend === 'link' ? `Join ${invitation.host}'s session: opens ${invitation.link} in your browser (you are asked first).` : `Join ${invitation.host}'s ${backend.label} session (${invitation.access}).`;
    this.command = { command: COMMANDS.joinPairing, title: 'Join', arguments: [posted.relationship.root, posted.file] };
  }
}

/** A row that runs an action: keyboard users reach it like any other row. */
export class ActionNode extends vscode.TreeItem {
  constructor(label: string, tooltip: string, command: string, icon: string, args: unknown[] = []) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.contextValue = 'pairingAction';
    this.tooltip = tooltip;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.command = { command, title: label, arguments: args };
  }
}
