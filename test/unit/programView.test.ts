import { strict as assert } from 'node:assert';
import type { ProgramSummary } from '../../src/core/programSummary';
import { programLocationProblem } from '../../src/core/programLocation';
import { attentionFlags, programCharts, programRow, programRows } from '../../src/core/programView';
import { programCsp, programHtml } from '../../src/program/programHtml';

const base: ProgramSummary = {
  format: 1,
  mentee: 'Sam Rivera',
  mentor: 'Alex Chen',
  status: 'active',
  cadence: 'every two weeks',
  published: '2026-11-29',
  sessions_held: 4,
  sessions_planned: 6,
  minutes: 240,
  days_since_last_sync: 12,
  next_sync: '2026-12-01',
  sessions_per_month: { '2026-10': 2, '2026-11': 2 },
  open_action_items: 2,
  blockers: 0,
  rating_trend: 'steady',
  ratings: { '1': 0, '2': 0, '3': 2, '4': 2, '5': 0 },
};
const now = new Date(2026, 10, 29, 10); // Sunday 29 Nov 2026

describe('core/programView', () => {
  it('describes a relationship as the Program view lists it', () => {
    assert.deepEqual(programRow(base, now), { label: 'Sam Rivera ↔ Alex Chen', description: '4 of 6 sessions · last 12 days ago · next Tue', flags: [], state: 'on track' });
    // Published three days ago: the days since the last sync keep counting.
    assert.equal(programRow({ ...base, published: '2026-11-26', next_sync: null }, now).description, '4 of 6 sessions · last 15 days ago · no next sync');
    assert.equal(programRow({ ...base, sessions_held: 0 }, now).description, '0 of 6 sessions · no sync yet · next Tue');
  });

  it('flags a slipped cadence, falling ratings and used-up sessions; closed ones never', () => {
    assert.deepEqual(attentionFlags({ ...base, next_sync: null, days_since_last_sync: 28 }, now), ['slipped cadence']);
    assert.deepEqual(attentionFlags({ ...base, next_sync: '2026-11-20', days_since_last_sync: 30 }, now), ['slipped cadence'], 'a next sync in the past does not count');
    assert.deepEqual(attentionFlags({ ...base, rating_trend: 'falling' }, now), ['falling ratings']);
    assert.deepEqual(attentionFlags({ ...base, sessions_held: 6 }, now), ['sessions used up']);
    assert.deepEqual(attentionFlags({ ...base, status: 'closed', sessions_held: 6, rating_trend: 'falling' }, now), []);
    const rows = programRows([{ ...base, mentee: 'Ada' }, { ...base, mentee: 'Zed', rating_trend: 'falling' }], now);
    assert.deepEqual(rows.map((r) => [r.label, r.state]), [['Zed ↔ Alex Chen', 'needs attention'], ['Ada ↔ Alex Chen', 'on track']]);
  });

  it('sums the charts from published numbers only; ratings only of those who share them', () => {
    const charts = programCharts([base, { ...base, sessions_per_month: { '2026-11': 1, '2026-12': 3 }, ratings: null, rating_trend: null, sessions_held: 6 }, { ...base, status: 'closed' }], now);
    assert.deepEqual(charts.sessionsPerMonth, [
      { month: '2026-10', sessions: 4 },
      { month: '2026-11', sessions: 5 },
      { month: '2026-12', sessions: 3 },
    ]);
    assert.deepEqual(charts.ratingDistribution.map((r) => r.count), [0, 0, 4, 4, 0]);
    assert.equal(charts.sharingRatings, 2);
    assert.deepEqual(charts.byState, [
      { state: 'on track', count: 1 },
      { state: 'needs attention', count: 0 },
      { state: 'sessions used up', count: 1 },
      { state: 'closed', count: 1 },
    ]);
  });

  it('renders the charts under a CSP that runs no script, with bars sized by attributes', () => {
    const html = programHtml(programCharts([base], now), 'n0nce+/=');
    assert.ok(html.includes(`content="${programCsp('n0nce+/=')}"`));
    assert.match(programCsp('x'), /default-src 'none'; script-src 'none'; style-src 'nonce-x'/);
    assert.doesNotMatch(html, /<script|unsafe-inline|style="/);
    assert.match(html, /<g class="bar" data-label="2026-10" data-value="2">/);
    assert.match(html, /<g class="bar" data-label="on track" data-value="1">/);
  });

  it('refuses a program repo inside a workspace folder or overlapping a notes repo', () => {
    assert.match(programLocationProblem('/work/app/program', ['/work/app'], []) ?? '', /^The program repo \/work\/app\/program is inside the workspace folder \/work\/app\. Summaries there could/);
    assert.match(programLocationProblem('/home/sam/notes/program', [], ['/home/sam/notes']) ?? '', /overlaps the notes repo/);
    assert.equal(programLocationProblem('/home/sam/program', ['/work/app'], ['/home/sam/notes']), undefined);
  });
});
