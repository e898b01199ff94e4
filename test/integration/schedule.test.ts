import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ICAL from 'ical.js';
import * as vscode from 'vscode';
import { isInsideFolder } from '../../src/core/notesLocation';
import { commitSubjects, git } from '../support/git';
import { SAM_AND_ALEX, eventually, freshNotesLocation, menteeAndMentorClones, mentorshipApi, shownError, visibleRows } from './harness';

/** Local time, as the user types and reads it. */
const local = (y: number, m: number, d: number, h = 0, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

async function flagCartLines(question: string, relationshipRoot?: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path.join(folder, 'src/cart.ts')));
  editor.selection = new vscode.Selection(14, 0, 16, 0);
  await vscode.commands.executeCommand('mentorship.flagForNextSync', { question, tags: [], relationshipRoot });
}

describe('The rhythm of a mentorship in a real VS Code', () => {
  afterEach(async () => (await mentorshipApi()).schedule.clock.reset());

  it('Schedule Next Sync proposes from the cadence, writes next-sync.md in one commit, heads Next Sync, and the mentor sees it after a sync', async () => {
    const api = await mentorshipApi();
    const { mentee, mentor } = await menteeAndMentorClones();
    api.schedule.clock.set(local(2026, 12, 6, 9));
    await flagCartLines('Why is the total recomputed?', mentee);
    const sync = await vscode.commands.executeCommand<{ start: string; minutes: number }>('mentorship.scheduleNextSync', mentee, { when: '2026-12-08 14:00' });
    assert.equal(sync?.start, new Date(local(2026, 12, 8, 14)).toISOString());
    const text = readFileSync(path.join(mentee, 'next-sync.md'), 'utf8');
    assert.match(text, new RegExp(`^---\\nstart: '?${sync.start.replace(/\./g, '\\.')}'?\\nminutes: 75\\nscheduled_by: sam@example.com\\n---\\n`));
    assert.equal(commitSubjects(mentee)[0], 'Schedule next sync: 2026-12-08 14:00');
    assert.equal(git(mentee, 'status', '--porcelain'), '');

    const top = (await api.trees.nextSync.getChildren()) ?? [];
    const menteeRows = await visibleRows(api.trees.nextSync, top.find((n) => n.id === `relationship:${mentee}`));
    assert.equal(menteeRows[0], 'Tue 8 Dec, 14:00 · 1 item · in 2 days');
    assert.equal(menteeRows[1], 'Session 1 of 5 — 75 min · every two weeks');

    // The mentor's clone has it after a sync: the mentee's repo pushes, the mentor's pulls.
    await vscode.commands.executeCommand('mentorship.syncNow');
    assert.equal(commitSubjects(mentee, 'origin/main')[0], 'Schedule next sync: 2026-12-08 14:00');
    const mentorRows = await eventually('the date on the mentor side', async () => {
      const rows = await visibleRows(api.trees.nextSync, top.find((n) => n.id === `relationship:${mentor}`));
      return rows[0]?.startsWith('Tue 8 Dec') ? rows : undefined;
    });
    assert.equal(mentorRows[0], 'Tue 8 Dec, 14:00 · 1 item · in 2 days');

    // A date in the past or no date at all is refused with the reason; nothing is committed.
    await shownError(vscode.commands.executeCommand('mentorship.scheduleNextSync', mentee, { when: '2026-12-01 10:00' }), /must be in the future/);
    await shownError(vscode.commands.executeCommand('mentorship.scheduleNextSync', mentee, { when: 'soon' }), /Enter a date and time like/);
    assert.equal(commitSubjects(mentee)[0], 'Schedule next sync: 2026-12-08 14:00');
  });

  it('reminds a day before with a controllable clock (once), shows the day in the status bar, and its actions work', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    api.schedule.clock.set(local(2026, 12, 6, 9));
    await flagCartLines('Coupon maths?');
    await vscode.commands.executeCommand('mentorship.scheduleNextSync', notes, { when: '2026-12-08 14:00' });
    await api.schedule.reminders.check();
    const mine = (): string[] => api.schedule.reminders.shown.filter((s) => s.root === notes && s.nudge.kind === 'prepare').map((s) => s.nudge.message);
    assert.deepEqual(mine(), [], 'two days before: no reminder yet');
    assert.equal(api.schedule.reminders.statusText, undefined, 'no status bar item before the day');

    // 24 h before (the default) is 300 ms away on the moved clock: the armed timer fires it.
    api.schedule.clock.set(local(2026, 12, 7, 14) - 300);
    const shown = await eventually('the reminder', () => (mine().length > 0 ? mine() : undefined), 5_000);
    assert.deepEqual(shown, ['Sam Rivera ↔ Alex Chen: next sync Tue 8 Dec, 14:00 — 1 item on the agenda, 0 follow-ups open.']);
    await api.schedule.reminders.check();
    assert.equal(mine().length, 1, 'shown once');

    api.schedule.clock.set(local(2026, 12, 8, 9));
    await api.schedule.reminders.check();
    assert.equal(api.schedule.reminders.statusText, '$(calendar) Sync 14:00 · 1 item · today');

    const reminder = api.schedule.reminders.shown.find((s) => s.root === notes && s.nudge.kind === 'prepare');
    assert.ok(reminder);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await api.schedule.reminders.act(reminder, 'Open Next Sync');
    await eventually('Next Sync visible', () => api.nextSyncView.visible);

    api.schedule.clock.set(local(2026, 12, 8, 15, 30));
    await api.schedule.reminders.check();
    assert.equal(api.schedule.reminders.statusText, undefined, 'gone once the sync has ended');
  });

  it('nudges the mentee when the cadence slipped and lists it in Next Sync', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    // The day after the agreement started, whatever today is: the set-up's own check must not
    // already find it slipped (with the real clock it would from 2026-11-30 on).
    api.schedule.clock.set(local(2026, 11, 3, 9));
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    // Started 2026-11-02, every two weeks, no session: 30 days later it has slipped.
    api.schedule.clock.set(local(2026, 12, 2, 9));
    await api.schedule.reminders.check();
    const nudge = api.schedule.reminders.shown.find((s) => s.root === notes && s.nudge.kind === 'slipped');
    assert.equal(nudge?.nudge.message, 'Sam Rivera ↔ Alex Chen: no sync for 30 days and none scheduled (you agreed to meet every two weeks).');
    await vscode.commands.executeCommand('mentorship.refresh');
    const rows = await visibleRows(api.trees.nextSync);
    assert.ok(rows.includes('No sync for 30 days — schedule the next one — the cadence slipped'), rows.join(' | '));
  });

  it('Add to Calendar writes an .ics outside notes and workspace that an independent parser reads, and it moves with the sync', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    api.schedule.clock.set(local(2026, 12, 6, 9));
    await flagCartLines('Why `memo` here?');
    const opened: vscode.Uri[] = [];
    api.schedule.useOpener(async (uri) => {
      opened.push(uri);
      return true;
    });
    await vscode.commands.executeCommand('mentorship.scheduleNextSync', notes, { when: '2026-12-08 14:00' });
    const file = await vscode.commands.executeCommand<string>('mentorship.addToCalendar', notes);
    assert.deepEqual(opened.map((u) => u.fsPath), [file], 'opened with the system handler');
    assert.equal(isInsideFolder(file, notes), false);
    for (const folder of vscode.workspace.workspaceFolders ?? []) assert.equal(isInsideFolder(file, folder.uri.fsPath), false);
    const read = (): ICAL.Event => {
      const vevent = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8'))).getFirstSubcomponent('vevent');
      assert.ok(vevent, 'one event in the calendar file');
      return new ICAL.Event(vevent);
    };
    const event = read();
    assert.equal(event.startDate.toJSDate().getTime(), local(2026, 12, 8, 14));
    assert.equal(event.endDate.toJSDate().getTime(), local(2026, 12, 8, 15, 15));
    assert.equal(event.attendees[0]?.getParameter('cn'), 'Alex Chen');
    assert.equal(event.description, 'Agenda:\n- Why … here?');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /cart|subtotal|items\.reduce/i, 'no code and no file names');

    await vscode.commands.executeCommand('mentorship.scheduleNextSync', notes, { when: '2026-12-09 10:30' });
    const moved = read();
    assert.equal(moved.startDate.toJSDate().getTime(), local(2026, 12, 9, 10, 30));
    assert.equal(moved.uid, event.uid);
    assert.ok(moved.sequence > event.sequence);
  });
});
