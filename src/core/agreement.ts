import { parseFrontMatter, renderFrontMatter, type FrontMatterProblem } from './frontMatter';
import { parseProgramConsent, renderProgramConsent, type ProgramConsent } from './programConsent';

export type MentorshipRole = 'mentee' | 'mentor';
export const CADENCES = ['weekly', 'every two weeks', 'monthly', 'as needed'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface Person {
  readonly name: string;
  readonly email: string;
}

/**
 * The expectations both people agreed up front: what the mentee wants from it, and limits
 * (planned sessions × minutes, cadence) so the mentorship does not drift on by inertia.
 */
export interface Agreement {
  readonly mentor: Person;
  readonly mentee: Person;
  readonly purpose: string;
  readonly sessionsPlanned: number;
  readonly minutesPerSession: number;
  readonly cadence: Cadence;
  readonly started: string;
  readonly status: 'active' | 'closed';
  /** Consent of both people to a program summary (absent: no one consented). */
  readonly programConsent?: ProgramConsent;
  /** Free text below the front matter, kept verbatim. */
  readonly text: string;
}

export const AGREEMENT_FILE = 'mentorship.md';
export const DEFAULT_SESSIONS_PLANNED = 5;
export const DEFAULT_MINUTES_PER_SESSION = 75;

export type AgreementResult =
  | { readonly ok: true; readonly agreement: Agreement }
  | { readonly ok: false; readonly problem: FrontMatterProblem };

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

export function isValidEmail(email: string): boolean {
  return EMAIL.test(email.trim());
}

/** Checks a value typed for "sessions planned" or "minutes per session". */
export function validatePositiveWhole(value: string, max: number): string | undefined {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > max) {
    return `Enter a whole number from 1 to ${max}.`;
  }
  return undefined;
}

export interface AgreementDraft {
  readonly role: MentorshipRole;
  readonly me: Person;
  readonly other: Person;
  readonly purpose: string;
  readonly sessionsPlanned: number;
  readonly minutesPerSession: number;
  readonly cadence: Cadence;
  readonly started: string;
}

export function agreementFromDraft(draft: AgreementDraft): Agreement {
  const mentor = draft.role === 'mentor' ? draft.me : draft.other;
  const mentee = draft.role === 'mentee' ? draft.me : draft.other;
  return {
    mentor,
    mentee,
    purpose: draft.purpose.trim(),
    sessionsPlanned: draft.sessionsPlanned,
    minutesPerSession: draft.minutesPerSession,
    cadence: draft.cadence,
    started: draft.started,
    status: 'active',
    text: agreementText(mentee, mentor, draft),
  };
}

function agreementText(mentee: Person, mentor: Person, draft: AgreementDraft): string {
  return [
    `# Mentorship: ${mentee.name} with ${mentor.name}`,
    '',
    '## Purpose',
    draft.purpose.trim() || '_What the mentee wants from this mentorship._',
    '',
    '## Confidentiality',
    'What is written here stays between the two of us.',
    '',
    '## Commitment',
    `${mentee.name} sets the agenda and brings concrete code; the actions decided are ${mentee.name}'s own.`,
    '',
    '## Limits',
    `${draft.sessionsPlanned} sessions of ${draft.minutesPerSession} minutes, ${draft.cadence}. When they are used up we review this agreement: renew, change or close it.`,
    '',
    '## Feedback',
    'After every session the mentee rates how valuable a use of their time it was (1–5).',
    '',
  ].join('\n');
}

export function renderAgreement(agreement: Agreement): string {
  return renderFrontMatter(
    {
      mentee: { name: agreement.mentee.name, email: agreement.mentee.email },
      mentor: { name: agreement.mentor.name, email: agreement.mentor.email },
      purpose: agreement.purpose,
      sessions_planned: agreement.sessionsPlanned,
      minutes_per_session: agreement.minutesPerSession,
      cadence: agreement.cadence,
      started: agreement.started,
      status: agreement.status,
      // Written only once someone has answered, so older agreements render as before.
      ...(agreement.programConsent ? { program_consent: renderProgramConsent(agreement.programConsent) } : {}),
    },
    agreement.text,
  );
}

/** Reads `mentorship.md` defensively: wrong types are reported with the line of the key. */
export function parseAgreement(text: string): AgreementResult {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) {
    return parsed;
  }
  const { data, body } = parsed.document;
  const lineOf = (key: string): number => {
    const index = text.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
    return index >= 0 ? index + 1 : 2;
  };
  const fail = (key: string, reason: string): AgreementResult => ({
    ok: false,
    problem: { reason: `"${key}" ${reason}`, line: lineOf(key) },
  });

  const people: Partial<Record<'mentor' | 'mentee', Person>> = {};
  for (const key of ['mentor', 'mentee'] as const) {
    const value = data[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(key, 'must have a name and an email');
    }
    const { name, email } = value as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') {
      return fail(key, 'needs a name');
    }
    people[key] = { name: name.trim(), email: typeof email === 'string' ? email.trim() : '' };
  }
  const sessionsPlanned = data.sessions_planned ?? DEFAULT_SESSIONS_PLANNED;
  if (typeof sessionsPlanned !== 'number' || !Number.isInteger(sessionsPlanned) || sessionsPlanned < 1) {
    return fail('sessions_planned', 'must be a whole number of at least 1');
  }
  const minutes = data.minutes_per_session ?? DEFAULT_MINUTES_PER_SESSION;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1) {
    return fail('minutes_per_session', 'must be a whole number of minutes');
  }
  const cadence = data.cadence ?? 'as needed';
  if (typeof cadence !== 'string' || !(CADENCES as readonly string[]).includes(cadence)) {
    return fail('cadence', `must be one of: ${CADENCES.join(', ')}`);
  }
  const purpose = data.purpose ?? '';
  if (typeof purpose !== 'string') {
    return fail('purpose', 'must be text');
  }
  const started = data.started instanceof Date ? data.started.toISOString().slice(0, 10) : data.started;
  if (typeof started !== 'string' || !isCalendarDate(started)) {
    return fail('started', 'must be a date like 2026-01-31');
  }
  const status = data.status ?? 'active';
  if (status !== 'active' && status !== 'closed') {
    return fail('status', 'must be "active" or "closed"');
  }
  const consent = parseProgramConsent(data.program_consent);
  if (!consent.ok) {
    return fail('program_consent', 'must give mentee and mentor each "publish" and "share_ratings" as true or false');
  }
  return {
    ok: true,
    agreement: {
      ...(consent.consent ? { programConsent: consent.consent } : {}),
      mentor: people.mentor as Person,
      mentee: people.mentee as Person,
      purpose,
      sessionsPlanned,
      minutesPerSession: minutes,
      cadence: cadence as Cadence,
      started,
      status,
      text: body,
    },
  };
}

/** A real `YYYY-MM-DD` date (2026-13-45 is not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** "Sam ↔ Alex": how a relationship is named in the views. */
export function relationshipLabel(agreement: Agreement): string {
  return `${agreement.mentee.name} ↔ ${agreement.mentor.name}`;
}

/** Which side of the agreement the given email is on, if either. */
export function roleOf(agreement: Agreement, email: string): MentorshipRole | undefined {
  const normalized = email.trim().toLowerCase();
  if (normalized && agreement.mentee.email.toLowerCase() === normalized) return 'mentee';
  if (normalized && agreement.mentor.email.toLowerCase() === normalized) return 'mentor';
  return undefined;
}
