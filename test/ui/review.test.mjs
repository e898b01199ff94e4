// UI tests of the review webview: what a user sees in the real workbench, and that hostile
// markdown in a note renders inert.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSampleNotesRepo } from '../../scripts/sampleData.mjs';
import { openWorkbench, runCommand, showMentorship } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOSTILE = 'sessions/2026-11-16-hostile0.md';

async function eventually(what, probe, timeoutMs = 20_000) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeoutMs) {
    last = await probe().catch(() => undefined);
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The review page's frame (webviews are nested iframes), once its timeline is there. */
async function reviewFrame(page) {
  return eventually('the review webview', async () => {
    for (const frame of page.frames()) {
      if (await frame.$('ol#timeline li.entry').catch(() => null)) return frame;
    }
    return undefined;
  }, 30_000);
}

const entryTitles = (frame) => frame.$$eval('ol#timeline li.entry .title', (els) => els.map((e) => e.textContent));

describe('Review webview in the real workbench', function () {
  let wb;
  let notes;
  let dialogs = 0;
  before(async function () {
    wb = await openWorkbench({
      name: 'ui-review-',
      prepare: (runDir) => {
        notes = makeSampleNotesRepo(join(runDir, 'sample-notes'));
        // A note with an XSS corpus, as if the other side had pushed it.
        mkdirSync(join(notes, 'sessions'), { recursive: true });
        copyFileSync(join(ROOT, 'test', 'fixtures', 'hostile', 'xss-session.md'), join(notes, HOSTILE));
        // A note too large to render, and a hand-broken one.
        writeFileSync(join(notes, 'sessions', '2026-11-12-bignote0.md'), `---\ndate: 2026-11-12\nminutes: 5\n---\n\n# A pasted log\n\n${'x <b>not bold</b> '.repeat(14_000)}\n`);
        writeFileSync(join(notes, 'sessions', '2026-11-13-broken00.md'), '---\ndate: 2026-11-13\nrating: 11\n---\n\n# Broken\n');
        execFileSync('git', ['add', HOSTILE, 'sessions/2026-11-12-bignote0.md', 'sessions/2026-11-13-broken00.md'], { cwd: notes });
        execFileSync('git', ['commit', '--quiet', '-m', 'Record takeaways: hostile'], { cwd: notes });
        return { 'mentorship.notesRepo.path': notes };
      },
    });
    wb.page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
  });
  after(async () => wb?.close());

  it('lists sessions, agenda items and updates newest first, with ratings and counts, and a ratings chart', async function () {
    await showMentorship(wb.page);
    await runCommand(wb.page, 'Mentorship: Open Review');
    const frame = await reviewFrame(wb.page);
    const titles = await entryTitles(frame);
    assert.match(titles[0], /coupon/i, 'the newest entry (an agenda item flagged 2026-11-20) comes first');
    assert.ok(titles.includes('Hostile notes'), titles.join(' | '));
    assert.ok(titles.indexOf('Session 2: immutable updates') < titles.indexOf('Session 1: getting to know the cart'), titles.join(' | '));
    const facts = await frame.$$eval('li.entry-session .facts', (els) => els.map((e) => e.textContent));
    assert.ok(facts.some((f) => f.startsWith('75 min · rated 5/5 · ')), facts.join(' | '));
    assert.equal(await frame.$eval('.insight progress', (el) => `${el.value}/${el.max}`), '4/5');
    assert.ok((await frame.$$('.rating-chart circle.point')).length === 3, 'one point per rated session');
    await wb.page.screenshot({ path: join(wb.runDir, 'review.png') });
  });

  it('search narrows the timeline and highlights the matches; filters narrow it too', async function () {
    const frame = await reviewFrame(wb.page);
    const all = (await entryTitles(frame)).length;
    await frame.fill('#search', 'profiler');
    const found = await eventually('search results', async () => {
      const titles = await entryTitles(frame);
      return titles.length < all ? titles : undefined;
    });
    assert.deepEqual(found, ['Session 1: getting to know the cart']);
    const marks = await frame.$$eval('li.entry mark', (els) => els.map((e) => e.textContent.toLowerCase()));
    assert.ok(marks.length > 0 && marks.every((m) => m === 'profiler'), marks.join(','));
    assert.match(await frame.textContent('#count'), /^1 entry matches "profiler"$/);
    await frame.fill('#search', '');
    await frame.selectOption('#rating', '5');
    assert.deepEqual(await entryTitles(frame), ['Session 2: immutable updates']);
    await frame.selectOption('#rating', '0');
    await frame.selectOption('#tag', 'testing');
    const tagged = await entryTitles(frame);
    assert.equal(tagged.length, 1);
    assert.match(tagged[0], /coupon/);
    await frame.selectOption('#tag', '');
    await frame.check('#open-items');
    // Every session has an open action item except none: all three sessions, no agenda items.
    assert.deepEqual(await entryTitles(frame), ['Hostile notes', 'Session 2: immutable updates', 'Session 1: getting to know the cart']);
    await frame.uncheck('#open-items');
    assert.equal((await entryTitles(frame)).length, all);
  });

  it('renders a note full of XSS vectors inert: no script runs, no handler or javascript: URL survives, no remote load', async function () {
    const frame = await reviewFrame(wb.page);
    const entry = frame.locator('li.entry', { hasText: 'Hostile notes' }).first();
    await entry.locator('summary').click();
    await entry.locator('.markdown').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    const report = await frame.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        flag: document.body.getAttribute('data-xss'),
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}@${a.name}`)),
        badLinks: [...document.querySelectorAll('[href],[src],[action],[data]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? el.getAttribute('data') ?? '').filter((v) => /^\s*(javascript|data|vbscript):/i.test(v) || /evil\.example/.test(v)),
        // VS Code injects its own script into the page's head; the body has only ours.
        scripts: [...document.body.querySelectorAll('script')].map((s) => (s.getAttribute('src') ?? 'inline').replace(/^.*\//, '') + (s.nonce ? '+nonce' : '')),
        forbidden: [...document.querySelectorAll('.markdown :is(script,iframe,img,svg,math,object,embed,base,style,form,input,button,meta,link,video,source)')].map((el) => el.tagName),
        styled: document.querySelectorAll('.markdown [style]').length,
        safeLink: document.querySelector('.markdown a[href="https://react.dev/learn"]') !== null,
        agendaLink: document.querySelector('.markdown a[href="mentorship:agenda/k3m9q2xa"]') !== null,
        baseHref: document.baseURI.includes('evil.example'),
      };
    });
    assert.equal(report.flag, null, 'no injected script ran');
    assert.deepEqual(report.handlers, []);
    assert.deepEqual(report.badLinks, []);
    assert.deepEqual(report.scripts, ['inline+nonce'], 'only the page script, with its nonce');
    assert.deepEqual(report.forbidden, []);
    assert.equal(report.styled, 0);
    assert.equal(report.baseHref, false);
    assert.ok(report.safeLink && report.agendaLink, JSON.stringify(report));
    assert.equal(dialogs, 0, 'no alert() ran');
    // The action item text with markup is shown as text.
    assert.equal(await entry.locator('.action-items li span').first().textContent(), 'Mallory: <img src=x onerror=alert(1)>');
  });

  it('shows a note above the size cap as plain text, and lists a broken file under Needs attention instead of rendering it', async function () {
    const frame = await reviewFrame(wb.page);
    const titles = await entryTitles(frame);
    assert.ok(!titles.includes('Broken'), 'the broken file is not in the timeline');
    assert.deepEqual(await frame.$$eval('#problems li', (els) => els.map((e) => e.textContent)), ['sessions/2026-11-13-broken00.md: line 3: "rating" must be a whole number from 1 to 5']);
    assert.equal(await frame.$eval('#problems-section', (el) => el.hidden), false);
    const entry = frame.locator('li.entry', { hasText: 'A pasted log' }).first();
    await entry.locator('summary').click();
    await entry.locator('pre.plain-text').waitFor();
    assert.match(await entry.locator('.plain-note').textContent(), /too large to render: shown as plain text/);
    assert.equal(await entry.locator('.markdown b').count(), 0, 'not rendered as HTML');
    assert.ok((await entry.locator('pre.plain-text').textContent()).includes('x <b>not bold</b> x'));
    await entry.locator('summary').click();
  });

  it('an agenda link in a takeaway opens the code', async function () {
    const frame = await reviewFrame(wb.page);
    const entry = frame.locator('li.entry', { hasText: 'Hostile notes' }).first();
    await entry.locator('.markdown a[href="mentorship:agenda/k3m9q2xa"]').click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'useCartTotals.tsx' }).first().waitFor({ timeout: 15_000 });
  });

  it('checking an action item updates the session file and commits', async function () {
    await runCommand(wb.page, 'Mentorship: Open Review');
    const frame = await reviewFrame(wb.page);
    const entry = frame.locator('li.entry', { hasText: 'Session 1: getting to know the cart' }).first();
    await entry.locator('summary').click();
    const box = entry.locator('.action-items label', { hasText: 'You might not need an effect' }).locator('input');
    await box.check();
    const file = join(notes, 'sessions', '2026-10-19-a4f8k2m1.md');
    await eventually('the checked line in the file', async () => readFileSync(file, 'utf8').includes('- [x] Sam: read "You might not need an effect"'));
    // The file is written before its commit is made: wait for the commit too.
    const subject = await eventually('the commit', async () => {
      const last = execFileSync('git', ['log', '-1', '--format=%s'], { cwd: notes, encoding: 'utf8' }).trim();
      return last.startsWith('Done:') ? last : undefined;
    });
    assert.equal(subject, 'Done: Sam: read "You might not need an effect"');
    // Still open after the page rendered the new state.
    await eventually('the entry re-rendered open and checked', async () => (await entry.locator('.action-items label', { hasText: 'You might not need an effect' }).locator('input').isChecked()) && (await entry.locator('details').getAttribute('open')) !== null);
    await wb.page.screenshot({ path: join(wb.runDir, 'review-session.png') });
    // `MENTORSHIP_SCREENSHOTS=1 npm run test:integration` refreshes the README's screenshots.
    if (process.env.MENTORSHIP_SCREENSHOTS) {
      const folder = join(ROOT, 'docs', 'screenshots');
      mkdirSync(folder, { recursive: true });
      await wb.page.screenshot({ path: join(folder, 'review.png') });
      mkdirSync(join(ROOT, 'media', 'walkthrough'), { recursive: true });
      copyFileSync(join(folder, 'review.png'), join(ROOT, 'media', 'walkthrough', 'review.png'));
      await wb.page.locator('.part.sidebar').screenshot({ path: join(folder, 'sidebar.png') });
    }
  });

  it('keeps its search, filters and opened entry when hidden, and comes back with them after a window reload', async function () {
    this.timeout(180_000);
    await runCommand(wb.page, 'Mentorship: Open Review');
    let frame = await reviewFrame(wb.page);
    await frame.selectOption('#rating', '5');
    await frame.fill('#search', 'immutable');
    await eventually('the search result', async () => (await entryTitles(frame)).join() === 'Session 2: immutable updates');
    const entry = frame.locator('li.entry', { hasText: 'Session 2: immutable updates' }).first();
    await entry.locator('summary').click();
    await entry.locator('.markdown').waitFor();

    const restored = async (what) => {
      frame = await reviewFrame(wb.page);
      await eventually(`${what}: the same search result`, async () => (await entryTitles(frame)).join() === 'Session 2: immutable updates');
      assert.equal(await frame.inputValue('#search'), 'immutable', what);
      assert.equal(await frame.inputValue('#rating'), '5', what);
      const open = frame.locator('li.entry', { hasText: 'Session 2: immutable updates' }).first();
      assert.notEqual(await open.locator('details').getAttribute('open'), null, `${what}: the entry is still open`);
      await open.locator('.markdown').waitFor();
    };

    // Hidden behind another editor, the page is discarded (no retained context) and rebuilt.
    await wb.page.keyboard.press('Control+P');
    await wb.page.locator('.quick-input-widget input').fill('cart.ts');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'cart.ts' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'cart.ts' }).waitFor();
    await wb.page.locator('.tabs-container .tab', { hasText: 'Mentorship Review' }).first().click();
    await restored('after hiding');

    await runCommand(wb.page, 'Developer: Reload Window');
    await wb.page.waitForLoadState('load');
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'Mentorship Review' }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'Mentorship Review' }).first().click();
    await restored('after a window reload');
  });
});
