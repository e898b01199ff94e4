import { strict as assert } from 'node:assert';
import { parseAgreement, renderAgreement, type Agreement } from '../../src/core/agreement';
import { parseAsyncUpdate, renderAsyncUpdate, type AsyncUpdate } from '../../src/core/asyncUpdate';
import { consentState, withConsent } from '../../src/core/programConsent';
import { buildProgramSummary, parseProgramSummary, ratingTrend, renderProgramSummary, summaryFacts, summaryFileName, SUMMARY_FIELDS } from '../../src/core/programSummary';
import { parseSession, type SessionRecord } from '../../src/core/sessionRecord';

// Words that appear nowhere but in these notes: none may reach a summary.
const DISTINCTIVE = ['Quokkaflux', 'zanzibarwidget', 'PLUMBUSORACLE', 'velvetmarmoset', 'grizzlecache', 'octarinepivot', 'snarkhunter.ts', 'fizzlewhump', 'Xylocarp', 'tr0mbone-secret'];

const agreement: Agreement = {
  mentee: { name: 'Sam Rivera', email: 'sam@quokkaflux.example' },
  mentor: { name: 'Alex Chen', email: 'alex@zanzibarwidget.example' },
  purpose: 'Learn PLUMBUSORACLE internals and velvetmarmoset patterns',
  sessionsPlanned: 6,
  minutesPerSession: 60,
  cadence: 'every two weeks',
  started: '2026-09-01',
  status: 'active',
  text: '# Mentorship\n\nConfidential: grizzlecache and octarinepivot.\n',
  programConsent: { mentee: { publish: true, shareRatings: true }, mentor: { publish: true, shareRatings: true } },
};

function session(date: string, minutes: number | undefined, rating: number | undefined, words: string): SessionRecord {
  const text = [
    '---',
    `date: ${date}`,
    ...(minutes === undefined ? [] : [`minutes: ${minutes}`]),
    'participants: [sam@quokkaflux.example]',
    `rating: ${rating ?? 'null'}`,
    '---',
    `# Session about ${words}`,
    '## Discussed',
    `- [${words} in snarkhunter.ts](mentorship:agenda/abcd1234) · \`snarkhunter.ts:12\``,
    '## Takeaways',
    `- ${words} fizzlewhump`,
    '## Action items',
    `- [ ] Sam: read about ${words}`,
    '- [x] Alex: send Xylocarp notes',
    '',
  ].join('\n');
  const parsed = parseSession(text);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.session;
}

function update(date: string, blockers: string): AsyncUpdate {
  const parsed = parseAsyncUpdate(renderAsyncUpdate({ date, author: 'sam@quokkaflux.example', sections: { Achievements: 'Shipped Quokkaflux', Blockers: blockers, Celebrations: 'tr0mbone-secret' } }));
  assert.ok(parsed.ok);
  return parsed.update;
}

describe('core/programSummary', () => {
  const sessions = [session('2026-10-01', 55, 2, 'Quokkaflux'), session('2026-10-15', undefined, 3, 'PLUMBUSORACLE'), session('2026-11-02', 70, 4, 'grizzlecache'), session('2026-11-17', 65, 5, 'octarinepivot')];
  const updates = [update('2026-11-10', 'zanzibarwidget is down'), update('2026-11-20', 'velvetmarmoset blocks me'), update('2026-11-21', '')];
  const now = new Date(2026, 10, 29, 10);
  const nextSync = { start: new Date(2026, 11, 8, 14).toISOString(), minutes: 60, scheduledBy: 'sam@quokkaflux.example' };

  it('has exactly the documented fields and numbers, and no word of the notes', () => {
    const parsedAgreement = parseAgreement(renderAgreement(agreement));
    assert.ok(parsedAgreement.ok);
    const summary = buildProgramSummary(summaryFacts(parsedAgreement.agreement, { sessions, updates, openActionItems: 4, nextSync }, true), now);
    const text = renderProgramSummary(summary);
    assert.deepEqual(Object.keys(JSON.parse(text)), [...SUMMARY_FIELDS]);
    assert.deepEqual(JSON.parse(text), {
      format: 1,
      mentee: 'Sam Rivera',
      mentor: 'Alex Chen',
      status: 'active',
      cadence: 'every two weeks',
      published: '2026-11-29',
      sessions_held: 4,
      sessions_planned: 6,
      minutes: 55 + 60 + 70 + 65,
      days_since_last_sync: 12,
      next_sync: '2026-12-08',
      sessions_per_month: { '2026-10': 2, '2026-11': 2 },
      open_action_items: 4,
      blockers: 1,
      rating_trend: 'rising',
      ratings: { '1': 0, '2': 1, '3': 1, '4': 1, '5': 1 },
    });
    for (const word of [...DISTINCTIVE, 'quokkaflux.example', 'zanzibarwidget.example', '@', 'sessions/', '.md']) {
      assert.equal(text.toLowerCase().includes(word.toLowerCase()), false, `"${word}" leaked into the summary`);
    }
    assert.deepEqual(parseProgramSummary(text), { ok: true, summary: JSON.parse(text) });
  });

  it('leaves the rating trend and distribution out unless both share ratings', () => {
    const summary = buildProgramSummary(summaryFacts(agreement, { sessions, updates, openActionItems: 0 }, false), now);
    assert.equal(summary.rating_trend, null);
    assert.equal(summary.ratings, null);
    assert.equal(summary.next_sync, null);
    assert.equal(ratingTrend([5, 4, 3, 2]), 'falling');
    assert.equal(ratingTrend([3, 4, 4, 3]), 'steady');
    assert.equal(ratingTrend([3, 3, 4]), 'rising');
    assert.equal(ratingTrend([4]), null);
  });

  it('publishes only with the consent of both; ratings only when both share them', () => {
    assert.deepEqual(consentState(undefined), { kind: 'none' });
    const menteeOnly = withConsent(undefined, 'mentee', { publish: true, shareRatings: true });
    assert.deepEqual(consentState(menteeOnly), { kind: 'one', consented: 'mentee' });
    const both = withConsent(menteeOnly, 'mentor', { publish: true, shareRatings: false });
    assert.deepEqual(consentState(both), { kind: 'both', shareRatings: false });
    assert.deepEqual(consentState(withConsent(both, 'mentee', { publish: false, shareRatings: true })), { kind: 'one', consented: 'mentor' });
    // Recorded in the agreement's front matter and read back; older agreements are unchanged.
    const text = renderAgreement({ ...agreement, programConsent: both });
    assert.match(text, /\nprogram_consent:\n {2}mentee:\n {4}publish: true\n {4}share_ratings: true\n {2}mentor:\n {4}publish: true\n {4}share_ratings: false\n/);
    const back = parseAgreement(text);
    assert.ok(back.ok);
    assert.deepEqual(back.agreement.programConsent, both);
    assert.doesNotMatch(renderAgreement({ ...agreement, programConsent: undefined }), /program_consent/);
    const bad = parseAgreement(text.replace('publish: true', 'publish: "yes"'));
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.problem.reason, /^"program_consent" must give mentee and mentor/);
    assert.equal(summaryFileName(agreement), 'summaries/sam-rivera--alex-chen--2026-09-01.json');
  });

  it('refuses a malformed summary from a program repo with the reason', () => {
    const good = JSON.parse(renderProgramSummary(buildProgramSummary(summaryFacts(agreement, { sessions, updates, openActionItems: 1 }, true), now))) as Record<string, unknown>;
    const cases: [unknown, RegExp][] = [
      ['{ not json', /not valid JSON/],
      [[], /not a JSON object/],
      [{ ...good, notes: 'Quokkaflux' }, /unexpected field "notes"/],
      [{ ...good, sessions_held: -1 }, /"sessions_held" must be a whole number/],
      [{ ...good, sessions_held: '4' }, /"sessions_held"/],
      [{ ...good, mentee: 'x'.repeat(101) }, /"mentee" must be a name/],
      [{ ...good, mentee: '<img src=x onerror=alert(1)>\n' }, /"mentee"/],
      [{ ...good, next_sync: 'tomorrow' }, /"next_sync"/],
      [{ ...good, rating_trend: 'skyrocketing' }, /"rating_trend"/],
      [{ ...good, ratings: { '1': 1 } }, /"ratings"/],
      [{ ...good, sessions_per_month: { 'last month': 2 } }, /"sessions_per_month"/],
      [{ ...good, format: 2 }, /"format"/],
    ];
    for (const [value, reason] of cases) {
      const result = parseProgramSummary(typeof value === 'string' ? value : JSON.stringify(value));
      assert.equal(result.ok, false, JSON.stringify(value).slice(0, 80));
      if (!result.ok) assert.match(result.reason, reason);
    }
    const missing = { ...good };
    delete missing.blockers;
    const result = parseProgramSummary(JSON.stringify(missing));
    assert.deepEqual(result, { ok: false, reason: 'missing field "blockers"' });
  });
});
