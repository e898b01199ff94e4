import { filterEntries, ratingSeries, tagsIn, type ReviewFilter } from '../../src/core/reviewFilters';
import type { FromWebview, ReviewActionItem, ReviewEntry, ReviewModel, ReviewSearchHit, ReviewSession, ToWebview } from '../../src/core/reviewProtocol';
import { parseReviewPageState } from '../../src/core/reviewPageState';
import { highlightSegments } from '../../src/core/reviewSearch';
import { progressBar, ratingChart } from './chart';
import { renderMarkdown } from './markdown';
import './review.css';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const PAGE = 100;
const AGENDA_HREF = /^mentorship:agenda\/([a-z0-9][a-z0-9-]*)$/;

let model: ReviewModel = { relationships: [], entries: [], problems: [], markdownCap: 200_000 };
/** Search runs on the host (it has the text); the latest answer wins. */
let searchSeq = 0;
let searchHits: { query: string; hits: readonly ReviewSearchHit[] } | undefined;
/** Bodies arrive when an entry is first opened. */
const bodies = new Map<string, { markdown: string; actionItems?: readonly ReviewActionItem[] }>();
// Filters, search and opened entries survive hiding the panel and reloading the window.
const saved = parseReviewPageState(vscode.getState(), PAGE);
let shown = saved.shown;
let filter: ReviewFilter = saved.filter;
let query = saved.query;
const byKey = new Map<string, ReviewEntry>();
/** Entries the user opened stay open when the page renders again (after a check-off, a sync). */
const openKeys = new Set<string>(saved.open);

function saveState(): void {
  vscode.setState({ filter, query, open: [...openKeys], shown });
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'model') {
    const started = performance.now();
    model = message.model;
    byKey.clear();
    for (const entry of model.entries) byKey.set(entry.key, entry);
    bodies.clear();
    if (query.trim()) requestSearch();
    renderControls();
    renderInsights();
    renderProblems();
    renderTimeline();
    vscode.postMessage({ type: 'rendered', ms: performance.now() - started, entries: model.entries.length });
  } else if (message.type === 'body') {
    const body = { markdown: message.markdown, ...(message.actionItems ? { actionItems: message.actionItems } : {}) };
    bodies.set(message.key, body);
    const entry = byKey.get(message.key);
    for (const target of document.querySelectorAll<HTMLElement>('.body[data-key]')) {
      if (target.dataset.key === message.key && entry) fillBody(target, entry, body);
    }
  } else if (message.type === 'searchResults') {
    if (message.seq !== searchSeq) return;
    searchHits = { query: message.query, hits: message.hits };
    renderTimeline();
  } else if (message.type === 'focus') {
    focusEntry(message.key);
  } else if (message.type === 'notice') {
    $('notice').textContent = message.text;
  }
});

function renderControls(): void {
  const relationship = $<HTMLSelectElement>('relationship');
  relationship.replaceChildren(option('', 'All mentorships'), ...model.relationships.map((r) => option(r.key, r.closed ? `${r.label} (closed)` : r.label)));
  relationship.value = filter.relationship ?? '';
  relationship.hidden = model.relationships.length < 2;
  const tag = $<HTMLSelectElement>('tag');
  tag.replaceChildren(option('', 'Any tag'), ...tagsIn(model.entries).map((t) => option(t, `#${t}`)));
  tag.value = filter.tag ?? '';
}

function renderInsights(): void {
  const insights = $('insights');
  insights.replaceChildren();
  const relationships = filter.relationship ? model.relationships.filter((r) => r.key === filter.relationship) : model.relationships;
  for (const relationship of relationships) {
    const block = document.createElement('section');
    block.className = 'insight';
    const heading = document.createElement('h2');
    heading.textContent = relationship.label;
    block.append(heading, progressBar(relationship.sessionsHeld, relationship.sessionsPlanned), ratingChart(ratingSeries(model.entries, relationship.key)));
    insights.append(block);
  }
}

function renderProblems(): void {
  const list = $('problems');
  list.replaceChildren(
    ...model.problems.map((p) => {
      const item = document.createElement('li');
      item.textContent = `${p.file}: ${p.reason}`;
      return item;
    }),
  );
  $('problems-section').hidden = model.problems.length === 0;
}

function renderTimeline(): void {
  const list = $('timeline');
  const filtered = filterEntries(model.entries, filter);
  let visible: ReviewEntry[];
  let hits = new Map<string, ReviewSearchHit>();
  if (query.trim() !== '') {
    if (searchHits?.query !== query) return; // the answer is on its way
    const allowed = new Set(filtered.map((e) => e.key));
    const found = searchHits.hits.filter((hit) => allowed.has(hit.key));
    hits = new Map(found.map((hit) => [hit.key, hit]));
    visible = found.map((hit) => byKey.get(hit.key)).filter((e): e is ReviewEntry => e !== undefined);
  } else {
    visible = filtered;
  }
  list.replaceChildren(...visible.slice(0, shown).map((entry) => entryElement(entry, hits.get(entry.key))));
  $('count').textContent = describeCount(visible.length, query);
  const more = $<HTMLButtonElement>('more');
  more.hidden = visible.length <= shown;
  more.textContent = `Show ${Math.min(PAGE, visible.length - shown)} more`;
  $('empty').hidden = visible.length > 0;
  $('empty').textContent =
    model.entries.length === 0 ? 'Nothing to review yet. Record takeaways after a session ("Mentorship: Record Takeaways") and they appear here.' : 'Nothing matches. Clear the search or the filters.';
}

function describeCount(count: number, text: string): string {
  if (model.partialOf) return `Newest ${model.entries.length} of ${model.partialOf} entries; loading the rest…`;
  const noun = count === 1 ? 'entry' : 'entries';
  return text.trim() ? `${count} ${noun} ${count === 1 ? 'matches' : 'match'} "${text.trim()}"` : `${count} ${noun}`;
}

function entryElement(entry: ReviewEntry, hit?: ReviewSearchHit): HTMLElement {
  const item = document.createElement('li');
  item.className = `entry entry-${entry.kind}`;
  item.dataset.key = entry.key;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  const date = document.createElement('span');
  date.className = 'date';
  date.textContent = entry.date;
  const kind = document.createElement('span');
  kind.className = 'kind';
  kind.textContent = entry.kind === 'session' ? 'Session' : entry.kind === 'agenda' ? 'Agenda item' : 'Update';
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = entry.title;
  const facts = document.createElement('span');
  facts.className = 'facts';
  facts.textContent = factsOf(entry);
  summary.append(date, kind, title, facts);
  details.append(summary);
  // The body is rendered when opened: thousands of entries open fast.
  details.addEventListener('toggle', () => {
    if (details.open) openKeys.add(entry.key);
    else openKeys.delete(entry.key);
    saveState();
    if (details.open && !details.querySelector('.body')) details.append(bodyElement(entry));
  });
  if (openKeys.has(entry.key)) {
    details.open = true;
    details.append(bodyElement(entry));
  }
  item.append(details);
  // Why an entry matched is shown without opening it.
  if (hit) item.append(snippetsElement(hit));
  return item;
}

function factsOf(entry: ReviewEntry): string {
  if (entry.kind === 'session') {
    const open = entry.openActionItems;
    return [
      entry.minutes !== undefined ? `${entry.minutes} min` : undefined,
      entry.rating !== undefined ? `rated ${entry.rating}/5` : 'not rated',
      `${entry.takeawayCount} takeaway${entry.takeawayCount === 1 ? '' : 's'}`,
      `${open} open action item${open === 1 ? '' : 's'}`,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (entry.kind === 'agenda') return `${entry.status} · ${entry.where}${entry.tags.length ? ` · ${entry.tags.map((t) => `#${t}`).join(' ')}` : ''}`;
  return entry.author;
}

function snippetsElement(hit: ReviewSearchHit): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'snippets';
  for (const snippet of hit.snippets) {
    const line = document.createElement('li');
    for (const segment of highlightSegments(snippet.text, snippet.highlights)) {
      const node = segment.match ? document.createElement('mark') : document.createElement('span');
      node.textContent = segment.text;
      line.append(node);
    }
    list.append(line);
  }
  return list;
}

function bodyElement(entry: ReviewEntry): HTMLElement {
  const body = document.createElement('div');
  body.className = 'body';
  body.dataset.key = entry.key;
  const known = bodies.get(entry.key);
  if (known) fillBody(body, entry, known);
  else {
    body.textContent = 'Loading…';
    vscode.postMessage({ type: 'loadBody', key: entry.key });
  }
  return body;
}

function fillBody(body: HTMLElement, entry: ReviewEntry, known: { markdown: string; actionItems?: readonly ReviewActionItem[] }): void {
  const content = document.createElement('div');
  content.className = 'markdown';
  content.append(renderMarkdown(known.markdown, model.markdownCap));
  body.replaceChildren(content);
  if (entry.kind === 'session') body.append(actionItemsElement(entry, known.actionItems ?? []));
  const actions = document.createElement('div');
  actions.className = 'actions';
  if (entry.kind === 'agenda') actions.append(button('Open the Code', () => vscode.postMessage({ type: 'openAgendaItem', relationship: entry.relationship, id: entry.id })));
  if (entry.kind === 'session') actions.append(button('Edit in Editor', () => vscode.postMessage({ type: 'openSessionFile', relationship: entry.relationship, id: entry.id })));
  body.append(actions);
}

function actionItemsElement(entry: ReviewSession, actionItems: readonly ReviewActionItem[]): HTMLElement {
  const section = document.createElement('section');
  section.className = 'action-items';
  const heading = document.createElement('h3');
  heading.textContent = 'Action items';
  section.append(heading);
  if (actionItems.length === 0) {
    const none = document.createElement('p');
    none.textContent = 'No action items.';
    section.append(none);
    return section;
  }
  const list = document.createElement('ul');
  for (const action of actionItems) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = action.done;
    box.dataset.line = String(action.line);
    box.addEventListener('change', () => {
      box.disabled = true; // until the host has written and committed it
      vscode.postMessage({ type: 'setActionItemDone', relationship: entry.relationship, session: entry.id, line: action.line, done: box.checked });
    });
    const text = document.createElement('span');
    text.textContent = action.text;
    label.append(box, text);
    item.append(label);
    list.append(item);
  }
  section.append(list);
  return section;
}

function focusEntry(key: string): void {
  if (!byKey.has(key)) return;
  query = '';
  $<HTMLInputElement>('search').value = '';
  filter = {};
  const position = filterEntries(model.entries, filter).findIndex((e) => e.key === key);
  shown = Math.max(PAGE, position + 1);
  renderControls();
  renderTimeline();
  saveState();
  const item = document.querySelector<HTMLElement>(`li.entry[data-key="${CSS.escape(key)}"]`);
  const details = item?.querySelector('details');
  if (!item || !details) return;
  details.open = true;
  details.dispatchEvent(new Event('toggle'));
  item.scrollIntoView({ block: 'start' });
  details.querySelector('summary')?.focus();
}

function option(value: string, label: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function button(label: string, run: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', run);
  return element;
}

// Links in rendered notes go through the host; nothing navigates the webview itself. Handled
// in the capture phase and stopped there, so VS Code's own link handler (on the window) never
// sees the click and cannot open a link without the host's confirmation.
const onLinkClick = (event: MouseEvent): void => {
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  if (event.type === 'auxclick') return;
  const href = link.getAttribute('href') ?? '';
  const entry = byKey.get(link.closest<HTMLElement>('li.entry')?.dataset.key ?? '');
  const agenda = AGENDA_HREF.exec(href);
  if (agenda?.[1] && entry) vscode.postMessage({ type: 'openAgendaItem', relationship: entry.relationship, id: agenda[1] });
  else if (/^https?:\/\//i.test(href)) vscode.postMessage({ type: 'openExternal', url: href });
};
window.addEventListener('click', onLinkClick, true);
window.addEventListener('auxclick', onLinkClick, true);

function onFilterChange(): void {
  shown = PAGE;
  saveState();
  renderInsights();
  renderTimeline();
}

function requestSearch(): void {
  searchSeq++;
  vscode.postMessage({ type: 'search', query, seq: searchSeq });
}

$<HTMLInputElement>('search').addEventListener('input', (event) => {
  query = (event.target as HTMLInputElement).value;
  shown = PAGE;
  saveState();
  if (query.trim()) requestSearch();
  else renderTimeline();
});
$<HTMLSelectElement>('relationship').addEventListener('change', (event) => {
  const value = (event.target as HTMLSelectElement).value;
  filter = { ...filter, relationship: value || undefined };
  onFilterChange();
});
$<HTMLSelectElement>('tag').addEventListener('change', (event) => {
  const value = (event.target as HTMLSelectElement).value;
  filter = { ...filter, tag: value || undefined };
  onFilterChange();
});
$<HTMLSelectElement>('rating').addEventListener('change', (event) => {
  const value = Number((event.target as HTMLSelectElement).value);
  filter = { ...filter, minRating: value > 0 ? value : undefined };
  onFilterChange();
});
$<HTMLInputElement>('open-items').addEventListener('change', (event) => {
  filter = { ...filter, openActionItemsOnly: (event.target as HTMLInputElement).checked || undefined };
  onFilterChange();
});
for (const box of document.querySelectorAll<HTMLInputElement>('input[name="kind"]')) {
  box.addEventListener('change', () => {
    const kinds = [...document.querySelectorAll<HTMLInputElement>('input[name="kind"]:checked')].map((b) => b.value as ReviewEntry['kind']);
    filter = { ...filter, kinds: kinds.length === 3 ? undefined : kinds };
    onFilterChange();
  });
}
$<HTMLButtonElement>('more').addEventListener('click', () => {
  shown += PAGE;
  saveState();
  renderTimeline();
});
// "/" jumps to the search box, Escape clears it.
document.addEventListener('keydown', (event) => {
  const search = $<HTMLInputElement>('search');
  if (event.key === '/' && document.activeElement !== search) {
    event.preventDefault();
    search.focus();
  } else if (event.key === 'Escape' && document.activeElement === search && search.value) {
    search.value = '';
    query = '';
    saveState();
    renderTimeline();
  }
});

// The controls the page owns show the restored state; the relationship and tag lists come
// with the model (renderControls).
$<HTMLInputElement>('search').value = query;
$<HTMLSelectElement>('rating').value = String(filter.minRating ?? 0);
$<HTMLInputElement>('open-items').checked = filter.openActionItemsOnly === true;
for (const box of document.querySelectorAll<HTMLInputElement>('input[name="kind"]')) {
  box.checked = !filter.kinds || filter.kinds.includes(box.value as ReviewEntry['kind']);
}

vscode.postMessage({ type: 'ready' });
