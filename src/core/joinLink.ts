/**
 * Join links per pairing backend. A link comes from a notes repo the other person (or anyone with
 * push access) writes, or from a paste, and Join hands it to another extension or the browser: so
 * each backend accepts only what its service hands out, trimmed, on one line, and says why not.
 */

export const PAIRING_BACKENDS = ['liveshare', 'oct', 'link'] as const;
export type PairingBackendId = (typeof PAIRING_BACKENDS)[number];

/** The only host Live Share's share() hands out join links on. */
export const LIVE_SHARE_JOIN_HOST = 'prod.liveshare.vsengsaas.visualstudio.com';
/** Open Collaboration Tools' public server (its `oct.serverUrl` default). */
export const OCT_DEFAULT_SERVER = 'https://api.open-collab.tools/';
/** An OCT room id as `oct.createRoom` makes them. */
export const OCT_ROOM_ID = /^[A-Za-z0-9]{24}$/;

export type LinkCheck = { readonly ok: true; readonly link: string; readonly host: string; readonly roomId?: string } | { readonly ok: false; readonly problem: string };

// Whitespace, C0/C1 controls, zero-width and bidi controls: the URL parser drops some of them
// silently, so a link that looks like one thing would go somewhere else.
const HIDDEN = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

/** The checks every backend shares: one https URL, no credentials, standard port, no look-alike host. */
function commonCheck(text: string): { ok: true; url: URL; link: string } | { ok: false; problem: string } {
  const link = text.trim();
  if (link === '') return { ok: false, problem: 'The link is empty.' };
  if (HIDDEN.test(link)) return { ok: false, problem: 'The link has spaces, line breaks or invisible characters inside it; paste it as one line.' };
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, problem: 'That is not a link: it should start with https://.' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: `Only https:// links are accepted (this one starts with ${url.protocol}).` };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'The link carries a user name or password; links with credentials are refused.' };
  if (url.port !== '') return { ok: false, problem: `The link names port ${url.port}; pairing links use the standard https port.` };
  if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return { ok: false, problem: `The link's host (${url.hostname}) is written with look-alike letters (punycode); it is refused.` };
  }
  return { ok: true, url, link };
}

/** `https://host/path/` and `https://host/path` name the same server. */
function serverKey(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Checks a link for one backend. `octServerUrl` is the OCT server this user configured: an OCT
 * link must be on it (without it, only the shape is checked, as when listing invitations).
 */
export function checkJoinLink(backend: PairingBackendId, text: string, octServerUrl?: string): LinkCheck {
  const common = commonCheck(text);
  if (!common.ok) return common;
  const { url, link } = common;
  const host = url.hostname;
  switch (backend) {
    case 'liveshare':
      if (host !== LIVE_SHARE_JOIN_HOST || url.pathname !== '/join' || url.search.length < 2 || url.hash !== '') {
        return { ok: false, problem: `That is not a Live Share join link: Live Share's links are https://${LIVE_SHARE_JOIN_HOST}/join?…, and this one is on ${host}.` };
      }
      return { ok: true, link, host };
    case 'oct': {
      const roomId = url.hash.slice(1);
      if (!OCT_ROOM_ID.test(roomId) || url.search !== '') {
        return { ok: false, problem: 'That is not an Open Collaboration Tools invitation: it should be the server address, "#", and a room id of 24 letters and digits.' };
      }
      if (octServerUrl !== undefined) {
        let server: URL;
        try {
          server = new URL(octServerUrl.trim());
        } catch {
          return { ok: false, problem: `Your Open Collaboration Tools server setting (oct.serverUrl: "${octServerUrl}") is not a URL.` };
        }
        if (serverKey(server) !== serverKey(new URL(url.origin + url.pathname))) {
          return { ok: false, problem: `That Open Collaboration Tools room is on ${url.origin}${url.pathname}, not on the server you configured (${server.origin}${server.pathname}); change oct.serverUrl if you trust it.` };
        }
      }
      return { ok: true, link, host, roomId };
    }
    case 'link':
      if (isAddressLiteral(host) || !host.includes('.')) {
        return { ok: false, problem: `The link's host (${host}) is not a service's name; a meeting link names its service (zoom.us, meet.google.com, …).` };
      }
      return { ok: true, link, host };
  }
}

function isAddressLiteral(host: string): boolean {
  return host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host) || host === 'localhost' || host.endsWith('.localhost');
}

/**
 * Which backend a pasted link is for: Live Share's join host, then an OCT room (server "#" room id;
 * its server is checked when joining, with its own message), else any link.
 */
export function backendOfLink(text: string): PairingBackendId {
  if (checkJoinLink('liveshare', text).ok) return 'liveshare';
  if (checkJoinLink('oct', text).ok) return 'oct';
  return 'link';
}

/** The invitation OCT users exchange: the server URL, "#", the room id. */
export function octInvitationLink(serverUrl: string, roomId: string): string {
  const server = new URL(serverUrl.trim());
  return `${server.origin}${server.pathname}#${roomId}`;
}
