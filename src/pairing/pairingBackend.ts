import type * as vscode from 'vscode';
import type { Person } from '../core/agreement';
import type { PairingBackendId } from '../core/joinLink';
import type { Relationship } from '../notes/relationship';

/** What a backend can do; the controller and the Pairing view adapt to it. */
export interface BackendCapabilities {
  /** Can share so that the guest cannot edit (otherwise the host is told before starting). */
  readonly readOnly: boolean;
  /** Reports who joined and left (otherwise the view cannot list participants). */
  readonly peers: boolean;
  /** Hears which agenda items the guest opened (for the takeaways). */
  readonly agendaChannel: boolean;
  /** Can invite the other person directly (Live Share's contacts). */
  readonly directInvite: boolean;
}

/** What the host asked for. */
export interface HostRequest {
  readonly readWrite: boolean;
  /** The link to post, when given (the link backend asks for it otherwise). */
  readonly link?: string;
}

/** A session started by a backend: the link to post and how it shares. */
export interface Hosted {
  readonly link: string;
  readonly readOnly: boolean;
}

/** What the guest knows about the session joined. */
export interface JoinDetails {
  readonly relationship?: Relationship;
  readonly host?: string;
  readonly plannedMinutes?: number;
}

/**
 * One way to pair: Live Share, Open Collaboration Tools, or a link to anything else. Each drives
 * its service and reports the session through PairingSession (began, peers, finish); the
 * controller runs the same flow over any of them: invitation, timer, agenda, takeaways.
 */
export interface PairingBackend extends vscode.Disposable {
  readonly id: PairingBackendId;
  /** "Live Share", "Open Collaboration Tools", "a link". */
  readonly label: string;
  readonly capabilities: BackendCapabilities;
  /** The extension it needs, if any (offered for install when missing). */
  readonly extensionId?: string;
  /** Whether what it needs is installed (quick; no activation). */
  installed(): boolean;
  /** Makes sure it can start or join now; an ActionableError says what to do otherwise. */
  ready(): Promise<void>;
  /** Starts sharing; undefined when the user cancelled (nothing is posted then). */
  start(request: HostRequest): Promise<Hosted | undefined>;
  /** After the invitation is posted: what only this backend adds (an agenda channel, contacts). */
  hosting?(relationship: Relationship, other: Person): Promise<void>;
  /** Joins a link already checked for this backend. */
  join(link: string, details: JoinDetails): Promise<void>;
  /** Ends (host) or leaves (guest) the running session. */
  end(): Promise<void>;
  /** A window opened on a shared workspace (after a join that reloads) picks up the session. */
  pickUp?(): Promise<void>;
  /** Guest side: tells the host an agenda item was opened (when the backend can). */
  agendaItemOpened?(id: string): void;
  /** "Invite Directly", when the backend can reach the other person. */
  inviteDirectly?(other: Person): Promise<boolean>;
  /** Whether inviteDirectly can reach this person in the running session. */
  canInvite?(other: Person): Promise<boolean>;
}

/** The codicon each backend's session shows with (status bar, Pairing view). */
export const BACKEND_ICONS: Readonly<Record<PairingBackendId, string>> = { liveshare: 'live-share', oct: 'broadcast', link: 'link-external' };
