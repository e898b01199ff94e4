import { strict as assert } from 'node:assert';
import type { AgendaItem } from '../../src/core/agendaItem';
import { filterEntries, ratingSeries, searchTextOf, tagsIn } from '../../src/core/reviewFilters';
import { buildReviewModel, withoutSection, type ReviewSource } from '../../src/core/reviewModel';
import { parseFromWebview } from '../../src/core/reviewProtocol';
import { parseSession, type SessionRecord } from '../../src/core/sessionRecord';

function session(date: string, rating: number | null, body: string, agenda: string[] = []): SessionRecord {
  const parsed = parseSession(`---\ndate: ${date}\nminutes: 60\nagenda: [${agenda.join(', ')}]\nrating: ${rating}\n---\n${body}`);
  assert.ok(parsed.ok);
  return parsed.session;
}

const ITEM: AgendaItem = {
  id: 'abcd1234',
  created: '2026-11-05T10:00:00Z',
  author: 'sam@example.com',
  status: 'discussed',
  tags: ['react', 'performance'],
  question: 'Why does **this** re-render?',
  anchor: { repository: 'cart', dirty: false, path: 'src/cart.ts', range: { startLine: 14, endLine: 16 }, snippet: 'x', contextBefore: [], contextAfter: [] },
};

const SOURCE: ReviewSource = {
  label: 'Sam with Alex',
  sessionsPlanned: 5,
  closed: false,
  sessions: [
    { file: 'sessions/2026-10-20-first000.md', session: session('2026-10-20', 3, '# First\n\n## Takeaways\n- Profile first\n\n## Action items\n- [x] Sam: profile\n') },
    { file: 'sessions/2026-11-05-second00.md', session: session('2026-11-05', null, '# Second\n\n## Takeaways\n- Derive, do not sync\n- Memoize selectors\n\n## Action items\n- [ ] Sam: rewrite\n- [ ] \n\n## Feedback\nGood\n', ['abcd1234']) },
  ],
  updates: [{ file: 'updates/2026-11-01-upd00000.md', update: { date: '2026-11-01', author: 'sam@example.com', sections: { Achievements: 'Shipped it', Blockers: '' } } }],
  agenda: [ITEM],
  problems: [{ file: 'sessions/bad.md', reason: 'line 3: "rating" must be a whole number from 1 to 5' }],
};

describe('core/reviewModel', () => {
  it('weaves sessions, updates and agenda items into one timeline, newest first, sessions first on a day', () => {
    const { model } = buildReviewModel([SOURCE]);
    assert.deepEqual(model.entries.map((e) => `${e.date} ${e.kind} ${e.id}`), [
      '2026-11-05 session 2026-11-05-second00',
      '2026-11-05 agenda abcd1234',
      '2026-11-01 update 2026-11-01-upd00000',
      '2026-10-20 session 2026-10-20-first000',
    ]);
    assert.deepEqual(model.relationships, [{ key: 'r0', label: 'Sam with Alex', sessionsPlanned: 5, sessionsHeld: 2, closed: false }]);
    assert.deepEqual(model.problems, [{ relationship: 'r0', file: 'sessions/bad.md', reason: 'line 3: "rating" must be a whole number from 1 to 5' }]);
  });

  it('counts takeaways and open action items, tags a session by the agenda items it covered, and leaves the action items out of its markdown', () => {
    const { model, markdown, actionItems } = buildReviewModel([SOURCE]);
    const second = model.entries[0];
    assert.ok(second?.kind === 'session');
    assert.equal(second.takeawayCount, 2);
    assert.deepEqual(actionItems.get(second.key), [{ line: 13, text: 'Sam: rewrite', done: false, owner: 'Sam' }]);
    assert.equal(second.openActionItems, 1);
    assert.equal(second.actionItemCount, 1);
    assert.deepEqual(second.tags, ['performance', 'react']);
    const body = markdown.get(second.key) ?? '';
    assert.ok(!body.includes('Action items') && body.includes('## Feedback\nGood'), body);
    assert.equal(second.rating, undefined);
    const agenda = model.entries[1];
    assert.ok(agenda?.kind === 'agenda');
    assert.equal(agenda.where, 'src/cart.ts:15');
    assert.equal(agenda.title, 'Why does this re-render?');
    assert.equal(markdown.get(agenda.key), 'Why does **this** re-render?');
    assert.equal(markdown.get('r0:update:2026-11-01-upd00000'), '## Achievements\n\nShipped it');
    assert.equal(withoutSection('# T\n## A\na\n## B\nb\n', 'a'), '# T\n## B\nb\n');
  });

  it('filters by relationship, tag, open action items, rating and kind; lists tags; gives the rating series oldest first', () => {
    const { model, markdown } = buildReviewModel([SOURCE, { ...SOURCE, label: 'Sam with Kim', agenda: [], sessions: [], updates: [], problems: [] }]);
    const ids = (filter: Parameters<typeof filterEntries>[1]): string[] => filterEntries(model.entries, filter).map((e) => e.id);
    assert.equal(ids({ relationship: 'r1' }).length, 0);
    assert.deepEqual(ids({ tag: 'REACT' }), ['2026-11-05-second00', 'abcd1234']);
    assert.deepEqual(ids({ openActionItemsOnly: true }), ['2026-11-05-second00']);
    assert.deepEqual(ids({ minRating: 3 }), ['2026-10-20-first000']);
    assert.deepEqual(ids({ kinds: ['update'] }), ['2026-11-01-upd00000']);
    assert.deepEqual(tagsIn(model.entries), ['performance', 'react']);
    assert.deepEqual(ratingSeries(model.entries, 'r0'), [{ date: '2026-10-20', rating: 3 }, { date: '2026-11-05' }]);
    const first = model.entries[0]!;
    // Searched (and quoted in match snippets) as plain text: no raw "##", "**" or task boxes.
    const searched = searchTextOf(first, markdown.get(first.key) ?? '');
    assert.ok(searched.startsWith('Second\n#performance #react\n'), searched);
    assert.doesNotMatch(searched.split('\n').slice(2).join('\n'), /^#|\*\*|\[[ xX]\]/m);
    assert.equal(searchTextOf({ title: 'T', tags: [] }, '## Takeaways\n- [x] **Memoize** selectors'), 'T\n\nTakeaways\nMemoize selectors');
  });
});

describe('core/reviewProtocol', () => {
  it('accepts the messages the page may send, with well-formed ids only', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'loadBody', key: 'r0:session:2026-11-05-second00' }), { type: 'loadBody', key: 'r0:session:2026-11-05-second00' });
    assert.deepEqual(parseFromWebview({ type: 'search', query: 'memo selector', seq: 3 }), { type: 'search', query: 'memo selector', seq: 3 });
    assert.deepEqual(parseFromWebview({ type: 'openAgendaItem', relationship: 'r0', id: 'abcd1234', extra: 'ignored' }), { type: 'openAgendaItem', relationship: 'r0', id: 'abcd1234' });
    assert.deepEqual(parseFromWebview({ type: 'setActionItemDone', relationship: 'r1', session: '2026-11-05-second00', line: 13, done: true }), {
      type: 'setActionItemDone',
      relationship: 'r1',
      session: '2026-11-05-second00',
      line: 13,
      done: true,
    });
    assert.deepEqual(parseFromWebview({ type: 'openExternal', url: 'https://react.dev/learn' }), { type: 'openExternal', url: 'https://react.dev/learn' });
  });

  it('refuses paths, commands, other schemes and malformed values', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'openAgendaItem', relationship: '/home/sam/notes', id: 'abcd1234' },
      { type: 'openAgendaItem', relationship: 'r0', id: '../../etc/passwd' },
      { type: 'openAgendaItem', relationship: 'r0', id: '--upload-pack=touch /tmp/x' },
      { type: 'openSessionFile', relationship: 'r0', id: 'sessions/x.md' },
      { type: 'setActionItemDone', relationship: 'r0', session: 'x', line: 1.5, done: true },
      { type: 'setActionItemDone', relationship: 'r0', session: 'x', line: 1, done: 'true' },
      { type: 'openExternal', url: 'javascript:alert(1)' },
      { type: 'openExternal', url: 'command:workbench.action.terminal.new' },
      { type: 'openExternal', url: 'file:///etc/passwd' },
      { type: 'openExternal', url: 'https://user:token@example.com/' },
      { type: 'openExternal', url: 'http://localhost:3000/admin' },
      { type: 'openExternal', url: 'http://127.0.0.1:8080/' },
      { type: 'openExternal', url: 'http://[::1]/' },
      { type: 'openExternal', url: 'http://app.localhost/' },
      { type: 'openExternal', url: 'http://0.0.0.0:9229/json' },
      { type: 'executeCommand', command: 'git.push' },
      { type: 'rendered', ms: 'fast', entries: 1 },
      { type: 'loadBody', key: '/etc/passwd' },
      { type: 'loadBody', key: 'r0:session:../../x' },
      { type: 'search', query: 'x'.repeat(501), seq: 1 },
      { type: 'search', query: 'x', seq: '1' },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });

  it('random payloads never parse into an action with a bad id (fuzz)', () => {
    const alphabet = ['', 'r0', 'r12345', '../x', 'abc', 'ABC', '-x', 'a b', '\u0000', 'https://x', 'javascript:x', 1, -1, 1e9, true, null, {}, []];
    const types = ['ready', 'openAgendaItem', 'openSessionFile', 'setActionItemDone', 'openExternal', 'rendered', 'loadBody', 'search', 'nope', 7];
    const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)] as T;
    for (let i = 0; i < 5_000; i++) {
      const payload = { type: pick(types), relationship: pick(alphabet), id: pick(alphabet), session: pick(alphabet), line: pick(alphabet), done: pick(alphabet), url: pick(alphabet), ms: pick(alphabet), entries: pick(alphabet), key: pick([...alphabet, 'r0:session:abc', 'r0:x:abc']), query: pick(alphabet), seq: pick(alphabet) };
      const parsed = parseFromWebview(payload);
      if (!parsed || parsed.type === 'ready' || parsed.type === 'rendered') continue;
      if (parsed.type === 'openExternal') assert.match(parsed.url, /^https?:\/\/[^@]*$/);
      else if (parsed.type === 'loadBody') assert.equal(parsed.key, 'r0:session:abc');
      else if (parsed.type === 'search') assert.ok(typeof parsed.query === 'string' && parsed.query.length <= 500 && Number.isSafeInteger(parsed.seq));
      else {
        assert.match(parsed.relationship, /^r\d{1,4}$/);
        const id = parsed.type === 'setActionItemDone' ? parsed.session : parsed.id;
        assert.match(id, /^[a-z0-9][a-z0-9-]*$/);
      }
    }
  });
});
