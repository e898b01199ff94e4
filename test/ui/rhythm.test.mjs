// UI tests: the rhythm of a mentorship and the champion's Program view, as a user sees them.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSampleNotesRepo } from '../../scripts/sampleData.mjs';
import { ROOT } from '../../scripts/codeServer.mjs';
import { answer, eventually as eventuallyWithin, openWorkbench, runCommand, showMentorship, treeRows } from './workbench.mjs';

// Waits longer than the shared default: the rhythm flows pass through notifications and webviews.
const eventually = (what, probe, timeoutMs = 30_000) => eventuallyWithin(what, probe, timeoutMs);

function programRepo(root) {
  mkdirSync(join(root, 'summaries'), { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch', 'main', root]);
  const people = [
    ['Sam Rivera', 'Alex Chen', { sessions_held: 4, days_since_last_sync: 12, next_sync: '2026-12-08', rating_trend: 'rising', ratings: { 1: 0, 2: 0, 3: 1, 4: 2, 5: 1 } }],
    ['Priya Nair', 'Alex Chen', { sessions_held: 2, days_since_last_sync: 35, next_sync: null, rating_trend: 'falling', ratings: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 } }],
    ['Tomás Ruiz', 'Jo Park', { sessions_held: 6, days_since_last_sync: 6, next_sync: '2026-12-03', rating_trend: null, ratings: null }],
  ];
  for (const [mentee, mentor, over] of people) {
    const summary = {
      format: 1, mentee, mentor, status: 'active', cadence: 'every two weeks', published: '2026-11-29', sessions_planned: 6, minutes: 60 * over.sessions_held,
      sessions_per_month: { '2026-09': 1, '2026-10': 2, '2026-11': over.sessions_held - 3 > 0 ? over.sessions_held - 3 : 1 }, open_action_items: 2, blockers: 1,
      ...over,
    };
    const ordered = Object.fromEntries(['format', 'mentee', 'mentor', 'status', 'cadence', 'published', 'sessions_held', 'sessions_planned', 'minutes', 'days_since_last_sync', 'next_sync', 'sessions_per_month', 'open_action_items', 'blockers', 'rating_trend', 'ratings'].map((k) => [k, summary[k]]));
    writeFileSync(join(root, 'summaries', `${mentee.split(' ')[0].toLowerCase()}.json`), JSON.stringify(ordered, null, 2));
  }
  writeFileSync(join(root, 'summaries', 'broken.json'), '{ "format": 1, "mentee": "x", "notes": "hand-written" }');
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=Casey', '-c', 'user.email=casey@example.com', 'commit', '--quiet', '-m', 'Seed'], { cwd: root });
}

/** Two days from now at 14:00, as typed into "Schedule Next Sync…". */
function inTwoDays() {
  const d = new Date(Date.now() + 2 * 86_400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return { typed: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} 14:00`, weekday: d.toLocaleDateString('en-GB', { weekday: 'short' }) };
}

describe('The rhythm and the program in the real workbench', function () {
  let wb;
  let notes;
  let program;
  before(async function () {
    wb = await openWorkbench({
      name: 'ui-rhythm-',
      prepare: (runDir) => {
        notes = join(runDir, 'notes', 'sample');
        makeSampleNotesRepo(notes);
        program = join(runDir, 'program');
        programRepo(program);
        // A reminder window of two weeks: the reminder is due as soon as the sync is scheduled.
        return { 'mentorship.notesRepo.path': notes, 'mentorship.program.repoPath': program, 'mentorship.schedule.reminderHours': 336 };
      },
    });
  });
  after(async () => wb?.close());

  it('schedules the next sync from the palette, shows it atop Next Sync, and the reminder’s Flag Code flags the code', async function () {
    await showMentorship(wb.page);
    // The command is in the palette once the notes repo has loaded.
    await eventually('the agreement row', async () => (await treeRows(wb.page, 'Next Sync')).some((r) => r.startsWith('Session ')));
    const { typed, weekday } = inTwoDays();
    await runCommand(wb.page, 'Mentorship: Schedule Next Sync…');
    await answer(wb.page, typed, { expectPrompt: 'Date and time in your time zone' });
    await eventually('next-sync.md', () => existsSync(join(notes, 'next-sync.md')));
    const rows = await eventually('the date row', async () => {
      const shown = await treeRows(wb.page, 'Next Sync');
      return shown[0]?.startsWith(weekday) ? shown : undefined;
    });
    assert.match(rows[0], /^\w{3} \d{1,2} \w{3}, 14:00 · \d+ items? · in 2 days$/);
    if (process.env.MENTORSHIP_SCREENSHOTS) {
      mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
      await wb.page.locator('.part.sidebar').screenshot({ path: join(ROOT, 'docs', 'screenshots', 'next-sync-date.png') });
    }

    // The reminder to prepare, with its actions; Flag Code flags the open editor's line.
    await runCommand(wb.page, 'Go to File...');
    await wb.page.locator('.quick-input-widget input').fill('cart.ts');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'cart.ts' }).first().waitFor({ timeout: 20_000 });
    await wb.page.locator('.quick-input-widget input').press('Enter');
    await wb.page.locator('.tabs-container .tab', { hasText: 'cart.ts' }).first().waitFor({ timeout: 20_000 });
    // The toast may have hidden itself by now: the notification center keeps it.
    await runCommand(wb.page, 'Notifications: Show Notifications');
    const toast = wb.page.locator('.notifications-center .notification-list-item', { hasText: 'next sync' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /Sam Rivera ↔ Alex Chen: next sync .* on the agenda, \d+ follow-ups? open\./);
    const before = readdirSync(join(notes, 'agenda')).length;
    await toast.getByRole('button', { name: 'Flag Code' }).click();
    await answer(wb.page, 'Bring this to the sync?', { expectPrompt: 'What do you need help with' });
    await answer(wb.page, '', { expectPrompt: 'Choose tags' }); // no tags
    await eventually('a new agenda file', () => readdirSync(join(notes, 'agenda')).length > before);
  });

  it('shows the Program view with flags and untrusted files, and the program charts', async function () {
    await showMentorship(wb.page);
    const rows = await eventually('the Program rows', async () => {
      const shown = await treeRows(wb.page, 'Program');
      return shown.some((r) => r.includes('Priya Nair')) ? shown : undefined;
    });
    assert.ok(rows.some((r) => /Priya Nair ↔ Alex Chen.*slipped cadence, falling ratings/.test(r)), rows.join(' | '));
    assert.ok(rows.some((r) => /Needs attention.*1 file not trusted/.test(r)), rows.join(' | '));
    await runCommand(wb.page, 'Mentorship: Open Program Charts');
    // Webviews are nested iframes: find the one showing the charts.
    const frame = await eventually('the charts page', async () => {
      for (const f of wb.page.frames()) if (await f.$('section#states svg').catch(() => null)) return f;
      return undefined;
    });
    assert.deepEqual(await frame.$$eval('#sessions g.bar', (bars) => bars.map((b) => [b.getAttribute('data-label'), b.getAttribute('data-value')])), [['2026-09', '3'], ['2026-10', '6'], ['2026-11', '5']]);
    assert.equal(await frame.$$eval('script', (s) => s.length), 0);
    if (process.env.MENTORSHIP_SCREENSHOTS) await wb.page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'program.png') });
  });
});
