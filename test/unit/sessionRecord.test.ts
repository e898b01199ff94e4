import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkedFollowUps, ownerOf, parseSession, ratingProblem, renderSessionTemplate, sessionFileName, setActionItemDone, setSessionField } from '../../src/core/sessionRecord';

const SAMPLE = readFileSync(path.join(__dirname, '../../../test/fixtures/sample-notes/sessions/2026-11-02-b7d3n9p5.md'), 'utf8');

describe('core/sessionRecord parseSession', () => {
  it('reads the sample session: front matter, title, sections, takeaways and action items', () => {
    const result = parseSession(SAMPLE);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problem));
    const { session } = result;
    assert.equal(session.date, '2026-11-02');
    assert.equal(session.minutes, 75);
    assert.equal(session.rating, 5);
    assert.equal(session.mode, 'pairing');
    assert.deepEqual(session.participants, ['sam@example.com', 'alex@example.com']);
    assert.equal(session.title, 'Session 2: immutable updates');
    assert.deepEqual([...session.sections.keys()], ['Check-in', 'Follow-ups', 'Discussed', 'Takeaways', 'Action items', 'Feedback']);
    assert.equal(session.takeaways.length, 2);
    assert.match(session.takeaways[1] ?? '', /^Never mutate state/);
    assert.equal(session.actionItems.length, 2);
    const first = session.actionItems[0]!;
    const second = session.actionItems[1]!;
    assert.equal(first.owner, 'Sam');
    assert.equal(second.owner, 'Alex');
    assert.equal(first.section, 'Action items');
    assert.equal(first.done, false);
    // Line numbers point at the task line in the whole file.
    assert.match(SAMPLE.split('\n')[first.line] ?? '', /^- \[ \] Sam: replace the totals effect/);
    assert.match(SAMPLE.split('\n')[second.line] ?? '', /^- \[ \] Alex: send the article/);
  });

  it('ignores task-like lines inside code fences', () => {
    const text = '---\ndate: 2026-01-05\n---\n## Action items\n```md\n- [ ] not a task\n```\n- [x] a real one\n';
    const result = parseSession(text);
    assert.ok(result.ok);
    assert.deepEqual(result.session.actionItems.map((a) => [a.text, a.done, a.line]), [['a real one', true, 7]]);
  });

  it('reports wrong types with the reason and line, never guessing', () => {
    const cases: [string, RegExp, number][] = [
      ['---\ndate: yesterday\n---\n', /"date" must be a date/, 2],
      ['---\ndate: 2026-01-05\nrating: 7\n---\n', /"rating" must be a whole number from 1 to 5/, 3],
      ['---\ndate: 2026-01-05\nmentor_rating: 2.5\n---\n', /"mentor_rating"/, 3],
      ['---\ndate: 2026-01-05\nstart: 4pm\n---\n', /"start" must be a time/, 3],
      ['---\ndate: 2026-01-05\nparticipants: sam\n---\n', /"participants" must be a list/, 3],
      ['---\ndate: 2026-01-05\nmode: carrier pigeon\n---\n', /"mode" must be one of/, 3],
      ['---\ndate: 2026-01-05\nagenda: [1, 2]\n---\n', /"agenda" must be a list/, 3],
      ['---\ndate: [\n---\n', /./, 3],
      ['no front matter', /does not start/, 1],
    ];
    for (const [text, reason, line] of cases) {
      const result = parseSession(text);
      assert.equal(result.ok, false, text);
      if (!result.ok) {
        assert.match(result.problem.reason, reason, text);
        assert.equal(result.problem.line, line, text);
      }
    }
  });

  it('treats an absent or null rating as not rated yet', () => {
    const result = parseSession('---\ndate: 2026-01-05\nrating: null\n---\n');
    assert.ok(result.ok);
    assert.equal(result.session.rating, undefined);
    assert.equal(result.session.title, 'Session on 2026-01-05');
  });
});

describe('core/sessionRecord rating rules', () => {
  it('accepts whole numbers 1–5 and nothing else', () => {
    for (const ok of [1, 2, 3, 4, 5, undefined, null]) assert.equal(ratingProblem(ok), undefined, String(ok));
    for (const bad of [0, 6, 2.5, '4', -1, true]) assert.ok(ratingProblem(bad), String(bad));
  });
});

describe('core/sessionRecord action items', () => {
  it('names owners from "Name:" or "(owner: Name)" and not from ordinary colons', () => {
    assert.equal(ownerOf('Sam: read the chapter'), 'Sam');
    assert.equal(ownerOf('Read the chapter (owner: Alex Kim)'), 'Alex Kim');
    assert.equal(ownerOf('read this: the chapter'), undefined);
    assert.equal(ownerOf('Note that this: is not an owner'), undefined);
  });

  it('checks off exactly the given line and keeps everything else byte for byte', () => {
    const result = parseSession(SAMPLE);
    assert.ok(result.ok);
    const target = result.session.actionItems[1]!;
    const updated = setActionItemDone(SAMPLE, target.line, true, target.text);
    assert.ok(updated);
    const before = SAMPLE.split('\n');
    const after = updated.split('\n');
    assert.equal(after.length, before.length);
    after.forEach((line, i) => (i === target.line ? assert.equal(line, (before[i] ?? '').replace('[ ]', '[x]')) : assert.equal(line, before[i])));
    const reread = parseSession(updated);
    assert.ok(reread.ok);
    assert.deepEqual(reread.session.actionItems.map((a) => a.done), [false, true]);
    assert.equal(setActionItemDone(updated, target.line, false, target.text), SAMPLE);
  });

  it('refuses when the line is no longer that task (the file changed since it was read)', () => {
    assert.equal(setActionItemDone(SAMPLE, 0, true), undefined);
    const result = parseSession(SAMPLE);
    assert.ok(result.ok);
    assert.equal(setActionItemDone(SAMPLE, result.session.actionItems[0]!.line, true, 'something else'), undefined);
  });

  it('keeps CRLF line endings', () => {
    const text = '---\r\ndate: 2026-01-05\r\n---\r\n- [ ] one\r\n- [ ] two\r\n';
    const result = parseSession(text);
    assert.ok(result.ok);
    assert.equal(setActionItemDone(text, result.session.actionItems[1]!.line, true), '---\r\ndate: 2026-01-05\r\n---\r\n- [ ] one\r\n- [x] two\r\n');
  });
});

describe('core/sessionRecord template', () => {
  it('renders the session routine prefilled from the facts, and parses back', () => {
    const text = renderSessionTemplate(
      { date: '2026-11-23', start: '16:00', end: '17:10', minutes: 70, participants: ['sam@example.com', 'alex@example.com'], mode: 'pairing', agendaItemIds: ['k3m9q2xa'] },
      [{ sessionDate: '2026-11-02', text: 'Sam: replace the totals effect' }],
      [{ id: 'k3m9q2xa', title: 'Why does [this] re-render?', where: 'src/cart.ts:15' }],
    );
    const result = parseSession(text);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problem));
    const { session } = result;
    assert.deepEqual([...session.sections.keys()], ['Check-in', 'Follow-ups', 'Discussed', 'Takeaways', 'Action items', 'Feedback']);
    assert.equal(session.minutes, 70);
    assert.deepEqual(session.agenda, ['k3m9q2xa']);
    assert.equal(session.rating, undefined);
    assert.match(session.sections.get('Follow-ups') ?? '', /Sam: replace the totals effect _\(from 2026-11-02\)_/);
    assert.equal(session.sections.get('Discussed'), '- [Why does \\[this\\] re-render?](mentorship:agenda/k3m9q2xa) · `src/cart.ts:15`');
  });

  it('lists follow-ups as checkboxes; checked ones name the item they close, unchecked ones carry over', () => {
    const text = renderSessionTemplate(
      { date: '2026-11-23', participants: [], mode: 'pairing', agendaItemIds: [] },
      [
        { sessionDate: '2026-11-02', text: 'Sam: replace the totals effect' },
        { sessionDate: '2026-10-19', text: 'Alex: send the article (owner: Alex)' },
      ],
      [],
    );
    assert.match(text, /## Follow-ups\n- \[ \] Sam: replace the totals effect _\(from 2026-11-02\)_\n- \[ \] Alex: send the article \(owner: Alex\) _\(from 2026-10-19\)_\n/);
    const written = text.replace('- [ ] Sam: replace', '- [x] Sam: replace');
    const result = parseSession(written);
    assert.ok(result.ok);
    assert.deepEqual(checkedFollowUps(result.session), [{ text: 'Sam: replace the totals effect', sessionDate: '2026-11-02' }]);
    // A checked action item outside Follow-ups is this session's own, not a mirror.
    const own = parseSession(written.replace('## Action items\n- [ ] ', '## Action items\n- [x] Ship it _(from 2026-11-02)_'));
    assert.ok(own.ok);
    assert.equal(checkedFollowUps(own.session).length, 1);
  });

  it('sets a rating in the front matter without touching the text', () => {
    const updated = setSessionField(SAMPLE, 'rating', 3);
    assert.ok(updated);
    const result = parseSession(updated);
    assert.ok(result.ok);
    assert.equal(result.session.rating, 3);
    assert.equal(result.session.body, (parseSession(SAMPLE) as { ok: true; session: { body: string } }).session.body);
    assert.equal(sessionFileName('2026-11-23', 'ab12cd34'), 'sessions/2026-11-23-ab12cd34.md');
  });

  it('changes only the one line: comments, quoting and order are kept, the YAML is never re-dumped', () => {
    const text = '---\r\ndate: 2026-01-01 # the day\r\nparticipants: [ sam , alex ]\r\nrating: 2\r\n---\r\nBody\r\n';
    assert.equal(setSessionField(text, 'rating', 4), text.replace('rating: 2', 'rating: 4'));
    assert.equal(setSessionField(text, 'mentor_rating', 5), text.replace('rating: 2\r\n', 'rating: 2\r\nmentor_rating: 5\r\n'));
    assert.equal(setSessionField(text, 'end', '17:30'), text.replace('rating: 2\r\n', 'rating: 2\r\nend: "17:30"\r\n'));
    assert.equal(setSessionField(text, 'rating', undefined), text.replace('rating: 2\r\n', ''));
  });

  it('a file with aliases is rated by one line, never expanded', () => {
    const text = '---\ndate: 2026-01-01\nx: &x [1, 2]\ny: *x\n---\n';
    assert.equal(setSessionField(text, 'rating', 5), '---\ndate: 2026-01-01\nx: &x [1, 2]\ny: *x\nrating: 5\n---\n');
  });
});
