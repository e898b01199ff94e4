// UI test of agenda items as comment threads: what the mentee sees at the code in the real
// workbench (the mentor's answer, a suggested change), replying by typing in the thread, and a
// hostile reply rendered inert.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSampleNotesRepo } from '../../scripts/sampleData.mjs';
import { openWorkbench, showMentorship } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ITEM = 'k3m9q2xa';
const REPLIES = `agenda/${ITEM}/replies`;

async function eventually(what, probe, timeoutMs = 30_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function reply(name, author, authorName, created, body) {
  return `---\nitem: ${ITEM}\nauthor: ${author}\nauthor_name: ${authorName}\ncreated: ${created}\n---\n\n${body}\n`;
}

describe('Agenda comment threads in the real workbench', function () {
  let wb;
  let notes;
  before(async function () {
    wb = await openWorkbench({
      name: 'ui-comments-',
      prepare: (runDir) => {
        notes = makeSampleNotesRepo(join(runDir, 'sample-notes'));
        mkdirSync(join(notes, REPLIES), { recursive: true });
        writeFileSync(
          join(notes, REPLIES, '20261121t081500z-alex-example-com-a1b2c3.md'),
          reply('a', 'alex@example.com', 'Alex Chen', '2026-11-21T08:15:00Z', '`cart` is a new object on every render, so the effect always runs. Derive the totals instead:\n\n```suggestion\n  const totals = useMemo(() => ({ discount: formatCents(discountCents(cart)), total: formatCents(totalCents(cart)) }), [cart]);\n```'),
        );
        writeFileSync(
          join(notes, REPLIES, '20261121t090000z-mallory-example-com-evil01.md'),
          reply('b', 'mallory@example.com', 'Mallory', '2026-11-21T09:00:00Z', 'XSS-MARKER <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>\n\n[run me](command:workbench.action.quit) [js](javascript:window.__pwned=3)'),
        );
        execFileSync('git', ['add', REPLIES], { cwd: notes });
        execFileSync('git', ['commit', '--quiet', '-m', 'Replies from the other side'], { cwd: notes });
        return { 'mentorship.notesRepo.path': notes };
      },
    });
  });
  after(async () => wb?.close());

  it('opening an item shows its thread at the code: the question, the mentor\'s suggested change, a hostile reply inert; typing a reply commits it', async function () {
    const { page } = wb;
    await showMentorship(page);
    const row = page.locator('.pane .monaco-list-row', { hasText: 'Why does this effect run after every render?' }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    const widget = page.locator('.review-widget', { hasText: 'Alex Chen' }).first();
    await widget.waitFor({ timeout: 60_000 });
    const text = await eventually('the replies in the thread', async () => {
      const shown = await widget.innerText();
      return shown.includes('XSS-MARKER') && shown.includes('Suggested change') ? shown : undefined;
    });
    assert.match(text, /Why does this effect run after every render\?/);
    assert.match(text, /Sam Rivera/);
    assert.match(text, /useMemo/);

    // The hostile reply: shown as text, nothing ran, no command or script link.
    const inert = await widget.evaluate((el) => ({
      scripts: el.querySelectorAll('script').length,
      handlers: [...el.querySelectorAll('*')].filter((n) => [...n.attributes].some((a) => a.name.startsWith('on'))).length,
      images: el.querySelectorAll('img[src="x"]').length,
      links: [...el.querySelectorAll('a')].map((a) => `${a.getAttribute('href') ?? ''} ${a.getAttribute('data-href') ?? ''}`),
    }));
    assert.equal(inert.scripts, 0);
    assert.equal(inert.handlers, 0);
    assert.equal(inert.images, 0);
    assert.ok(!inert.links.some((l) => /command:|javascript:/i.test(l)), inert.links.join(' | '));
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    if (process.env.MENTORSHIP_SCREENSHOTS) {
      const folder = join(ROOT, 'docs', 'screenshots');
      mkdirSync(folder, { recursive: true });
      await page.screenshot({ path: join(folder, 'comment-thread.png') });
    }

    // Reply as a user would: type in the thread's reply box and press its Reply button.
    // With comments in the thread, the reply box starts folded as a "Reply…" button.
    const folded = widget.locator('.comment-form .review-thread-reply-button');
    if (await folded.count()) await folded.first().click();
    const replyBox = widget.locator('.comment-form .monaco-editor').first();
    await replyBox.click();
    await page.keyboard.type('Thanks, I will derive it.');
    await widget.locator('.monaco-button', { hasText: /^Reply$/ }).first().click();
    const written = await eventually('the reply file', async () => readdirSync(join(notes, REPLIES)).find((f) => f.includes('-sam-example-com-') && f.endsWith('.md')));
    assert.match(readFileSync(join(notes, REPLIES, written), 'utf8'), /\nauthor: sam@example\.com\n[\s\S]*\n---\n\nThanks, I will derive it\.\n$/);
    // The file is written first, then committed: one commit holding only that file.
    const subject = await eventually('the reply commit', async () => {
      const last = execFileSync('git', ['log', '-1', '--format=%s'], { cwd: notes, encoding: 'utf8' }).trim();
      return last.startsWith('Reply: ') ? last : undefined;
    });
    assert.match(subject, /^Reply: Why does this effect run after every render\?/);
    assert.equal(execFileSync('git', ['show', '--name-only', '--format=', 'HEAD'], { cwd: notes, encoding: 'utf8' }).trim(), `${REPLIES}/${written}`);
    await eventually('the reply in the thread', async () => (await widget.innerText()).includes('Thanks, I will derive it.'));
    await page.screenshot({ path: join(wb.runDir, 'comment-thread.png') });
  });
});

describe('The mentor answers from the sidebar without the repository', function () {
  let wb;
  let notes;
  before(async function () {
    wb = await openWorkbench({
      name: 'ui-mentor-',
      folder: 'mentor-desk',
      prepare: (runDir) => {
        notes = makeSampleNotesRepo(join(runDir, 'sample-notes'));
        execFileSync('git', ['config', 'user.name', 'Alex Chen'], { cwd: notes });
        execFileSync('git', ['config', 'user.email', 'alex@example.com'], { cwd: notes });
        return { 'mentorship.notesRepo.path': notes };
      },
    });
  });
  after(async () => wb?.close());

  it('an item opens on its captured snippet with the thread, and a reply typed there is committed as Alex', async function () {
    const { page } = wb;
    await showMentorship(page);
    const row = page.locator('.pane .monaco-list-row', { hasText: 'Is mutating the existing line here the bug' }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    const widget = page.locator('.review-widget', { hasText: 'captured snippet' }).first();
    await widget.waitFor({ timeout: 60_000 });
    assert.match(await widget.innerText(), /Is mutating the existing line here the bug/);
    const folded = widget.locator('.comment-form .review-thread-reply-button');
    if (await folded.count()) await folded.first().click();
    await widget.locator('.comment-form .monaco-editor').first().click();
    await page.keyboard.type('Yes: `existing.quantity += 1` mutates the line the memo compares. Return a new line instead.');
    if (process.env.MENTORSHIP_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'mentor-answers.png') });
    await widget.locator('.monaco-button', { hasText: /^Reply$/ }).first().click();
    const item = 'p7w2e5rt';
    const folder = join(notes, 'agenda', item, 'replies');
    const written = await eventually('the reply file', async () => readdirSync(folder).find((f) => f.includes('-alex-example-com-') && f.endsWith('.md')));
    assert.match(readFileSync(join(folder, written), 'utf8'), /\nauthor: alex@example\.com\nauthor_name: Alex Chen\n[\s\S]*Return a new line instead\.\n$/);
    await eventually('the reply in the thread', async () => (await widget.innerText()).includes('Return a new line instead.'));
  });
});
