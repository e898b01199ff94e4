import { strict as assert } from 'node:assert';
import type { Agreement } from '../../src/core/agreement';
import { dueNudges, hasSlipped, nextNudgeAt, reminderDueAt, type RhythmFacts } from '../../src/core/rhythm';

const agreement: Agreement = {
  mentee: { name: 'Sam Rivera', email: 'sam@example.com' },
  mentor: { name: 'Alex Chen', email: 'alex@example.com' },
  purpose: '',
  sessionsPlanned: 5,
  minutesPerSession: 75,
  cadence: 'every two weeks',
  started: '2026-11-02',
  status: 'active',
  text: '',
};
const at = (y: number, m: number, d: number, h = 0): number => new Date(y, m - 1, d, h).getTime();
const scheduled = { start: new Date(at(2026, 12, 8, 14)).toISOString(), minutes: 75, scheduledBy: 'sam@example.com' };
const facts = (over: Partial<RhythmFacts> = {}): RhythmFacts => ({ label: 'Sam Rivera ↔ Alex Chen', agreement, role: 'mentee', sessionsHeld: 2, lastSessionDate: '2026-11-24', scheduled, agendaItems: 3, followUpsOpen: 2, ...over });

describe('core/rhythm', () => {
  it('reminds to prepare once the reminder time has come, until the sync starts', () => {
    assert.equal(reminderDueAt(scheduled, 24), at(2026, 12, 7, 14));
    assert.deepEqual(dueNudges(facts(), at(2026, 12, 7, 13), 24), []);
    assert.deepEqual(dueNudges(facts(), at(2026, 12, 7, 14), 24), [
      { kind: 'prepare', key: `prepare:${scheduled.start}`, message: 'Sam Rivera ↔ Alex Chen: next sync Tue 8 Dec, 14:00 — 3 items on the agenda, 2 follow-ups open.' },
    ]);
    assert.deepEqual(dueNudges(facts(), at(2026, 12, 8, 14), 24), [], 'not once it has started');
    // The mentor is reminded too: both prepare.
    assert.equal(dueNudges(facts({ role: 'mentor', agendaItems: 1, followUpsOpen: 1 }), at(2026, 12, 8, 9), 24)[0]?.message, 'Sam Rivera ↔ Alex Chen: next sync Tue 8 Dec, 14:00 — 1 item on the agenda, 1 follow-up open.');
  });

  it('nudges the mentee when no session and no scheduled sync came for twice the cadence', () => {
    const quiet = facts({ scheduled: undefined, lastSessionDate: '2026-11-01' });
    assert.equal(hasSlipped(quiet, at(2026, 11, 28, 12)), false, '27 days');
    assert.equal(hasSlipped(quiet, at(2026, 11, 29, 12)), true, '28 days');
    assert.deepEqual(dueNudges(quiet, at(2026, 11, 29, 12), 24), [
      { kind: 'slipped', key: 'slipped:2026-11-01', message: 'Sam Rivera ↔ Alex Chen: no sync for 28 days and none scheduled (you agreed to meet every two weeks).' },
    ]);
    assert.deepEqual(dueNudges({ ...quiet, role: 'mentor' }, at(2026, 11, 29, 12), 24), [], 'the mentee owns the rhythm');
    assert.equal(hasSlipped({ ...quiet, scheduled }, at(2026, 11, 29, 12)), false, 'a sync is scheduled');
    assert.equal(hasSlipped({ ...quiet, agreement: { ...agreement, cadence: 'as needed' } }, at(2027, 6, 1)), false);
    assert.equal(hasSlipped({ ...quiet, agreement: { ...agreement, status: 'closed' } }, at(2027, 6, 1)), false);
  });

  it('nudges when the planned sessions are used up, and arms for the next moment a nudge can come', () => {
    const usedUp = dueNudges(facts({ sessionsHeld: 5, scheduled: undefined }), at(2026, 11, 29), 24);
    assert.deepEqual(usedUp.map((n) => [n.kind, n.key]), [['used-up', 'used-up:5']]);
    assert.match(usedUp[0]?.message ?? '', /all 5 planned sessions are held/);
    assert.equal(nextNudgeAt(facts(), at(2026, 11, 29), 24), at(2026, 12, 7, 14));
    assert.equal(nextNudgeAt(facts(), at(2026, 12, 7, 15), 24), at(2026, 12, 8, 15, ) + 15 * 60_000);
  });
});
