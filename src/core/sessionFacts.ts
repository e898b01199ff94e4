/**
 * What is known about a session before anyone writes a word: the pairing side learns it while
 * a Live Share session runs, and "Record Takeaways" starts from it.
 */
export interface SessionFacts {
  /** The notes repo of the relationship the session belongs to. */
  readonly relationshipRoot?: string;
  /** YYYY-MM-DD, local time. */
  readonly date: string;
  /** HH:MM, local time. */
  readonly start?: string;
  readonly end?: string;
  readonly minutes?: number;
  /** E-mail addresses (or display names when no e-mail is known). */
  readonly participants: readonly string[];
  readonly mode: SessionMode;
  /** Agenda items opened or covered during the session. */
  readonly agendaItemIds: readonly string[];
}

export const SESSION_MODES = ['pairing', 'call', 'in person', 'async'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export function isSessionFacts(value: unknown): value is SessionFacts {
  if (typeof value !== 'object' || value === null) return false;
  const facts = value as Record<string, unknown>;
  return (
    typeof facts.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(facts.date) &&
    Array.isArray(facts.participants) &&
    facts.participants.every((p) => typeof p === 'string') &&
    Array.isArray(facts.agendaItemIds) &&
    facts.agendaItemIds.every((id) => typeof id === 'string') &&
    (SESSION_MODES as readonly unknown[]).includes(facts.mode)
  );
}
