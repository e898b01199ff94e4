import { strict as assert } from 'node:assert';
import { invitationExpiry, invitationPath, isOpenInvitation, parseInvitation, renderInvitation, type PairingInvitation } from '../../src/core/invitation';
import { clockTime, formatElapsed, minutesBetween, plannedLengthReached } from '../../src/core/pairingClock';

const INVITATION: PairingInvitation = {
  host: 'Sam Rivera',
  hostEmail: 'sam@example.com',
  link: 'https://prod.liveshare.vsengsaas.visualstudio.com/join?ABC123',
  backend: 'liveshare',
  started: '2026-11-23T16:00:00.000Z',
  expires: '2026-11-23T18:30:00.000Z',
  access: 'read-only',
};

describe('core/invitation', () => {
  it('renders an invitation that parses back to the same fields, at pairing/<host>.md', () => {
    const parsed = parseInvitation(renderInvitation(INVITATION));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.invitation, INVITATION);
    assert.equal(invitationPath('sam@example.com', 'Sam Rivera'), 'pairing/sam-example-com.md');
    assert.equal(invitationPath('', 'Sam Rivera'), 'pairing/sam-rivera.md');
  });

  it('names its backend; an invitation without one (written before backends) is Live Share\'s', () => {
    const oct = { ...INVITATION, backend: 'oct' as const, link: 'https://api.open-collab.tools/#abcdefghijklmnopqrstuvwx' };
    const text = renderInvitation(oct);
    assert.match(text, /\nbackend: oct\n/);
    assert.match(text, /Open Collaboration Tools/);
    const parsed = parseInvitation(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.invitation, oct);
    const old = parseInvitation(renderInvitation(INVITATION).replace('backend: liveshare\n', ''));
    assert.ok(old.ok);
    assert.equal(old.invitation.backend, 'liveshare');
    const unknown = parseInvitation(renderInvitation(INVITATION).replace('backend: liveshare', 'backend: teams'));
    assert.equal(unknown.ok, false);
    if (!unknown.ok) assert.equal(unknown.problem.reason, '"backend" must be one of liveshare, oct, link');
  });

  it('refuses a link its backend would not hand out: hostile files are not offered for Join', () => {
    const refused = (invitation: PairingInvitation): string => {
      const parsed = parseInvitation(renderInvitation(invitation));
      assert.equal(parsed.ok, false, invitation.link);
      return parsed.ok ? '' : parsed.problem.reason;
    };
    assert.match(refused({ ...INVITATION, link: 'command:workbench.action.terminal.new' }), /^"link" is refused: Only https:\/\/ links are accepted/);
    assert.match(refused({ ...INVITATION, link: 'https://attacker.example/join?x' }), /not a Live Share join link.*on attacker\.example/);
    assert.match(refused({ ...INVITATION, backend: 'oct', link: 'https://api.open-collab.tools/#short' }), /room id of 24 letters and digits/);
    assert.match(refused({ ...INVITATION, backend: 'link', link: 'https://127.0.0.1:22/' }), /port 22/);
    // A link to any named https host is a meeting link: offered, and shown before it is opened.
    assert.ok(parseInvitation(renderInvitation({ ...INVITATION, backend: 'link', link: 'https://meet.google.com/abc-defg-hij' })).ok);
  });

  it('reports missing fields and bad times with their line, and reads an unknown access as read-only', () => {
    const missing = parseInvitation('---\nhost: Sam\nstarted: 2026-11-23T16:00:00Z\nexpires: 2026-11-23T18:00:00Z\n---\n');
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.deepEqual(missing.problem, { reason: '"link" is missing', line: 2 });
    const badTime = parseInvitation(renderInvitation({ ...INVITATION, expires: 'tonight' }));
    assert.equal(badTime.ok, false);
    if (!badTime.ok) assert.match(badTime.problem.reason, /^"expires" must be a time/);
    const odd = parseInvitation(renderInvitation(INVITATION).replace('access: read-only', 'access: everything'));
    assert.ok(odd.ok);
    assert.equal(odd.invitation.access, 'read-only');
    assert.equal(parseInvitation('no front matter at all').ok, false);
  });

  it('is open until it expires; expiry is twice the planned length, at least an hour', () => {
    const started = new Date('2026-11-23T16:00:00Z');
    assert.equal(invitationExpiry(started, 75).toISOString(), '2026-11-23T18:30:00.000Z');
    assert.equal(invitationExpiry(started, 20).toISOString(), '2026-11-23T17:00:00.000Z');
    assert.equal(isOpenInvitation(INVITATION, new Date('2026-11-23T18:29:59Z')), true);
    assert.equal(isOpenInvitation(INVITATION, new Date('2026-11-23T18:30:00Z')), false);
  });
});

describe('core/pairingClock', () => {
  it('formats the elapsed time, whole minutes between times, and the local clock time', () => {
    assert.equal(formatElapsed(0), '0:00');
    assert.equal(formatElapsed(12 * 60_000 + 5_000), '12:05');
    assert.equal(formatElapsed(3_725_000), '1:02:05');
    assert.equal(formatElapsed(-5), '0:00');
    assert.equal(minutesBetween(new Date('2026-11-23T16:00:00Z'), new Date('2026-11-23T17:05:29Z')), 65);
    assert.equal(clockTime(new Date(2026, 10, 23, 9, 7)), '09:07');
  });

  it('says when the planned length is reached, never for an unplanned session', () => {
    assert.equal(plannedLengthReached(75 * 60_000 - 1, 75), false);
    assert.equal(plannedLengthReached(75 * 60_000, 75), true);
    assert.equal(plannedLengthReached(10 * 3_600_000, 0), false);
  });
});
