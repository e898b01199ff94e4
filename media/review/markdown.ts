import DOMPurify, { type Config } from 'dompurify';
import { marked } from 'marked';

/**
 * Notes are markdown someone else may have written (the other side pushes them): marked's HTML
 * goes through DOMPurify before it reaches the DOM. Only web links and `mentorship:agenda/<id>`
 * survive as link targets; no images (remote ones would be beacons), no forms, frames, SVG or
 * inline styles. The CSP is the second wall.
 */
const LINK = /^(?:https?:\/\/|mentorship:agenda\/[a-z0-9][a-z0-9-]*$|#)/i;
const PURIFY_CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_URI_REGEXP: LINK,
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'form', 'input', 'button', 'textarea', 'select', 'option', 'link', 'meta', 'video', 'audio', 'source', 'picture', 'template', 'dialog'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'poster', 'ping'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  RETURN_DOM_FRAGMENT: true,
};

let hooked = false;

/** Renders markdown into a sanitized fragment; above `cap` characters, plain text. */
export function renderMarkdown(markdown: string, cap: number): DocumentFragment {
  if (markdown.length > cap) {
    const fragment = document.createDocumentFragment();
    const note = document.createElement('p');
    note.className = 'plain-note';
    note.textContent = `This note is ${Math.round(markdown.length / 1000)} KB, too large to render: shown as plain text.`;
    const pre = document.createElement('pre');
    pre.className = 'plain-text';
    pre.textContent = markdown;
    fragment.append(note, pre);
    return fragment;
  }
  if (!hooked) {
    hooked = true;
    // Links open through the host (which allows only web links); none navigates the webview.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        // DOMPurify keeps an empty href; a link goes nowhere unless it is one we open.
        if (!LINK.test(node.getAttribute('href') ?? '')) node.removeAttribute('href');
        node.removeAttribute('target');
        node.setAttribute('rel', 'noreferrer noopener');
      }
    });
  }
  const html = marked.parse(markdown, { async: false, gfm: true });
  return DOMPurify.sanitize(html, PURIFY_CONFIG);
}
