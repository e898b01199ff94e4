import type { MentorshipRole } from './agreement';

/** One person's consent to the program summary, recorded in the agreement by that person. */
export interface SideConsent {
  /** A summary with numbers only may be published to the program repo. */
  readonly publish: boolean;
  /** The rating trend and distribution may be part of it. */
  readonly shareRatings: boolean;
}

/** Both people's consent: `program_consent` in `mentorship.md`. Absent means no one consented. */
export interface ProgramConsent {
  readonly mentee: SideConsent;
  readonly mentor: SideConsent;
}

export const NO_CONSENT: SideConsent = { publish: false, shareRatings: false };

/** What may be published: nothing unless both consent; ratings only if both agree to share them. */
export type ConsentState =
  | { readonly kind: 'both'; readonly shareRatings: boolean }
  | { readonly kind: 'one'; readonly consented: MentorshipRole }
  | { readonly kind: 'none' };

export function consentState(consent: ProgramConsent | undefined): ConsentState {
  const mentee = consent?.mentee ?? NO_CONSENT;
  const mentor = consent?.mentor ?? NO_CONSENT;
  if (mentee.publish && mentor.publish) return { kind: 'both', shareRatings: mentee.shareRatings && mentor.shareRatings };
  if (mentee.publish) return { kind: 'one', consented: 'mentee' };
  if (mentor.publish) return { kind: 'one', consented: 'mentor' };
  return { kind: 'none' };
}

/** One side's consent changed, the other's kept. */
export function withConsent(consent: ProgramConsent | undefined, role: MentorshipRole, side: SideConsent): ProgramConsent {
  const current = { mentee: consent?.mentee ?? NO_CONSENT, mentor: consent?.mentor ?? NO_CONSENT };
  return { ...current, [role]: { publish: side.publish, shareRatings: side.publish && side.shareRatings } };
}

/** Front matter form: `{ mentee: { publish, share_ratings }, mentor: { … } }`. */
export function renderProgramConsent(consent: ProgramConsent): Record<string, unknown> {
  const side = (s: SideConsent): Record<string, boolean> => ({ publish: s.publish, share_ratings: s.shareRatings });
  return { mentee: side(consent.mentee), mentor: side(consent.mentor) };
}

/** Reads `program_consent`; a value that is not exactly booleans is an error, never a guess. */
export function parseProgramConsent(value: unknown): { ok: true; consent: ProgramConsent | undefined } | { ok: false } {
  if (value === undefined || value === null) return { ok: true, consent: undefined };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false };
  const sides: Partial<Record<MentorshipRole, SideConsent>> = {};
  for (const role of ['mentee', 'mentor'] as const) {
    const raw = (value as Record<string, unknown>)[role];
    if (raw === undefined || raw === null) {
      sides[role] = NO_CONSENT;
      continue;
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false };
    const { publish = false, share_ratings: shareRatings = false } = raw as Record<string, unknown>;
    if (typeof publish !== 'boolean' || typeof shareRatings !== 'boolean') return { ok: false };
    sides[role] = { publish, shareRatings: publish && shareRatings };
  }
  return { ok: true, consent: { mentee: sides.mentee ?? NO_CONSENT, mentor: sides.mentor ?? NO_CONSENT } };
}
