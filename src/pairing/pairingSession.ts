import * as vscode from 'vscode';
import { isoDate } from '../core/ids';
import type { PairingBackendId } from '../core/joinLink';
import { clockTime, minutesBetween } from '../core/pairingClock';
import type { SessionFacts } from '../core/sessionFacts';
import type { Relationship } from '../notes/relationship';

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
      /** The service the session runs on. */
      readonly backend: PairingBackendId;
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

/** What a backend says when a session begins. */
export type BeganDetails = Omit<Partial<Active>, 'kind' | 'peers' | 'started' | 'backend'> & {
  readonly backend: PairingBackendId;
  /** This user as the backend knows them (for the takeaways' participants). */
  readonly me?: string;
  readonly peers?: readonly Participant[];
};

/**
 * The pairing session as this window sees it, whatever the backend: idle, hosting or joined;
 * who is there; when it started; which agenda items were opened. Backends report their events
 * here (began, peersChanged, finish), so ends from either side arrive the same way.
 */
export class PairingSession implements vscode.Disposable {
  private current: PairingState = { kind: 'idle' };
  private readonly changed = new vscode.EventEmitter<PairingState>();
  private readonly ended = new vscode.EventEmitter<PairingEnded>();
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

  /** Called once a backend says a session started, with what this side knows about it. */
  began(kind: 'hosting' | 'joined', { me, peers = [], ...details }: BeganDetails): void {
    this.opened.length = 0;
    this.seen.clear();
    this.me = me ?? '';
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

  /** Who is in the session now (backends that report peers). */
  peersChanged(peers: readonly Participant[]): void {
    if (this.current.kind === 'idle') return;
    for (const peer of peers) this.seen.set(peer.peerNumber, peer);
    this.current = { ...this.current, peers };
    this.changed.fire(this.current);
  }

  /** The session ended, from either side: the facts go to whoever offers the takeaways. */
  finish(): void {
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
    this.changed.dispose();
    this.ended.dispose();
  }
}
