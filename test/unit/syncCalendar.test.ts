import { strict as assert } from 'node:assert';
import ICAL from 'ical.js';
import type { Agreement } from '../../src/core/agreement';
import { syncCalendarEvent } from '../../src/core/calendarEvent';
import { renderSyncCalendar } from '../../src/schedule/calendarFile';

const agreement: Agreement = {
  mentee: { name: 'Sam Rivera', email: 'sam@example.com' },
  mentor: { name: 'Alex Chen', email: 'alex@example.com' },
  purpose: 'Secret purpose nobody else reads',
  sessionsPlanned: 5,
  minutesPerSession: 75,
  cadence: 'every two weeks',
  started: '2026-11-02',
  status: 'active',
  text: '',
};
const sync = { start: '2026-12-08T13:00:00.000Z', minutes: 75, scheduledBy: 'sam@example.com' };

/** Parsed with ical.js, a parser independent of the generator. */
function parse(ics: string): ICAL.Event {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  assert.ok(vevent, 'one event');
  return new ICAL.Event(vevent);
}

describe('core/calendarEvent + schedule/calendarFile', () => {
  it('writes the date, length, the other person and the agenda titles, and an independent parser reads them back', () => {
    const titles = ['Why is `total` recomputed on every render?\n```ts\nconst secretCode = 1;\n```', 'Coupon maths?'];
    const event = parse(renderSyncCalendar(syncCalendarEvent(agreement, 'mentee', sync, titles, Date.parse('2026-11-29T10:00:00Z'))));
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-12-08T13:00:00.000Z');
    assert.equal(event.endDate.toJSDate().toISOString(), '2026-12-08T14:15:00.000Z');
    assert.equal(event.summary, 'Mentorship sync: Sam Rivera ↔ Alex Chen');
    assert.equal(event.description, 'Agenda:\n- Why is … recomputed on every render?\n- Coupon maths?');
    assert.deepEqual(event.attendees.map((a) => [a.getParameter('cn'), String(a.getFirstValue()).toLowerCase()]), [['Alex Chen', 'mailto:alex@example.com']]);
    assert.equal(event.uid, 'sam-example-com-alex-example-com-2026-11-02@mentorship');
    assert.doesNotMatch(renderSyncCalendar(syncCalendarEvent(agreement, 'mentee', sync, titles, 0)), /secretCode|Secret purpose/);
  });

  it('names the mentee for the mentor, keeps the uid when the sync moves and raises the sequence', () => {
    const first = parse(renderSyncCalendar(syncCalendarEvent(agreement, 'mentor', sync, [], Date.parse('2026-11-29T10:00:00Z'))));
    const moved = parse(renderSyncCalendar(syncCalendarEvent(agreement, 'mentor', { ...sync, start: '2026-12-07T09:00:00.000Z' }, [], Date.parse('2026-11-30T10:00:00Z'))));
    assert.equal(first.attendees[0]?.getParameter('cn'), 'Sam Rivera');
    assert.equal(first.description, 'Agenda: nothing flagged yet.');
    assert.equal(moved.uid, first.uid);
    assert.ok(moved.sequence > first.sequence, `${moved.sequence} > ${first.sequence}`);
    assert.equal(moved.startDate.toJSDate().toISOString(), '2026-12-07T09:00:00.000Z');
  });
});
