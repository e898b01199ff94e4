// Property test of the review's markdown rendering in Chromium (the webview's engine): random
// compositions of hostile and ordinary markdown never leave a script, an event handler, a
// non-web link or a remote load in the DOM, and nothing injected runs.
import { strict as assert } from 'node:assert';
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../scripts/codeServer.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Vectors from the corpus file, one per line, plus pieces of ordinary notes.
const corpus = readFileSync(join(ROOT, 'test', 'fixtures', 'hostile', 'xss-session.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('- '))
  .map((line) => line.slice(2));
const ordinary = ['# Heading', '## Takeaways', '- a point', '1. first', '`code`', '```ts\nconst a = 1;\n```', '> quote', '| a | b |\n|---|---|\n| 1 | 2 |', '**bold** _it_', '[web](https://react.dev)', '[agenda](mentorship:agenda/abc12345)', '<b>bold</b>', '<p title="x">p</p>', '&lt;escaped&gt;', '\n\n'];
const glue = ['', ' ', '\n', '\n\n', '"', "'", '>', '<', '`', '](', '<a href="', '" ', '<div ', '<svg><', '<!--', '-->', '<![CDATA[', ']]>'];

function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('Review markdown rendering, property test in Chromium', function () {
  let browser;
  let page;
  const dialogs = [];
  before(async function () {
    const bundle = await esbuild.build({
      stdin: { contents: "import { renderMarkdown } from './media/review/markdown'; window.renderMarkdown = renderMarkdown;", resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    page.requests = requests;
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
  });
  after(async () => browser?.close());

  it('500 random compositions render inert', async function () {
    const random = seeded(20261123);
    const pick = (list) => list[Math.floor(random() * list.length)];
    const samples = Array.from({ length: 500 }, () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick([pick(corpus), pick(ordinary), pick(glue) + pick(corpus)])).join(pick(glue)));
    const report = await page.evaluate((inputs) => {
      const out = document.getElementById('out');
      const problems = [];
      inputs.forEach((markdown, index) => {
        out.replaceChildren(window.renderMarkdown(markdown, 200_000));
        for (const el of out.querySelectorAll('*')) {
          for (const attribute of el.attributes) {
            if (/^on/i.test(attribute.name)) problems.push(`${index}: ${el.tagName} ${attribute.name}`);
            if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(attribute.name.toLowerCase()) && !/^(https?:\/\/|mentorship:agenda\/[a-z0-9-]+$|#)/i.test(attribute.value)) problems.push(`${index}: ${el.tagName} ${attribute.name}=${attribute.value}`);
            if (attribute.name === 'style') problems.push(`${index}: ${el.tagName} style`);
          }
          if (/^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|STYLE|FORM|IMG|SVG|MATH|META|LINK|INPUT|BUTTON|VIDEO|AUDIO|SOURCE)$/i.test(el.tagName)) problems.push(`${index}: <${el.tagName}>`);
        }
      });
      return { problems, flag: document.body.getAttribute('data-xss'), base: document.baseURI };
    }, samples);
    await new Promise((r) => setTimeout(r, 300)); // anything delayed (onerror, onload) would have run by now
    assert.deepEqual(report.problems.slice(0, 10), []);
    assert.equal(report.flag, null);
    assert.doesNotMatch(report.base, /evil/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(page.requests.filter((url) => /evil\.example/.test(url)), [], 'no remote load');
  });
});
