import { lineOfKey, parseFrontMatter, renderFrontMatter, type FrontMatterProblem } from './frontMatter';
import { slugify } from './ids';
import { checkJoinLink, PAIRING_BACKENDS, type PairingBackendId } from './joinLink';

/**
 * A pairing invitation posted into the notes repo by the host, so the other person's sidebar
 * can offer "Join". One file per host (`pairing/<host>.md`): the two people never write the
 * same invitation, and withdrawing one is deleting its file.
 */
export interface PairingInvitation {
  /** Display name of the host. */
  readonly host: string;
  /** The host's email from the agreement (how the other side knows it is not their own). */
  readonly hostEmail: string;
  /** How to join: the backend's link, checked for that backend (see joinLink). */
  readonly link: string;
  /** The service the session runs on; an invitation written before backends existed is Live Share's. */
  readonly backend: PairingBackendId;
  /** ISO times. */
  readonly started: string;
  readonly expires: string;
  readonly access: InvitationAccess;
}

export type InvitationAccess = 'read-only' | 'read-write';
export type InvitationResult = { readonly ok: true; readonly invitation: PairingInvitation } | { readonly ok: false; readonly problem: FrontMatterProblem };

export const PAIRING_FOLDER = 'pairing';

/** A session planned at N minutes keeps its invitation open for twice that, at least an hour. */
export function invitationExpiry(started: Date, plannedMinutes: number): Date {
  return new Date(started.getTime() + Math.max(60, plannedMinutes * 2) * 60_000);
}

export function invitationPath(hostEmail: string, hostName: string): string {
  return `${PAIRING_FOLDER}/${slugify(hostEmail || hostName)}.md`;
}

const HOW_TO_JOIN: Record<PairingBackendId, string> = {
  liveshare: 'open this link in VS Code with Live Share',
  oct: 'paste it into Open Collaboration Tools\' "Join Collaboration Session"',
  link: 'open this link',
};

export function renderInvitation(invitation: PairingInvitation): string {
  const { host, hostEmail, link, backend, started, expires, access } = invitation;
  const body = [`# ${host} is pairing now`, '', `Join from the Mentorship sidebar, or ${HOW_TO_JOIN[backend]}: <${link}>`, '', 'This file is removed when the session ends.'].join('\n');
  return renderFrontMatter({ host, host_email: hostEmail, backend, link, started, expires, access }, body);
}

/**
 * Reads an invitation defensively. The link is what Join hands to another extension or the
 * browser, so it must be what its backend hands out (checkJoinLink): anything else in a
 * hand-edited or hostile file is refused. No backend field means Live Share (older invitations).
 */
export function parseInvitation(text: string): InvitationResult {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const data = parsed.document.data;
  const fail = (key: string, reason: string): InvitationResult => ({ ok: false, problem: { reason: `"${key}" ${reason}`, line: lineOfKey(text, key) } });
  for (const key of ['host', 'link', 'started', 'expires'] as const) {
    if (typeof data[key] !== 'string' || (data[key] as string).trim() === '') return fail(key, 'is missing');
  }
  const backend = data.backend ?? 'liveshare';
  if (!PAIRING_BACKENDS.includes(backend as PairingBackendId)) return fail('backend', `must be one of ${PAIRING_BACKENDS.join(', ')}`);
  const checked = checkJoinLink(backend as PairingBackendId, data.link as string);
  if (!checked.ok) return fail('link', `is refused: ${checked.problem}`);
  const link = checked.link;
  const started = data.started as string;
  const expires = data.expires as string;
  if (Number.isNaN(Date.parse(started))) return fail('started', 'must be a time like 2026-11-23T16:00:00Z');
  if (Number.isNaN(Date.parse(expires))) return fail('expires', 'must be a time like 2026-11-23T18:30:00Z');
  const access = data.access === 'read-write' ? 'read-write' : 'read-only';
  const hostEmail = typeof data.host_email === 'string' ? data.host_email : '';
  return { ok: true, invitation: { host: data.host as string, hostEmail, link, backend: backend as PairingBackendId, started, expires, access } };
}

/** Open for joining: started, not yet expired (an ended session's file is deleted). */
export function isOpenInvitation(invitation: PairingInvitation, now: Date): boolean {
  return Date.parse(invitation.expires) > now.getTime();
}
