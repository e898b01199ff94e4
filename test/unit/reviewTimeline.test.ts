import { strict as assert } from 'node:assert';
import type { AgendaItem } from '../../src/core/agendaItem';
import type { AsyncUpdate } from '../../src/core/asyncUpdate';
import { buildTimeline, filterTimeline, ratingSeries, type TimelineEntry } from '../../src/core/reviewTimeline';
import { parseSession, type SessionRecord } from '../../src/core/sessionRecord';

function session(frontMatter: string, body = ''): SessionRecord {
  const result = parseSession(`---\n${frontMatter}\n---\n${body}`);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problem));
  return result.session;
}

function agenda(id: string, created: string, tags: string[], status: AgendaItem['status'] = 'open'): AgendaItem {
  return {
    id,
    created,
    author: 'sam@example.com',
    status,
    tags,
    question: `**Why** does ${id} happen?\nMore detail.`,
    anchor: { repository: 'r', dirty: false, path: `src/${id}.ts`, range: { startLine: 0, endLine: 0 }, snippet: 'x', contextBefore: [], contextAfter: [] },
  };
}

const update = (date: string, sections: AsyncUpdate['sections'], author = 'sam@example.com'): AsyncUpdate => ({ date, author, sections });

const BODY = [
  '# Session 2: immutable updates',
  '## Takeaways',
  '- Never mutate state',
  '- Derive, do not sync',
  '- ',
  '## Action items',
  '- [ ] Sam: replace the effect',
  '- [x] Alex: send the article',
  '- [ ] ',
].join('\n');

const INPUT = {
  sessions: [
    { file: 'sessions/2026-11-02-bbbb.md', session: session('date: 2026-11-02\nminutes: 75\nrating: 5\nmentor_rating: 4\nagenda: [hooks, perf, gone]', BODY) },
    { file: 'sessions/2026-11-09-aaaa.md', session: session('date: 2026-11-09\nrating: 2', '## Action items\n- [x] done already\n') },
    { file: 'sessions/2026-11-16-cccc.md', session: session('date: 2026-11-16\nmentor_rating: 3') },
  ],
  agenda: [agenda('hooks', '2026-11-01T09:00:00Z', ['React', 'hooks']), agenda('perf', '2026-11-02T10:00:00Z', ['performance', 'react'], 'discussed')],
  updates: [
    { file: 'updates/2026-11-02-u1.md', update: update('2026-11-02', { Achievements: 'Shipped', Blockers: '  ', Celebrations: 'Yay' }) },
    { file: 'updates/2026-11-20-u2.md', update: update('2026-11-20', { Challenges: 'Tests' }, '') },
  ],
};

const ids = (entries: readonly TimelineEntry[]): string[] => entries.map((e) => e.id);

describe('core/reviewTimeline', () => {
  const timeline = buildTimeline(INPUT);

  it('orders newest first; on one day sessions, then updates, then agenda items', () => {
    assert.deepEqual(ids(timeline), [
      'update:updates/2026-11-20-u2.md',
      'session:sessions/2026-11-16-cccc.md',
      'session:sessions/2026-11-09-aaaa.md',
      'session:sessions/2026-11-02-bbbb.md',
      'update:updates/2026-11-02-u1.md',
      'agenda:perf',
      'agenda:hooks',
    ]);
    assert.deepEqual(
      timeline.map((e) => e.date),
      ['2026-11-20', '2026-11-16', '2026-11-09', '2026-11-02', '2026-11-02', '2026-11-02', '2026-11-01'],
    );
  });

  it('breaks ties of the same day and kind by id', () => {
    const twoSameDay = buildTimeline({ sessions: [], updates: [], agenda: [agenda('zz', '2026-01-01T10:00:00Z', []), agenda('aa', '2026-01-01T23:00:00Z', [])] });
    assert.deepEqual(ids(twoSameDay), ['agenda:aa', 'agenda:zz']);
  });

  it('summarizes a session: counts, ratings, and the tags of the agenda items it covered', () => {
    const entry = timeline.find((e) => e.id === 'session:sessions/2026-11-02-bbbb.md');
    assert.ok(entry?.kind === 'session');
    assert.equal(entry.title, 'Session 2: immutable updates');
    assert.equal(entry.minutes, 75);
    assert.equal(entry.rating, 5);
    assert.equal(entry.mentorRating, 4);
    assert.equal(entry.takeawayCount, 2);
    // The empty template line `- [ ] ` is not an action item.
    assert.equal(entry.actionItemCount, 2);
    assert.equal(entry.openActionItems, 1);
    assert.deepEqual(entry.tags, ['React', 'hooks', 'performance']);
    assert.deepEqual(entry.agendaIds, ['hooks', 'perf', 'gone']);
    const bare = timeline.find((e) => e.id === 'session:sessions/2026-11-16-cccc.md');
    assert.ok(bare?.kind === 'session');
    assert.equal(bare.title, 'Session on 2026-11-16');
    assert.equal(bare.rating, undefined);
    assert.deepEqual([bare.takeawayCount, bare.actionItemCount, bare.openActionItems, bare.tags.length], [0, 0, 0, 0]);
  });

  it('summarizes agenda items and updates', () => {
    const perf = timeline.find((e) => e.id === 'agenda:perf');
    assert.deepEqual(perf, { kind: 'agenda', id: 'agenda:perf', date: '2026-11-02', title: 'Why does perf happen?', status: 'discussed', tags: ['performance', 'react'], path: 'src/perf.ts' });
    const u1 = timeline.find((e) => e.id === 'update:updates/2026-11-02-u1.md');
    assert.deepEqual(u1, { kind: 'update', id: 'update:updates/2026-11-02-u1.md', date: '2026-11-02', title: 'Update from sam@example.com', sections: ['Achievements', 'Celebrations'] });
    const u2 = timeline.find((e) => e.id === 'update:updates/2026-11-20-u2.md');
    assert.equal(u2?.title, 'Update on 2026-11-20');
  });

  it('filters by kind', () => {
    assert.deepEqual(ids(filterTimeline(timeline, { kinds: ['agenda'] })), ['agenda:perf', 'agenda:hooks']);
    assert.deepEqual(ids(filterTimeline(timeline, { kinds: ['update', 'agenda'] })), ['update:updates/2026-11-20-u2.md', 'update:updates/2026-11-02-u1.md', 'agenda:perf', 'agenda:hooks']);
    assert.equal(filterTimeline(timeline, {}).length, timeline.length);
  });

  it('filters by tag, case-insensitively, on session and agenda tags', () => {
    assert.deepEqual(ids(filterTimeline(timeline, { tag: 'REACT' })), ['session:sessions/2026-11-02-bbbb.md', 'agenda:perf', 'agenda:hooks']);
    assert.deepEqual(ids(filterTimeline(timeline, { tag: 'Performance' })), ['session:sessions/2026-11-02-bbbb.md', 'agenda:perf']);
    assert.deepEqual(filterTimeline(timeline, { tag: 'reac' }), []);
  });

  it('keeps only sessions with open action items', () => {
    assert.deepEqual(ids(filterTimeline(timeline, { openActionItemsOnly: true })), ['session:sessions/2026-11-02-bbbb.md']);
    assert.equal(filterTimeline(timeline, { openActionItemsOnly: false }).length, timeline.length);
  });

  it('filters sessions by rating, dropping unrated sessions and leaving other kinds alone', () => {
    const sessionIds = (filter: Parameters<typeof filterTimeline>[1]): string[] => ids(filterTimeline(timeline, filter).filter((e) => e.kind === 'session'));
    assert.deepEqual(sessionIds({ minRating: 3 }), ['session:sessions/2026-11-02-bbbb.md']);
    assert.deepEqual(sessionIds({ maxRating: 3 }), ['session:sessions/2026-11-09-aaaa.md']);
    assert.deepEqual(sessionIds({ minRating: 2, maxRating: 5 }), ['session:sessions/2026-11-09-aaaa.md', 'session:sessions/2026-11-02-bbbb.md']);
    assert.deepEqual(sessionIds({ minRating: 1 }).includes('session:sessions/2026-11-16-cccc.md'), false);
    assert.equal(filterTimeline(timeline, { minRating: 5 }).filter((e) => e.kind !== 'session').length, 4);
  });

  it('combines filters', () => {
    assert.deepEqual(ids(filterTimeline(timeline, { tag: 'hooks', minRating: 4, kinds: ['session'] })), ['session:sessions/2026-11-02-bbbb.md']);
    assert.deepEqual(filterTimeline(timeline, { tag: 'hooks', maxRating: 4, kinds: ['session'] }), []);
  });

  it('gives the rating series oldest first, sessions with a rating only', () => {
    assert.deepEqual(ratingSeries(timeline), [
      { date: '2026-11-02', rating: 5, mentorRating: 4 },
      { date: '2026-11-09', rating: 2 },
      { date: '2026-11-16', mentorRating: 3 },
    ]);
    assert.deepEqual(ratingSeries(filterTimeline(timeline, { kinds: ['agenda'] })), []);
  });
});
