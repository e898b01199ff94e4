// Review benchmarks outside the editor: search over 5,000 sessions (Node, the same module the
// webview runs) and rendering a 100 KB note in Chromium (the webview's engine) with the
// webview's own marked + DOMPurify code.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchBrowser, ROOT } from '../scripts/codeServer.mjs';

const require = createRequire(import.meta.url);

export async function reviewBenchmarks({ quick, row, median, p95, ms }) {
  const { ReviewSearchIndex } = require(join(ROOT, 'out', 'src', 'core', 'reviewSearch.js'));
  const { benchSessionText } = require(join(ROOT, 'out', 'bench', 'activation', 'sessionText.js'));
  const texts = Array.from({ length: 5000 }, (_, i) => benchSessionText(i, new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)));
  const index = new ReviewSearchIndex(texts.map((text, i) => ({ id: `s${i}`, kind: 'session', title: `Session ${i}`, text })));
  const queries = ['memoize', 'selector render', 'profiler cart 42', 'retry queue', 'boundary error', 'coupon', 'immutable derive', 'latency', 'naming types module', 'xyzzy'];
  const rounds = quick ? 5 : 20;
  for (const q of queries) index.search(q); // warm
  const ours = [];
  const plain = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      let t = performance.now();
      const hits = index.search(q);
      ours.push(performance.now() - t);
      // Baseline: a plain scan of the same texts, lowercasing each one for every query.
      t = performance.now();
      const terms = q.toLowerCase().split(/\s+/);
      const found = texts.filter((text) => {
        const lower = text.toLowerCase();
        return terms.every((term) => lower.includes(term));
      });
      plain.push(performance.now() - t);
      if (Math.min(found.length, 500) !== hits.length && hits.length !== 200) throw new Error(`search disagrees with the plain scan for "${q}": ${hits.length} vs ${found.length}`);
    }
  }
  row(
    'review search over 5,000 sessions (warm, p95)',
    '≤ 20 ms',
    `p95 ${ms(p95(ours))} (median ${ms(median(ours))})`,
    `plain text scan of the same files: p95 ${ms(p95(plain))}, median ${ms(median(plain))}; ratio ${(median(ours) / median(plain)).toFixed(2)}×`,
    p95(ours) <= 20,
  );

  // A 100 KB note rendered the way the webview does it, in Chromium.
  const bundle = await esbuild.build({
    stdin: { contents: "import { renderMarkdown } from './media/review/markdown'; import { marked } from 'marked'; window.renderMarkdown = renderMarkdown; window.markedOnly = (md) => marked.parse(md, { async: false, gfm: true });", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  });
  const note = Array.from({ length: 46 }, (_, i) => texts[i].split('---\n').pop()).join('\n').slice(0, 100_000);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const timings = await page.evaluate(
      ({ md, runs }) => {
        const render = [];
        const parseOnly = [];
        const out = document.getElementById('out');
        // The first render pays for parsing and compiling marked and DOMPurify: reported apart.
        const t0 = performance.now();
        out.replaceChildren(window.renderMarkdown(md, 200_000));
        const cold = performance.now() - t0;
        for (let i = 0; i < 10; i++) out.replaceChildren(window.renderMarkdown(md.slice(i * 1000), 200_000));
        for (let i = 0; i < runs; i++) {
          let t = performance.now();
          out.replaceChildren(window.renderMarkdown(md, 200_000));
          render.push(performance.now() - t);
          t = performance.now();
          window.markedOnly(md);
          parseOnly.push(performance.now() - t);
        }
        return { render, parseOnly, cold, elements: out.querySelectorAll('*').length };
      },
      { md: note, runs: quick ? 10 : 30 },
    );
    if (timings.elements < 100) throw new Error('the 100 KB note did not render');
    row(
      `rendering a ${Math.round(note.length / 1000)} KB note (marked + DOMPurify, Chromium, warm median)`,
      '≤ 20 ms',
      `${ms(median(timings.render))} (p95 ${ms(p95(timings.render))}; first, cold: ${ms(timings.cold)})`,
      `marked alone: ${ms(median(timings.parseOnly))}; sanitizing and DOM ${ms(median(timings.render) - median(timings.parseOnly))}`,
      median(timings.render) <= 20,
    );
  } finally {
    await browser.close();
  }
}
