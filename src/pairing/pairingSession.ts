import * as vscode from 'vscode';
import type { LiveShare, Peer } from 'vsls/vscode';
import { isoDate } from '../core/ids';
import { clockTime, minutesBetween } from '../core/pairingClock';
import type { SessionFacts } from '../core/sessionFacts';
import type { Relationship } from '../notes/relationship';
import { vsls } from './liveShareAccess';

/** Someone in the session besides this user. */
export interface Participant {
  readonly peerNumber: number;
  readonly name: string;
  readonly email?: string;
  readonly access: 'read-only' | 'read-write' | 'owner';
}

export type PairingState =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'hosting' | 'joined';
      readonly relationship?: Relationship;
      readonly started: Date;
      readonly plannedMinutes?: number;
      /** The join link (hosting) or the link joined. */
      readonly link?: string;
      /** Who hosts, when joined. */
      readonly host?: string;
      readonly readOnly: boolean;
      readonly peers: readonly Participant[];
      /** The posted invitation, withdrawn when the session ends. */
      readonly invitationFile?: string;
    };

type Active = Exclude<PairingState, { kind: 'idle' }>;

/** What the end of a session hands over: the facts for "Record Takeaways". */
export interface PairingEnded {
  readonly state: Active;
  readonly facts: SessionFacts;
}

/**
 * The pairing session as this window sees it, following Live Share's session and peer events:
 * idle, hosting or joined; who is there; when it started; which agenda items were opened.
 * Session ends from either side (End Pairing here, or Live Share stopping) arrive the same way.
 */
export class PairingSession implements vscode.Disposable {
  private current: PairingState = { kind: 'idle' };
  private readonly changed = new vscode.EventEmitter<PairingState>();
  private readonly ended = new vscode.EventEmitter<PairingEnded>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private followed: LiveShare | undefined;
  private readonly opened: string[] = [];
  /** Everyone seen during the session, for the takeaways' participants. */
  private readonly seen = new Map<number, Participant>();
  private me = '';

  readonly onDidChange = this.changed.event;
  readonly onDidEnd = this.ended.event;

  get state(): PairingState {
    return this.current;
  }

  get isHosting(): boolean {
    return this.current.kind === 'hosting';
  }

  /** Listens to one Live Share API (once); picks up a session already running. */
  follow(api: LiveShare): void {
    if (this.followed === api) return;
    this.followed = api;
    this.subscriptions.push(
      api.onDidChangeSession(({ session }) => {
        if (session.role === vsls().Role.None && this.current.kind !== 'idle') this.finish();
        else if (session.role === vsls().Role.Guest && this.current.kind === 'idle') this.began('joined', {});
      }),
      api.onDidChangePeers(({ added, removed }) => this.peersChanged(api, added, removed)),
    );
    if (api.session.role === vsls().Role.Guest && this.current.kind === 'idle') this.began('joined', {});
  }

  /** Called once Live Share says a session started, with what this side knows about it. */
  began(kind: 'hosting' | 'joined', details: Omit<Partial<Active>, 'kind' | 'peers' | 'started'>): void {
    const api = this.followed;
    this.opened.length = 0;
    this.seen.clear();
    this.me = api?.session.user?.emailAddress ?? api?.session.user?.displayName ?? '';
    const peers = (api?.peers ?? []).map(participant);
    for (const peer of peers) this.seen.set(peer.peerNumber, peer);
    this.current = { readOnly: true, ...details, kind, started: new Date(), peers };
    this.changed.fire(this.current);
  }

  /** Adds what became known after the start (the posted invitation, say). */
  amend(details: Partial<Pick<Active, 'invitationFile' | 'link' | 'host' | 'relationship' | 'plannedMinutes'>>): void {
    if (this.current.kind === 'idle') return;
    this.current = { ...this.current, ...details };
    this.changed.fire(this.current);
  }

  /** An agenda item opened while pairing: offered as covered when the takeaways are recorded. */
  agendaItemOpened(root: string, id: string): void {
    if (this.current.kind === 'idle') return;
    if (this.current.relationship && this.current.relationship.root !== root) return;
    if (!this.opened.includes(id)) this.opened.push(id);
  }

  private peersChanged(api: LiveShare, added: readonly Peer[], removed: readonly Peer[]): void {
    if (this.current.kind === 'idle') return;
    for (const peer of added) this.seen.set(peer.peerNumber, participant(peer));
    const gone = new Set(removed.map((p) => p.peerNumber));
    const peers = api.peers.map(participant).filter((p) => !gone.has(p.peerNumber));
    this.current = { ...this.current, peers };
    this.changed.fire(this.current);
  }

  private finish(): void {
    if (this.current.kind === 'idle') return;
    const state = this.current;
    const end = new Date();
    const others = [...this.seen.values()].map((p) => p.email ?? p.name);
    const facts: SessionFacts = {
      ...(state.relationship ? { relationshipRoot: state.relationship.root } : {}),
      date: isoDate(state.started),
      start: clockTime(state.started),
      end: clockTime(end),
      minutes: minutesBetween(state.started, end),
      participants: [...new Set([this.me, ...others].filter((p) => p !== ''))],
      mode: 'pairing',
      agendaItemIds: [...this.opened],
    };
    this.current = { kind: 'idle' };
    this.changed.fire(this.current);
    this.ended.fire({ state, facts });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
    this.ended.dispose();
  }
}

function participant(peer: Peer): Participant {
  const { Access } = vsls();
  const access = peer.access === Access.Owner ? 'owner' : peer.access === Access.ReadWrite ? 'read-write' : 'read-only';
  const name = peer.user?.displayName ?? `Guest ${peer.peerNumber}`;
  const email = peer.user?.emailAddress ?? undefined;
  return { peerNumber: peer.peerNumber, name, ...(email ? { email } : {}), access };
}
