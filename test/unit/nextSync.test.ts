import { strict as assert } from 'node:assert';
import {
  describeNextSync,
  formatSyncInput,
  isUpcoming,
  parseScheduledSync,
  parseSyncInput,
  proposeNextSync,
  relativeDay,
  renderScheduledSync,
  shortSyncDay,
} from '../../src/core/nextSync';

// Local dates throughout: the rhythm is read in the user's own time zone.
const at = (y: number, m: number, d: number, h = 0, min = 0): Date => new Date(y, m - 1, d, h, min);

describe('core/nextSync', () => {
  it('round-trips next-sync.md and refuses a start or length that is not one', () => {
    const sync = { start: '2026-12-08T13:00:00.000Z', minutes: 75, scheduledBy: 'sam@example.com' };
    const text = renderScheduledSync(sync);
    assert.match(text, /^---\nstart: '?2026-12-08T13:00:00.000Z'?\nminutes: 75\nscheduled_by: sam@example.com\n---\n/);
    assert.deepEqual(parseScheduledSync(text), { ok: true, sync });
    // YAML reads an unquoted timestamp as a date: still the same instant.
    assert.deepEqual(parseScheduledSync('---\nstart: 2026-12-08T13:00:00Z\nminutes: 30\n---\n'), { ok: true, sync: { start: '2026-12-08T13:00:00.000Z', minutes: 30, scheduledBy: '' } });
    const badStart = parseScheduledSync('---\nminutes: 30\nstart: next tuesday\n---\n');
    assert.deepEqual(badStart, { ok: false, problem: { reason: '"start" must be a date and time like 2026-12-08T13:00:00Z', line: 3 } });
    const badMinutes = parseScheduledSync('---\nstart: 2026-12-08T13:00:00Z\nminutes: -5\n---\n');
    assert.equal(badMinutes.ok, false);
    assert.equal(parseScheduledSync('no front matter').ok, false);
  });

  it('proposes the last session plus the cadence at its time, never earlier than tomorrow', () => {
    const now = at(2026, 11, 29, 10);
    const twoWeeks = proposeNextSync({ cadence: 'every two weeks', started: '2026-11-02', lastSession: { date: '2026-11-24', start: '16:30' } }, now);
    assert.equal(formatSyncInput(twoWeeks), '2026-12-08 16:30');
    const weeklyFromStart = proposeNextSync({ cadence: 'weekly', started: '2026-11-25' }, now);
    assert.equal(formatSyncInput(weeklyFromStart), '2026-12-02 14:00');
    // Slipped: the last session was long ago; the proposal keeps its weekday, after today.
    const slipped = proposeNextSync({ cadence: 'every two weeks', started: '2026-09-01', lastSession: { date: '2026-10-01', start: '09:00' } }, now);
    assert.equal(formatSyncInput(slipped), '2026-12-03 09:00');
    assert.equal(slipped.getDay(), at(2026, 10, 15).getDay());
    const monthly = proposeNextSync({ cadence: 'monthly', started: '2026-11-20' }, now);
    assert.equal(formatSyncInput(monthly), '2026-12-20 14:00');
  });

  it('reads a typed date and time, refusing impossible dates and the past', () => {
    const now = at(2026, 11, 29, 10);
    const ok = parseSyncInput(' 2026-12-08 14:00 ', now);
    assert.ok(ok.ok);
    if (ok.ok) assert.equal(ok.date.getTime(), at(2026, 12, 8, 14).getTime());
    assert.deepEqual(parseSyncInput('2026-02-30 10:00', now), { ok: false, reason: '2026-02-30 is not a date.' });
    assert.deepEqual(parseSyncInput('2026-11-28 10:00', now), { ok: false, reason: 'The next sync must be in the future.' });
    assert.deepEqual(parseSyncInput('tomorrow', now), { ok: false, reason: 'Enter a date and time like 2026-12-08 14:00.' });
    assert.equal(parseSyncInput('2026-12-08 25:00', now).ok, false);
  });

  it('describes the next sync as the Next Sync view shows it', () => {
    const start = at(2026, 12, 8, 14);
    const sync = { start: start.toISOString(), minutes: 75, scheduledBy: '' };
    assert.equal(describeNextSync(sync, 3, at(2026, 12, 6, 9)), 'Tue 8 Dec, 14:00 · 3 items · in 2 days');
    assert.equal(describeNextSync(sync, 1, at(2026, 12, 8, 9)), 'Tue 8 Dec, 14:00 · 1 item · today');
    assert.equal(relativeDay(start, at(2026, 12, 7, 23)), 'tomorrow');
    assert.equal(relativeDay(start, at(2026, 12, 11)), '3 days ago');
    assert.equal(shortSyncDay(start, at(2026, 12, 6)), 'Tue');
    assert.equal(shortSyncDay(start, at(2026, 11, 20)), '8 Dec');
    // Upcoming until it has ended.
    assert.equal(isUpcoming(sync, at(2026, 12, 8, 15).getTime()), true);
    assert.equal(isUpcoming(sync, at(2026, 12, 8, 15, 16).getTime()), false);
  });
});
