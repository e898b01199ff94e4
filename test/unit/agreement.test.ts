import { strict as assert } from 'node:assert';
import {
  agreementFromDraft,
  DEFAULT_MINUTES_PER_SESSION,
  DEFAULT_SESSIONS_PLANNED,
  isCalendarDate,
  isValidEmail,
  parseAgreement,
  relationshipLabel,
  renderAgreement,
  roleOf,
  validatePositiveWhole,
  type Agreement,
  type AgreementDraft,
} from '../../src/core/agreement';

const sam = { name: 'Sam Lee', email: 'sam@example.com' };
const alex = { name: 'Alex Kim', email: 'Alex@Example.com' };

function draft(overrides: Partial<AgreementDraft> = {}): AgreementDraft {
  return {
    role: 'mentee',
    me: sam,
    other: alex,
    purpose: '  Get better at reviewing pull requests.  ',
    sessionsPlanned: 6,
    minutesPerSession: 45,
    cadence: 'every two weeks',
    started: '2026-01-31',
    ...overrides,
  };
}

/** The rendered agreement of the default draft with one line replaced (the line must exist). */
function withLine(from: string, to: string): string {
  const text = renderAgreement(agreementFromDraft(draft()));
  assert.ok(text.includes(`\n${from}\n`), `fixture has line ${from}`);
  return text.replace(`\n${from}\n`, to === '' ? '\n' : `\n${to}\n`);
}

function lineNumberOf(text: string, startsWith: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(startsWith));
  assert.ok(index >= 0, `line starting with ${startsWith}`);
  return index + 1;
}

function expectProblem(text: string, key: string, lineStart: string = `${key}:`): void {
  const result = parseAgreement(text);
  assert.equal(result.ok, false, `expected "${key}" to be refused`);
  assert.ok(!result.ok);
  assert.ok(result.problem.reason.includes(`"${key}"`), `reason names ${key}: ${result.problem.reason}`);
  assert.equal(result.problem.line, lineNumberOf(text, lineStart));
}

describe('core/agreement', () => {
  describe('agreementFromDraft', () => {
    it('makes me the mentee and the other person the mentor when my role is mentee', () => {
      const agreement = agreementFromDraft(draft({ role: 'mentee' }));
      assert.deepEqual(agreement.mentee, sam);
      assert.deepEqual(agreement.mentor, alex);
      assert.equal(agreement.status, 'active');
      assert.equal(agreement.purpose, 'Get better at reviewing pull requests.');
      assert.equal(agreement.sessionsPlanned, 6);
      assert.equal(agreement.minutesPerSession, 45);
      assert.equal(agreement.cadence, 'every two weeks');
      assert.equal(agreement.started, '2026-01-31');
      assert.ok(agreement.text.startsWith('# Mentorship: Sam Lee with Alex Kim\n'));
      assert.ok(agreement.text.includes('6 sessions of 45 minutes, every two weeks.'));
      assert.ok(agreement.text.includes("the actions decided are Sam Lee's own"));
    });

    it('makes me the mentor and the other person the mentee when my role is mentor', () => {
      const agreement = agreementFromDraft(draft({ role: 'mentor' }));
      assert.deepEqual(agreement.mentor, sam);
      assert.deepEqual(agreement.mentee, alex);
      assert.ok(agreement.text.startsWith('# Mentorship: Alex Kim with Sam Lee\n'));
      assert.equal(relationshipLabel(agreement), 'Alex Kim ↔ Sam Lee');
    });

    it('writes a placeholder purpose in the text when the purpose is blank', () => {
      const agreement = agreementFromDraft(draft({ purpose: '   ' }));
      assert.equal(agreement.purpose, '');
      assert.ok(agreement.text.includes('## Purpose\n_What the mentee wants from this mentorship._\n'));
    });
  });

  describe('renderAgreement → parseAgreement', () => {
    it('round-trips every field', () => {
      for (const role of ['mentee', 'mentor'] as const) {
        const agreement = agreementFromDraft(draft({ role }));
        const parsed = parseAgreement(renderAgreement(agreement));
        assert.ok(parsed.ok, JSON.stringify(parsed));
        const { text: parsedText, ...parsedFields } = parsed.agreement;
        const { text, ...fields } = agreement;
        assert.deepEqual(parsedFields, fields);
        assert.equal(parsedText, text);
      }
    });

    it('renders the front matter keys in snake_case', () => {
      const text = renderAgreement(agreementFromDraft(draft()));
      assert.ok(text.startsWith('---\nmentee:\n  name: Sam Lee\n  email: sam@example.com\nmentor:\n  name: Alex Kim\n'));
      assert.ok(text.includes('\nsessions_planned: 6\n'));
      assert.ok(text.includes('\nminutes_per_session: 45\n'));
      assert.ok(text.includes('\ncadence: every two weeks\n'));
      assert.ok(text.includes('\nstarted: 2026-01-31\n'));
      assert.ok(text.includes('\nstatus: active\n'));
    });

    it('round-trips a closed agreement with names that need quoting', () => {
      const agreement: Agreement = {
        ...agreementFromDraft(draft({ me: { name: 'O\'Brien: "Pat"', email: 'pat@example.com' }, purpose: 'yes' })),
        status: 'closed',
      };
      const parsed = parseAgreement(renderAgreement(agreement));
      assert.ok(parsed.ok);
      assert.equal(parsed.agreement.status, 'closed');
      assert.equal(parsed.agreement.mentee.name, 'O\'Brien: "Pat"');
      assert.equal(parsed.agreement.purpose, 'yes');
    });

    it('gives back the agreement text exactly, without the blank line render puts after "---"', () => {
      const agreement = agreementFromDraft(draft());
      const rendered = renderAgreement(agreement);
      assert.ok(rendered.includes(`\n---\n\n${agreement.text}`), 'render separates front matter and text with one blank line');
      const parsed = parseAgreement(rendered);
      assert.ok(parsed.ok);
      assert.equal(parsed.agreement.text, agreement.text);
      assert.ok(parsed.agreement.text.startsWith('# Mentorship: '));
      // Rendering the parsed agreement again is byte-for-byte the same file.
      assert.equal(renderAgreement(parsed.agreement), rendered);
    });
  });

  describe('parseAgreement refuses wrong types with the key and its line', () => {
    it('sessions_planned: "five"', () => {
      expectProblem(withLine('sessions_planned: 6', 'sessions_planned: five'), 'sessions_planned');
    });

    it('sessions_planned: 0 and 2.5', () => {
      expectProblem(withLine('sessions_planned: 6', 'sessions_planned: 0'), 'sessions_planned');
      expectProblem(withLine('sessions_planned: 6', 'sessions_planned: 2.5'), 'sessions_planned');
    });

    it('minutes_per_session: "an hour"', () => {
      expectProblem(withLine('minutes_per_session: 45', 'minutes_per_session: an hour'), 'minutes_per_session');
    });

    it('cadence: daily', () => {
      const text = withLine('cadence: every two weeks', 'cadence: daily');
      expectProblem(text, 'cadence');
      const result = parseAgreement(text);
      assert.ok(!result.ok);
      assert.ok(result.problem.reason.includes('weekly, every two weeks, monthly, as needed'));
    });

    it('missing mentor name', () => {
      const text = withLine('  name: Alex Kim', '');
      expectProblem(text, 'mentor');
      const result = parseAgreement(text);
      assert.ok(!result.ok);
      assert.match(result.problem.reason, /needs a name/);
    });

    it('blank mentee name', () => {
      expectProblem(withLine('  name: Sam Lee', '  name: "  "'), 'mentee');
    });

    it('mentor given as plain text instead of name and email', () => {
      const text = renderAgreement(agreementFromDraft(draft())).replace('mentor:\n  name: Alex Kim\n  email: Alex@Example.com\n', 'mentor: Alex Kim\n');
      assert.ok(text.includes('\nmentor: Alex Kim\n'));
      expectProblem(text, 'mentor');
    });

    it('started: 31/01/2026', () => {
      expectProblem(withLine('started: 2026-01-31', 'started: 31/01/2026'), 'started');
    });

    it('started: 2026-13-45 (not a calendar date)', () => {
      expectProblem(withLine('started: 2026-01-31', 'started: 2026-13-45'), 'started');
    });

    it('started: 2026-02-30 and 2025-02-29 (days that do not exist)', () => {
      expectProblem(withLine('started: 2026-01-31', 'started: 2026-02-30'), 'started');
      expectProblem(withLine('started: 2026-01-31', 'started: 2025-02-29'), 'started');
      expectProblem(withLine('started: 2026-01-31', 'started: 2026-04-31'), 'started');
      expectProblem(withLine('started: 2026-01-31', 'started: 2026-00-10'), 'started');
    });

    it('accepts a leap day in a leap year as started', () => {
      const result = parseAgreement(withLine('started: 2026-01-31', 'started: 2024-02-29'));
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.agreement.started, '2024-02-29');
    });

    it('started missing', () => {
      const result = parseAgreement(withLine('started: 2026-01-31', ''));
      assert.ok(!result.ok);
      assert.ok(result.problem.reason.includes('"started"'));
    });

    it('status: paused', () => {
      expectProblem(withLine('status: active', 'status: paused'), 'status');
    });

    it('purpose given as a list', () => {
      expectProblem(withLine('purpose: Get better at reviewing pull requests.', 'purpose: [a, b]'), 'purpose');
    });

    it('passes on front matter problems (broken YAML) with their line', () => {
      const text = withLine('cadence: every two weeks', 'cadence: [weekly');
      const result = parseAgreement(text);
      assert.ok(!result.ok);
      assert.ok(result.problem.line > 1);
    });
  });

  describe('parseAgreement defaults', () => {
    it('fills sessions, minutes, cadence, purpose and status when they are absent', () => {
      const text = '---\nmentee:\n  name: Sam\nmentor:\n  name: Alex\n  email: alex@example.com\nstarted: 2026-02-01\n---\nNotes\n';
      const result = parseAgreement(text);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.agreement.sessionsPlanned, DEFAULT_SESSIONS_PLANNED);
      assert.equal(result.agreement.minutesPerSession, DEFAULT_MINUTES_PER_SESSION);
      assert.equal(result.agreement.cadence, 'as needed');
      assert.equal(result.agreement.purpose, '');
      assert.equal(result.agreement.status, 'active');
      assert.equal(result.agreement.started, '2026-02-01');
      assert.deepEqual(result.agreement.mentee, { name: 'Sam', email: '' });
      assert.deepEqual(result.agreement.mentor, { name: 'Alex', email: 'alex@example.com' });
      assert.equal(result.agreement.text, 'Notes\n');
    });

    it('trims names and emails', () => {
      const text = '---\nmentee:\n  name: "  Sam  "\n  email: " sam@example.com "\nmentor:\n  name: Alex\nstarted: 2026-02-01\n---\n';
      const result = parseAgreement(text);
      assert.ok(result.ok);
      assert.deepEqual(result.agreement.mentee, { name: 'Sam', email: 'sam@example.com' });
    });

    it('reports a missing mentee at line 2 (the start of the front matter)', () => {
      const result = parseAgreement('---\nmentor:\n  name: Alex\nstarted: 2026-02-01\n---\n');
      assert.ok(!result.ok);
      assert.ok(result.problem.reason.includes('"mentee"'));
      assert.equal(result.problem.line, 2);
    });
  });

  describe('isCalendarDate', () => {
    it('is true for real YYYY-MM-DD dates, leap days included', () => {
      for (const date of ['2024-02-29', '2000-02-29', '2026-01-31', '2026-12-31', '1999-01-01']) {
        assert.equal(isCalendarDate(date), true, date);
      }
    });

    it('is false for days and months that do not exist and for other formats', () => {
      for (const date of ['2023-02-29', '1900-02-29', '2026-02-30', '2026-13-45', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00', '2026-1-31', '31/01/2026', '2026-01-31T00:00:00Z', '', 'today']) {
        assert.equal(isCalendarDate(date), false, date);
      }
    });
  });

  describe('validatePositiveWhole', () => {
    it('accepts whole numbers from 1 to max', () => {
      assert.equal(validatePositiveWhole('1', 10), undefined);
      assert.equal(validatePositiveWhole(' 10 ', 10), undefined);
      assert.equal(validatePositiveWhole('5', 10), undefined);
    });

    it('refuses zero, negatives, fractions, too large and text', () => {
      for (const value of ['0', '-1', '2.5', '11', 'five', '', '   ', 'NaN', 'Infinity', '1,5']) {
        assert.equal(validatePositiveWhole(value, 10), 'Enter a whole number from 1 to 10.', `value ${JSON.stringify(value)}`);
      }
    });
  });

  describe('isValidEmail', () => {
    it('accepts plain addresses (with surrounding spaces trimmed)', () => {
      for (const email of ['sam@example.com', 'a.b+c@sub.example.org', '  x@y  ']) {
        assert.equal(isValidEmail(email), true, email);
      }
    });

    it('refuses addresses without one @, with spaces or angle brackets', () => {
      for (const email of ['', 'sam', 'sam@', '@example.com', 'sam@@example.com', 'sam lee@example.com', '<sam@example.com>', 'a@b@c']) {
        assert.equal(isValidEmail(email), false, email);
      }
    });
  });

  describe('roleOf', () => {
    const agreement = agreementFromDraft(draft({ role: 'mentee' }));

    it('finds the mentee and the mentor by email, case-insensitively and trimmed', () => {
      assert.equal(roleOf(agreement, 'sam@example.com'), 'mentee');
      assert.equal(roleOf(agreement, ' SAM@example.COM '), 'mentee');
      assert.equal(roleOf(agreement, 'alex@example.com'), 'mentor');
    });

    it('returns undefined for strangers and for an empty email', () => {
      assert.equal(roleOf(agreement, 'eve@example.com'), undefined);
      assert.equal(roleOf(agreement, ''), undefined);
      const noEmails: Agreement = { ...agreement, mentee: { name: 'A', email: '' }, mentor: { name: 'B', email: '' } };
      assert.equal(roleOf(noEmails, '  '), undefined);
    });
  });
});
