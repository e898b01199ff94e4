import { strict as assert } from 'node:assert';
import {
  fenceLanguage,
  orderAgenda,
  parseAgendaItem,
  parseAgendaOrder,
  questionTitle,
  renderAgendaItem,
  renderAgendaOrder,
  reorder,
  type AgendaItem,
} from '../../src/core/agendaItem';

const ITEM: AgendaItem = {
  id: 'k3m9q2xa',
  created: '2026-11-18T09:12:00Z',
  author: 'sam@example.com',
  status: 'open',
  tags: ['react', 'performance'],
  question: 'Why does this effect run after **every** render?',
  anchor: {
    repository: 'github.com/sam/cart',
    commit: 'a'.repeat(40),
    dirty: false,
    path: 'src/useCartTotals.tsx',
    range: { startLine: 11, endLine: 14 },
    snippet: '  useEffect(() => {\n    setTotals(compute(cart));\n  }, [cart]);',
    contextBefore: ['export function useCartTotals(cart: Cart) {', "  const [totals, setTotals] = useState('');"],
    contextAfter: ['', '  return totals;'],
    language: 'typescriptreact',
  },
};

describe('core/agendaItem', () => {
  it('renders front matter, question and a fenced snippet, and parses back the same item', () => {
    const text = renderAgendaItem(ITEM);
    assert.match(text, /^---\nid: k3m9q2xa\ncreated: '?2026-11-18T09:12:00Z'?\nauthor: sam@example.com\nstatus: open\n/);
    assert.match(text, /\n {2}start_line: 12\n {2}end_line: 15\n {2}language: typescriptreact\n/);
    assert.ok(text.includes('Why does this effect run after **every** render?\n\n```tsx\n  useEffect(() => {\n'), text);
    const parsed = parseAgendaItem(text);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.deepEqual(parsed.item, ITEM);
  });

  it('uses a longer fence when the snippet itself holds a fence, so it cannot close early', () => {
    const item = { ...ITEM, anchor: { ...ITEM.anchor, language: 'markdown', snippet: 'Example:\n```js\nx()\n```' } };
    const text = renderAgendaItem(item);
    assert.ok(text.includes('````markdown\nExample:\n```js\nx()\n```\n````\n'), text);
    const parsed = parseAgendaItem(text);
    assert.ok(parsed.ok);
    assert.equal(parsed.item.anchor.snippet, 'Example:\n```js\nx()\n```');
  });

  it('takes the last fenced block as the snippet when the question has code too', () => {
    const text = renderAgendaItem({ ...ITEM, question: 'Compare with:\n\n```ts\nother()\n```\n\nWhich is better?' });
    const parsed = parseAgendaItem(text);
    assert.ok(parsed.ok);
    assert.equal(parsed.item.anchor.snippet, ITEM.anchor.snippet);
    assert.equal(parsed.item.question, 'Compare with:\n\n```ts\nother()\n```\n\nWhich is better?');
  });

  it('reads a file saved with Windows line endings', () => {
    const parsed = parseAgendaItem(renderAgendaItem(ITEM).replace(/\n/g, '\r\n'));
    assert.ok(parsed.ok);
    assert.equal(parsed.item.anchor.snippet, ITEM.anchor.snippet);
    assert.equal(parsed.item.question, ITEM.question);
  });

  it('reports wrong types with the key and its line, so the file can be listed, not rewritten', () => {
    const text = renderAgendaItem(ITEM);
    const cases: Array<[string, string, RegExp]> = [
      ['status: open', 'status: maybe', /^"status" must be one of: open, discussed, resolved$/],
      ['id: k3m9q2xa', 'id: "../etc"', /^"id" must be/],
      ['  start_line: 12', '  start_line: twelve', /^"start_line" and "end_line" must be line numbers/],
      ['  path: src/useCartTotals.tsx', '  path: ""', /^"path" must be the file path$/],
    ];
    for (const [from, to, reason] of cases) {
      const broken = text.replace(from, to);
      const parsed = parseAgendaItem(broken);
      assert.equal(parsed.ok, false, to);
      if (parsed.ok) continue;
      assert.match(parsed.problem.reason, reason);
      const keyLine = broken.split('\n').findIndex((line) => line === to) + 1;
      assert.equal(parsed.problem.line, keyLine, to);
    }
    const noTags = parseAgendaItem(text.replace('tags:\n  - react\n  - performance', 'tags: react'));
    assert.equal(noTags.ok, false);
  });

  it('keeps a flagged commit only when it looks like one', () => {
    const parsed = parseAgendaItem(renderAgendaItem(ITEM).replace(`commit: ${'a'.repeat(40)}`, 'commit: --upload-pack=x'));
    assert.ok(parsed.ok);
    assert.equal(parsed.item.anchor.commit, undefined);
  });

  it('names fences as markdown renderers know them', () => {
    assert.equal(fenceLanguage('typescriptreact'), 'tsx');
    assert.equal(fenceLanguage('shellscript'), 'sh');
    assert.equal(fenceLanguage('python'), 'python');
    assert.equal(fenceLanguage(undefined), '');
  });

  it('titles an item by the first line of its question, without markdown marks, shortened', () => {
    assert.equal(questionTitle('## Why **this**?\nMore text'), 'Why this?');
    assert.equal(questionTitle('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
    assert.equal(questionTitle('   \n'), '(no question)');
  });

  it('orders by the saved sync order, then oldest first; reorders by moving ids before a target', () => {
    const items = [
      { id: 'a', created: '2026-01-03' },
      { id: 'b', created: '2026-01-01' },
      { id: 'c', created: '2026-01-02' },
    ];
    assert.deepEqual(orderAgenda(items, ['c']).map((i) => i.id), ['c', 'b', 'a']);
    assert.deepEqual(orderAgenda(items, []).map((i) => i.id), ['b', 'c', 'a']);
    assert.deepEqual(reorder(['a', 'b', 'c'], ['c'], 'a'), ['c', 'a', 'b']);
    assert.deepEqual(reorder(['a', 'b', 'c'], ['a'], undefined), ['b', 'c', 'a']);
    assert.deepEqual(parseAgendaOrder(renderAgendaOrder(['c', 'a'])), ['c', 'a']);
    assert.deepEqual(parseAgendaOrder('{ not json'), []);
    assert.deepEqual(parseAgendaOrder(undefined), []);
  });
});
