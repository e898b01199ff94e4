import { randomBytes } from 'node:crypto';

/** The page's script or stylesheet: inlined (one fetch fewer through the webview), or by URI. */
export type PageAsset = { readonly text: string } | { readonly uri: string };

/**
 * Text that can sit inside a <script> or <style> element as it is: no closing tag and no
 * "<script" that could switch the HTML parser into a state where the closing tag is missed.
 */
export function inlinable(text: string): boolean {
  return !/<\/?(?:script|style)/i.test(text);
}

/** A fresh nonce for every render, from the crypto RNG: the only scripts that run carry it. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The review page. The CSP allows nothing by default: our script by nonce, our stylesheet and
 * fonts from the webview's own origin, no remote images, no base URI changes, no forms.
 */
export function reviewHtml(options: { cspSource: string; nonce: string; script: PageAsset; style: PageAsset }): string {
  const { cspSource, nonce, script, style } = options;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "connect-src 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${'text' in style ? `<style nonce="${nonce}">${style.text}</style>` : `<link rel="stylesheet" href="${style.uri}">`}
<title>Mentorship Review</title>
</head>
<body>
<h1>Mentorship review</h1>
<div class="controls" role="search">
  <input id="search" type="search" maxlength="500" placeholder="Search takeaways, agenda items and updates  ( / )" aria-label="Search takeaways, agenda items and updates">
  <select id="relationship" aria-label="Mentorship"></select>
  <select id="tag" aria-label="Tag"></select>
  <select id="rating" aria-label="Rating">
    <option value="0">Any rating</option>
    <option value="5">Rated 5</option>
    <option value="4">Rated 4 or more</option>
    <option value="3">Rated 3 or more</option>
    <option value="2">Rated 2 or more</option>
  </select>
  <label><input id="open-items" type="checkbox"> Open action items</label>
  <label><input type="checkbox" name="kind" value="session" checked> Sessions</label>
  <label><input type="checkbox" name="kind" value="agenda" checked> Agenda items</label>
  <label><input type="checkbox" name="kind" value="update" checked> Updates</label>
</div>
<p id="notice" role="status" aria-live="polite"></p>
<div id="insights" class="insights" aria-label="Is it working?"></div>
<section id="problems-section" hidden>
  <h2>Needs attention</h2>
  <p>These files could not be read. They are listed, not rendered, and left as they are.</p>
  <ul id="problems"></ul>
</section>
<p id="count" role="status" aria-live="polite"></p>
<ol id="timeline" aria-label="Timeline, newest first"></ol>
<p id="empty" hidden></p>
<button id="more" type="button" hidden>Show more</button>
${'text' in script ? `<script nonce="${nonce}">${script.text}</script>` : `<script nonce="${nonce}" src="${script.uri}"></script>`}
</body>
</html>`;
}
