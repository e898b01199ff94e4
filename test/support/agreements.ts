import type { AgreementDraft } from '../../src/core/agreement';

/** The agreement the notes-model unit tests set up: Sam (mentee) with Alex, weekly. */
export const SAM_LEE_DRAFT: AgreementDraft = {
  role: 'mentee',
  me: { name: 'Sam Lee', email: 'sam@example.com' },
  other: { name: 'Alex Kim', email: 'alex@example.com' },
  purpose: 'Review code together',
  sessionsPlanned: 5,
  minutesPerSession: 60,
  cadence: 'weekly',
  started: '2026-01-31',
};
