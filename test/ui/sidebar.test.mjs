// UI tests: the user's first minutes with Mentorship, in the real workbench.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSampleNotesRepo } from '../../scripts/sampleData.mjs';
import { answer, dialogTexts, eventually, notificationTexts, openWorkbench, runCommand, screenshot, showMentorship, treeRows } from './workbench.mjs';

describe('Mentorship sidebar in the real workbench', function () {
  describe('on a fresh machine', function () {
    let wb;
    let notes;
    before(async function () {
      // The default notes repo goes into this run's folder (outside the workspace).
      wb = await openWorkbench({
        name: 'ui-fresh-',
        prepare: (runDir) => {
          notes = join(runDir, 'notes', 'default');
          return { 'mentorship.notesRepo.path': notes };
        },
      });
    });
    after(async () => wb?.close());

    it('shows the Mentorship container with Next Sync, Pairing and Takeaways and a welcome that explains the next step', async function () {
      await showMentorship(wb.page);
      for (const title of ['Next Sync', 'Pairing', 'Takeaways']) {
        assert.ok(await wb.page.locator(`.pane-header:has-text("${title}")`).first().isVisible(), `${title} header is visible`);
      }
      const welcome = wb.page.locator('.welcome-view-content').first();
      await welcome.waitFor();
      assert.match(await welcome.innerText(), /Bring the code you need help with to your next sync/);
      assert.ok(await wb.page.getByRole('button', { name: 'Set Up a Mentorship' }).first().isVisible());
      await screenshot(wb, 'sidebar-welcome.png', 'welcome.png');
    });

    it('sets up a mentorship through the multi-step quick pick: mentorship.md on disk, one commit, the view shows the agreement', async function () {
      await wb.page.getByRole('button', { name: 'Set Up a Mentorship' }).first().click();
      await answer(wb.page, 'mentee', { expectPrompt: 'Which side' });
      await answer(wb.page, 'Sam Rivera', { expectPrompt: 'Your name' });
      await answer(wb.page, 'sam@example.com', { expectPrompt: 'Your email' });
      await answer(wb.page, 'Alex Chen', { expectPrompt: "Your mentor's name" });
      // Back keeps what was typed: on the email step (half typed), go back, then forward again.
      await eventually('the email step', () => wb.page.evaluate(() => document.querySelector('.quick-input-widget')?.textContent?.includes("Your mentor's email")));
      await wb.page.locator('.quick-input-widget input').fill('alex@exa');
      await wb.page.locator('.quick-input-widget .codicon-quick-input-back, .quick-input-widget .codicon-arrow-left, .quick-input-widget [aria-label="Back"]').first().click();
      await eventually('the name step again', () => wb.page.evaluate(() => document.querySelector('.quick-input-widget')?.textContent?.includes("Your mentor's name")));
      assert.equal(await wb.page.locator('.quick-input-widget input').inputValue(), 'Alex Chen');
      await wb.page.keyboard.press('Enter');
      await eventually('the email step again', () => wb.page.evaluate(() => document.querySelector('.quick-input-widget')?.textContent?.includes("Your mentor's email")));
      assert.equal(await wb.page.locator('.quick-input-widget input').inputValue(), 'alex@exa');
      await answer(wb.page, 'alex@example.com', { expectPrompt: "Your mentor's email" });
      await answer(wb.page, 'Review React code with confidence', { expectPrompt: 'Purpose' });
      await answer(wb.page, '6', { expectPrompt: 'How many sessions' });
      await answer(wb.page, '60', { expectPrompt: 'Minutes per session' });
      await answer(wb.page, 'weekly', { expectPrompt: 'How often' });
      const file = join(notes, 'mentorship.md');
      const text = await eventually('mentorship.md', () => {
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return undefined;
        }
      });
      assert.match(text, /mentee:\n {2}name: Sam Rivera\n {2}email: sam@example.com/);
      assert.match(text, /mentor:\n {2}name: Alex Chen\n {2}email: alex@example.com/);
      assert.match(text, /purpose: Review React code with confidence\nsessions_planned: 6\nminutes_per_session: 60\ncadence: weekly/);
      const log = await eventually('the commit', () => {
        try {
          return execFileSync('git', ['log', '--format=%s'], { cwd: notes, encoding: 'utf8' }).trim();
        } catch {
          return undefined;
        }
      });
      assert.equal(log, 'Set up mentorship: Sam Rivera ↔ Alex Chen');
      const rows = await eventually('the agreement row', async () => {
        const shown = await treeRows(wb.page, 'Next Sync');
        return shown.some((r) => r.includes('Session 1 of 6')) ? shown : undefined;
      });
      assert.ok(rows.some((r) => r.includes('Nothing on the agenda yet')), rows.join(' | '));
      // The agreement opens afterwards, to be read together.
      await wb.page.locator('.tabs-container .tab', { hasText: 'mentorship.md' }).first().waitFor({ timeout: 15_000 });
    });
  });

  describe('with the sample notes repo', function () {
    let wb;
    before(async function () {
      wb = await openWorkbench({
        name: 'ui-sample-',
        prepare: (runDir) => ({ 'mentorship.notesRepo.path': makeSampleNotesRepo(join(runDir, 'sample-notes')) }),
      });
    });
    after(async () => wb?.close());

    it('lists the agreement progress and open agenda items in Next Sync, and past sessions with ratings in Takeaways', async function () {
      await showMentorship(wb.page);
      const agenda = await eventually('agenda rows', async () => {
        const shown = await treeRows(wb.page, 'Next Sync');
        // Statuses fill in after the first render ("locating…" until then).
        return shown.length >= 4 && !shown.some((r) => r.includes('locating…')) ? shown : undefined;
      });
      assert.ok(agenda[0].includes('Session 3 of 5'), agenda.join(' | '));
      assert.ok(agenda.some((r) => r.includes('Why does this effect run after every render?') && r.includes('src/useCartTotals.tsx:12 · unchanged')), agenda.join(' | '));
      assert.ok(agenda.some((r) => r.includes('Is mutating the existing line here the bug') && r.includes('src/cart.ts:15 · unchanged')), agenda.join(' | '));
      const sessions = await eventually('session rows', async () => {
        const shown = await treeRows(wb.page, 'Takeaways');
        return shown.length >= 2 ? shown : undefined;
      });
      assert.ok(sessions[0].includes('Session 2: immutable updates') && sessions[0].includes('rated 5/5'), sessions.join(' | '));
      assert.ok(sessions[1].includes('Session 1: getting to know the cart') && sessions[1].includes('rated 4/5'), sessions.join(' | '));
      await screenshot(wb, 'sidebar-sample.png', 'sidebar.png');
      await screenshot(wb, 'sidebar-takeaways.png', 'takeaways.png');
    });

    it('opens an agenda item at its code, with a gutter marker on the flagged lines', async function () {
      await showMentorship(wb.page);
      await wb.page.locator('.monaco-list-row', { hasText: 'Why does this effect run after every render?' }).first().click();
      await wb.page.locator('.tabs-container .tab', { hasText: 'useCartTotals.tsx' }).first().waitFor({ timeout: 15_000 });
      // The flag icon is drawn as a gutter decoration with our SVG as its background.
      const markers = await eventually('gutter markers', async () => {
        const count = await wb.page.locator('.glyph-margin-widgets .cgmr').count();
        return count >= 4 ? count : undefined;
      });
      assert.ok(markers >= 4, `expected a marker on each of the 4 flagged lines, saw ${markers}`);
      await screenshot(wb, 'agenda-item-open.png', 'flag.png');
    });

    it('with no pairing backend installed, the Pairing view offers both, and Start Pairing asks: a meeting link, or install one', async function () {
      await showMentorship(wb.page);
      const rows = await eventually('pairing rows', async () => {
        const shown = await treeRows(wb.page, 'Pairing');
        return shown.some((r) => r.startsWith('Install Open Collaboration Tools')) ? shown : undefined;
      });
      assert.ok(rows.some((r) => r.includes('not pairing · 75 min planned · over a link')), rows.join(' | '));
      assert.ok(rows.some((r) => r.startsWith('Install Live Share…')), rows.join(' | '));
      // The rest keeps working.
      const agenda = await treeRows(wb.page, 'Next Sync');
      assert.ok(agenda[0].includes('Session 3 of 5'), agenda.join(' | '));
      await wb.page.locator('.monaco-list-row', { hasText: 'Start Pairing with' }).first().click();
      const pick = wb.page.locator('.quick-input-widget');
      await pick.locator('text=Neither Live Share nor Open Collaboration Tools is installed').first().waitFor({ timeout: 15_000 });
      const items = await pick.locator('.monaco-list-row').evaluateAll((r) => r.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
      assert.ok(items[0]?.startsWith('Post a Meeting Link…'), items.join(' | '));
      assert.ok(items.some((i) => i.startsWith('Install Live Share')) && items.some((i) => i.startsWith('Install Open Collaboration Tools')), items.join(' | '));
      await wb.page.screenshot({ path: join(wb.runDir, 'pairing-no-backend.png') });
      // "Install Live Share" shows it in the Extensions view; nothing is installed behind the user's back.
      await pick.locator('.monaco-list-row', { hasText: 'Install Live Share' }).first().click();
      await eventually('the Extensions view searching for Live Share', async () => {
        const text = await wb.page.locator('.extensions-viewlet .suggest-input-container, .extensions-viewlet .monaco-editor .view-lines').first().innerText().catch(() => '');
        return text.includes('ms-vsliveshare.vsliveshare');
      });
      // The search settles (results, or the gallery's error offline) before the next test: a view
      // that opens late takes the keyboard focus from whatever the next test types into.
      await wb.page.locator('.extensions-viewlet .message-container:visible, .extensions-viewlet .monaco-list-row').first().waitFor({ timeout: 60_000 });
      assert.equal(await wb.page.locator('.notification-list-item', { hasText: 'Pairing started' }).count(), 0, 'nothing started');
    });

    it('a command that fails from the Command Palette shows its one message, and nothing says Canceled', async function () {
      await showMentorship(wb.page);
      await runCommand(wb.page, 'Notifications: Clear All Notifications');
      // A Live Share link joins over Live Share, which this window does not have: the command fails.
      await runCommand(wb.page, 'Mentorship: Join Pairing from Link…');
      await answer(wb.page, 'https://prod.liveshare.vsengsaas.visualstudio.com/join?4C5D6E7F8A9B', { expectPrompt: 'Paste the link' });
      // The box closes once the extension host has validated the link: opening the palette before
      // that (to read the notifications) would cancel the box, and nothing would run.
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 20_000 });
      const expected = 'This session runs on Live Share, which is not installed here';
      const notices = await eventually('the message', async () => {
        // A modal "Command … resulted in an error" would hold the keyboard: fail on it at once.
        const modal = await dialogTexts(wb.page);
        assert.deepEqual(modal, [], `no "Command resulted in an error" dialog: ${modal.join(' | ')}`);
        const shown = await notificationTexts(wb.page);
        return shown.some((n) => n.includes(expected)) ? shown : undefined;
      });
      // A second report, if any, arrives with the first: give it the time to.
      await wb.page.waitForTimeout(1_500);
      const dialogs = await dialogTexts(wb.page);
      assert.deepEqual(dialogs, [], `no "Command resulted in an error" dialog: ${dialogs.join(' | ')}`);
      const now = await notificationTexts(wb.page);
      assert.equal(now.filter((n) => n.includes(expected)).length, 1, now.join(' | '));
      assert.ok(![...notices, ...now].some((n) => /Canceled|resulted in an error/i.test(n)), now.join(' | '));
      await wb.page.keyboard.press('Escape');
    });

    it('opens the agreement from the Command Palette', async function () {
      await runCommand(wb.page, 'Mentorship: Open Agreement');
      const tab = wb.page.locator('.tabs-container .tab', { hasText: 'mentorship.md' }).first();
      await tab.waitFor({ timeout: 30_000 });
      // Monaco renders spaces as no-break spaces.
      const editorText = (await wb.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
      assert.match(editorText, /sessions_planned: 5/);
    });
  });
});

