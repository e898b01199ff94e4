import { NEXT_SYNC_FILE, parseScheduledSync, type ScheduledSync } from '../core/nextSync';
import type { FrontMatterProblem } from '../core/frontMatter';
import { roleOf } from '../core/agreement';
import type { RhythmFacts } from '../core/rhythm';
import { readyAgreement, type Relationship } from '../notes/relationship';

/** The next sync as stored: none, a valid one, or a file that cannot be read (listed, never rewritten). */
export type StoredSync = { readonly kind: 'none' } | { readonly kind: 'scheduled'; readonly sync: ScheduledSync } | { readonly kind: 'broken'; readonly problem: FrontMatterProblem };

export async function readScheduledSync(relationship: Relationship): Promise<StoredSync> {
  const text = await relationship.repo.readFile(NEXT_SYNC_FILE);
  if (text === undefined) return { kind: 'none' };
  const parsed = parseScheduledSync(text);
  return parsed.ok ? { kind: 'scheduled', sync: parsed.sync } : { kind: 'broken', problem: parsed.problem };
}

/** Reads what the rhythm nudges are judged from; undefined while the agreement is not readable. */
export async function readRhythmFacts(relationship: Relationship): Promise<RhythmFacts | undefined> {
  const agreement = readyAgreement(relationship);
  if (!agreement) return undefined;
  const [stored, sessions, agenda, followUps, identity] = await Promise.all([
    readScheduledSync(relationship),
    relationship.sessions.load(),
    relationship.agenda.load(),
    relationship.sessions.openActionItems(),
    relationship.repo.identity(),
  ]);
  const last = sessions.sessions.at(-1)?.session;
  return {
    label: relationship.label,
    agreement,
    role: roleOf(agreement, identity.email),
    sessionsHeld: sessions.sessions.length,
    lastSessionDate: last?.date,
    scheduled: stored.kind === 'scheduled' ? stored.sync : undefined,
    agendaItems: agenda.items.filter((item) => item.status !== 'resolved').length,
    followUpsOpen: followUps.length,
  };
}
