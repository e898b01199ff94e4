import { strict as assert } from 'node:assert';
import { isReplyBy, newReplyId, replySummary, parseAgendaReply, renderAgendaReply, replyPath, sortReplies, type AgendaReply } from '../../src/core/agendaReply';
import type { AgendaItem } from '../../src/core/agendaItem';
import { searchTextOf } from '../../src/core/reviewFilters';
import { buildReviewModel, type ReviewSource } from '../../src/core/reviewModel';
import { ReviewSearchIndex } from '../../src/core/reviewSearch';
import { displayBody, sameCode, suggestedChanges } from '../../src/core/suggestedChange';
import { checkNotePath } from '../../src/notes/notesRepo';

const REPLY: AgendaReply = {
  id: '20261129t221005z-alex-example-com-k3j9',
  item: 'k3m9q2xa',
  author: 'alex@example.com',
  authorName: 'Alex Chen',
  created: '2026-11-29T22:10:05.000Z',
  body: 'Mutating `existing` is the bug:\n\n```suggestion\n  return { ...cart, lines };\n```',
};

describe('core/agendaReply', () => {
  it('names a reply file by UTC time, author and a random tail, inside the item folder, as a notes-repo path', () => {
    const id = newReplyId(new Date('2026-11-29T22:10:05.123Z'), 'Alex.Chen+mentor@Example.com', 'k3j9');
    assert.equal(id, '20261129t221005z-alex-chen-mentor-example-com-k3j9');
    assert.equal(replyPath('k3m9q2xa', id), `agenda/k3m9q2xa/replies/${id}.md`);
    assert.doesNotThrow(() => checkNotePath(replyPath('k3m9q2xa', id)));
    assert.equal(newReplyId(new Date('2026-01-02T03:04:05Z'), '!!!', 'zz99'), '20260102t030405z-someone-zz99');
  });

  it('renders front matter and body and parses back the same reply', () => {
    const text = renderAgendaReply(REPLY);
    assert.match(text, /^---\nitem: k3m9q2xa\nauthor: alex@example\.com\nauthor_name: Alex Chen\ncreated: '?2026-11-29T22:10:05\.000Z'?\n---\n\nMutating/);
    const parsed = parseAgendaReply(text, `${REPLY.id}.md`);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.reply, REPLY);
    const edited = parseAgendaReply(renderAgendaReply({ ...REPLY, edited: '2026-11-30T08:00:00.000Z' }), `${REPLY.id}.md`);
    assert.ok(edited.ok);
    assert.equal(edited.reply.edited, '2026-11-30T08:00:00.000Z');
  });

  it('reports bad files with a reason and a line instead of throwing', () => {
    const name = `${REPLY.id}.md`;
    const cases: [string, string, RegExp][] = [
      ['', name, /front matter/],
      ['\u0000\u0001binary', name, /binary/],
      ['---\nitem: [unclosed\n---\nbody', name, /./],
      ['---\nitem: ../../etc\nauthor: a@b\ncreated: 2026-11-29T00:00:00Z\n---\nx', name, /"item"/],
      ['---\nitem: abc\ncreated: 2026-11-29T00:00:00Z\n---\nx', name, /"author"/],
      ['---\nitem: abc\nauthor: a@b\ncreated: yesterday\n---\nx', name, /"created"/],
      ['---\nitem: abc\nauthor: a@b\ncreated: 2026-11-29T00:00:00Z\nedited: 12\n---\nx', name, /"edited"/],
      ['---\nitem: abc\nauthor: a@b\ncreated: 2026-11-29T00:00:00Z\n---\nx', 'notes.md', /not a reply file name/],
      [`---\nitem: abc\nauthor: a@b\ncreated: 2026-11-29T00:00:00Z\n---\n${'x'.repeat(100_001)}`, name, /longer than/],
    ];
    for (const [text, file, reason] of cases) {
      const parsed = parseAgendaReply(text, file);
      assert.ok(!parsed.ok, `${JSON.stringify(text.slice(0, 40))} should be refused`);
      assert.match(parsed.problem.reason, reason);
      assert.ok(parsed.problem.line >= 1);
    }
    const wrongType = parseAgendaReply('---\nitem: abc\nauthor:\n  - a\ncreated: 2026-11-29T00:00:00Z\n---\nx', name);
    assert.ok(!wrongType.ok);
    assert.equal(wrongType.problem.line, 3, 'the line of the bad key');
  });

  it('summarizes a reply in one line of prose, skipping code', () => {
    assert.equal(replySummary('  \n**Keep** cents as `integers`.\nMore.'), 'Keep cents as integers.');
    assert.equal(replySummary('```suggestion\nconst a = 1;\n```\n\nThis reads better.'), 'This reads better.');
    assert.equal(replySummary('```suggestion\nconst a = 1;\n```'), '(suggested a change)');
    assert.equal(replySummary('```ts\nx\n```'), '(code only)');
  });

  it('sorts replies by time and tells one own reply by email, without case', () => {
    const later = { ...REPLY, id: '20261130t080000z-sam-example-com-aaaa', author: 'Sam@Example.com' };
    assert.deepEqual(sortReplies([later, REPLY]).map((r) => r.id), [REPLY.id, later.id]);
    assert.ok(isReplyBy(later, 'sam@example.com'));
    assert.ok(!isReplyBy(REPLY, 'sam@example.com'));
    assert.ok(!isReplyBy({ ...REPLY, author: '' }, ''), 'no identity owns nothing');
  });
});

describe('core/suggestedChange', () => {
  it('finds ```suggestion blocks (backticks or tildes, unclosed to the end) and nothing else', () => {
    assert.deepEqual(suggestedChanges(REPLY.body), [{ code: '  return { ...cart, lines };' }]);
    assert.deepEqual(suggestedChanges('```ts\nnot a suggestion\n```'), []);
    assert.deepEqual(suggestedChanges('~~~~suggestion\na\n~~~~\n\n````suggestion\nb\n```\nc\n````'), [{ code: 'a' }, { code: 'b\n```\nc' }]);
    assert.deepEqual(suggestedChanges('```suggestion\n'), [{ code: '' }], 'an empty suggestion deletes the lines');
    assert.deepEqual(suggestedChanges('```suggestion\nx\r\ny'), [{ code: 'x\ny' }]);
  });

  it('compares code ignoring line endings and trailing blanks only', () => {
    assert.ok(sameCode('a  \r\nb\n\n', 'a\nb'));
    assert.ok(!sameCode('a\nb', 'a\n b'));
  });

  it('labels a suggestion block for display and keeps its code', () => {
    const shown = displayBody(REPLY.body, 'ts');
    assert.match(shown, /\*\*Suggested change\*\*/);
    assert.ok(shown.includes('```ts\n  return { ...cart, lines };\n```'), shown);
  });
});

describe('core/reviewModel with replies', () => {
  it('shows the replies under the agenda item\'s question, and search finds them', () => {
    const item: AgendaItem = {
      id: 'k3m9q2xa',
      created: '2026-11-18T09:12:00Z',
      author: 'sam@example.com',
      status: 'open',
      tags: [],
      question: 'Why does the total drift?',
      anchor: { repository: 'r', dirty: false, path: 'src/cart.ts', range: { startLine: 1, endLine: 2 }, snippet: 'x', contextBefore: [], contextAfter: [] },
    };
    const source: ReviewSource = { label: 'Sam with Alex', closed: false, sessions: [], updates: [], agenda: [item], replies: new Map([[item.id, [REPLY, { ...REPLY, id: `${REPLY.id}x`, authorName: 'Sam <b>', body: 'Thanks!', edited: '2026-11-30T00:00:00Z' }]]]), problems: [] };
    const { model, markdown } = buildReviewModel([source]);
    const key = model.entries[0]?.key ?? '';
    const text = markdown.get(key) ?? '';
    assert.ok(text.startsWith('Why does the total drift?\n\n---\n\n#### Replies (2)\n\n**Alex Chen** · 2026-11-29\n\nMutating `existing` is the bug:'), text);
    assert.ok(text.includes('**Sam \\<b\\>** · 2026-11-29 · edited\n\nThanks!'), 'names are plain text');
    const index = new ReviewSearchIndex(model.entries.map((e) => ({ id: e.key, kind: e.kind, title: e.title, text: searchTextOf(e, markdown.get(e.key) ?? '') })));
    assert.deepEqual(index.search('cart lines').map((hit) => hit.id), [key], 'a word only in a reply finds the item');
    assert.deepEqual(buildReviewModel([{ ...source, replies: undefined }]).markdown.get(key), 'Why does the total drift?');
  });
});
