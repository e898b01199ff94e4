import { strict as assert } from 'node:assert';
import { backendOfLink, checkJoinLink, LIVE_SHARE_JOIN_HOST, octInvitationLink, type PairingBackendId } from '../../src/core/joinLink';
import { octJoinTakesCode, roomIdFrom } from '../../src/core/octContract';

const LIVE_SHARE = `https://${LIVE_SHARE_JOIN_HOST}/join?8F3A2B1C0D`;
const OCT = 'https://api.open-collab.tools/#a1B2c3D4e5F6g7H8i9J0k1L2';
const ROOM = 'a1B2c3D4e5F6g7H8i9J0k1L2';

function problem(backend: PairingBackendId, text: string, server?: string): string {
  const checked = checkJoinLink(backend, text, server);
  assert.equal(checked.ok, false, `${backend}: ${JSON.stringify(text)} should be refused`);
  return checked.ok ? '' : checked.problem;
}

describe('core/joinLink: invitation links per backend', () => {
  it("accepts each service's own links, trimmed", () => {
    assert.deepEqual(checkJoinLink('liveshare', `  ${LIVE_SHARE}\n`), { ok: true, link: LIVE_SHARE, host: LIVE_SHARE_JOIN_HOST });
    assert.deepEqual(checkJoinLink('oct', OCT, 'https://api.open-collab.tools/'), { ok: true, link: OCT, host: 'api.open-collab.tools', roomId: ROOM });
    assert.equal(checkJoinLink('oct', 'https://oct.example.org/collab#' + ROOM, 'https://oct.example.org/collab/').ok, true, 'a self-hosted server, with or without the trailing slash');
    assert.deepEqual(checkJoinLink('link', 'https://meet.google.com/abc-defg-hij'), { ok: true, link: 'https://meet.google.com/abc-defg-hij', host: 'meet.google.com' });
  });

  it('Live Share: only its join host; look-alikes, other hosts, ports, credentials refused with the reason', () => {
    assert.match(problem('liveshare', 'https://attacker.example/join?x'), /not a Live Share join link.*this one is on attacker\.example/);
    assert.match(problem('liveshare', `https://${LIVE_SHARE_JOIN_HOST}.attacker.example/join?x`), /not a Live Share join link/);
    // A dotless i (U+0131) in "visualstudio": the URL parser turns it into punycode.
    assert.match(problem('liveshare', 'https://prod.liveshare.vsengsaas.visualstud\u0131o.com/join?x'), /look-alike letters \(punycode\)/);
    assert.match(problem('liveshare', 'https://xn--80ak6aa92e.com/join?x'), /look-alike/);
    assert.match(problem('liveshare', `https://${LIVE_SHARE_JOIN_HOST}:8443/join?x`), /port 8443/);
    assert.match(problem('liveshare', 'https://127.0.0.1:22/'), /port 22/);
    assert.match(problem('liveshare', `https://user:pw@${LIVE_SHARE_JOIN_HOST}/join?x`), /credentials/);
    assert.match(problem('liveshare', `https://${LIVE_SHARE_JOIN_HOST}/join`), /not a Live Share join link/);
    assert.match(problem('liveshare', `http://${LIVE_SHARE_JOIN_HOST}/join?x`), /Only https:\/\/ links.*http:/);
    assert.match(problem('liveshare', 'javascript:alert(1)'), /Only https:\/\//);
    assert.match(problem('liveshare', 'vscode://ms-vsliveshare.vsliveshare/join?x'), /Only https:\/\//);
  });

  it('spaces, newlines, tabs, control and invisible characters inside a link are refused; an empty one says so', () => {
    for (const text of [`https://${LIVE_SHARE_JOIN_HOST}/join?a b`, `https://${LIVE_SHARE_JOIN_HOST}/jo\nin?x`, `https://${LIVE_SHARE_JOIN_HOST}/join?\tx`, `https://${LIVE_SHARE_JOIN_HOST}/join?x\u0000`, `https://${LIVE_SHARE_JOIN_HOST}/join?x\u202e`, `https://${LIVE_SHARE_JOIN_HOST}\u200b/join?x`]) {
      assert.match(problem('liveshare', text), /spaces, line breaks or invisible characters/, JSON.stringify(text));
    }
    assert.equal(problem('liveshare', '   '), 'The link is empty.');
    assert.match(problem('link', 'not-a-url'), /not a link/);
  });

  it('OCT: the configured server plus a 24-character room id', () => {
    assert.match(problem('oct', 'https://evil.example/#' + ROOM, 'https://api.open-collab.tools/'), /on https:\/\/evil\.example\/, not on the server you configured \(https:\/\/api\.open-collab\.tools\/\)/);
    assert.match(problem('oct', 'https://api.open-collab.tools/#abc', 'https://api.open-collab.tools/'), /room id of 24 letters and digits/);
    assert.match(problem('oct', 'https://api.open-collab.tools/#' + ROOM + 'x'), /room id/);
    assert.match(problem('oct', 'https://api.open-collab.tools/?room=1#' + ROOM), /room id/);
    assert.match(problem('oct', 'https://api.open-collab.tools:8080/#' + ROOM, 'https://api.open-collab.tools/'), /port 8080/);
    assert.match(problem('oct', OCT, 'not a url'), /oct\.serverUrl.*is not a URL/);
    assert.equal(octInvitationLink('https://api.open-collab.tools', ROOM), OCT);
  });

  it('link: any named https host; addresses, localhost, look-alikes and odd ports refused', () => {
    assert.match(problem('link', 'https://127.0.0.1/x'), /not a service's name/);
    assert.match(problem('link', 'https://[::1]/x'), /not a service's name/);
    assert.match(problem('link', 'https://localhost/x'), /not a service's name/);
    assert.match(problem('link', 'https://zoom.us:22/j/1'), /port 22/);
    assert.match(problem('link', 'https://zo\u03bfm.us/j/1'), /look-alike/);
  });

  it("a pasted link's backend: Live Share's host, an OCT room, else a meeting link", () => {
    assert.equal(backendOfLink(LIVE_SHARE), 'liveshare');
    assert.equal(backendOfLink(OCT), 'oct');
    assert.equal(backendOfLink('https://elsewhere.example/#' + ROOM), 'oct', 'an OCT room on another server is refused as OCT, with the server named');
    assert.equal(backendOfLink('https://attacker.example/join?x'), 'link');
  });
});

describe('core/octContract: OCT command behaviour by version', () => {
  it('joinRoom takes the code only after 0.3.8; unknown versions take the safe path', () => {
    for (const old of ['0.3.4', '0.3.8', '0.2.4', '0.3.8-next.1']) assert.equal(octJoinTakesCode(old), false, old);
    for (const newer of ['0.3.9', '0.4.0', '1.0.0']) assert.equal(octJoinTakesCode(newer), true, newer);
    for (const odd of [undefined, 3, 'latest']) assert.equal(octJoinTakesCode(odd), false, String(odd));
  });

  it('reads a room id from a return value or the clipboard, nothing else', () => {
    assert.equal(roomIdFrom(` ${ROOM}\n`), ROOM);
    assert.equal(roomIdFrom(undefined), undefined);
    assert.equal(roomIdFrom('Created session'), undefined);
    assert.equal(roomIdFrom({ roomId: ROOM }), undefined);
  });
});
