import * as vscode from 'vscode';
import { renderAgreement, roleOf, type MentorshipRole } from '../core/agreement';
import type { Clock } from '../core/nextSync';
import { consentState, withConsent, type SideConsent } from '../core/programConsent';
import { buildProgramSummary, renderProgramSummary, summaryFacts, summaryFileName } from '../core/programSummary';
import { AGREEMENT_FILE } from '../core/agreement';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { readyAgreement, type Relationship } from '../notes/relationship';
import { pickRelationship } from '../ui/pickRelationship';
import { readScheduledSync } from '../schedule/rhythmFacts';
import { rootArgument } from '../schedule/scheduleCommands';
import type { ProgramSource } from './programSource';

/** Shows the exact text that would leave the notes repo; true only when the person agrees. */
export type ConfirmPublish = (title: string, exactContent: string, action: string) => Thenable<boolean>;

export interface ProgramDependencies {
  readonly directory: MentorshipDirectory;
  readonly program: ProgramSource;
  readonly clock: Clock;
  readonly confirm: ConfirmPublish;
}

export type PublishOutcome =
  | { readonly kind: 'published'; readonly file: string; readonly content: string }
  | { readonly kind: 'withdrawn'; readonly file: string }
  | { readonly kind: 'nothing'; readonly reason: string }
  | { readonly kind: 'cancelled' };

async function myRole(relationship: Relationship): Promise<MentorshipRole> {
  const agreement = readyAgreement(relationship);
  const email = (await relationship.repo.identity()).email;
  const role = agreement && roleOf(agreement, email);
  if (!role) throw new Error(`Your git email (${email || 'not set'}) is neither the mentee's nor the mentor's in ${AGREEMENT_FILE}, so Mentorship cannot tell whose consent this is.`);
  return role;
}

/**
 * Consent to the program summary, given or withdrawn by this person for their own side only, and
 * recorded in the agreement (one commit). The agreement is pulled first so the other side's
 * answer is kept.
 */
export async function setProgramConsent(directory: MentorshipDirectory, rootArg?: unknown, given?: SideConsent): Promise<SideConsent | undefined> {
  const relationship = await pickRelationship(directory, rootArgument(rootArg));
  if (!relationship) return undefined;
  await relationship.sync.syncNow();
  await relationship.reload();
  const agreement = readyAgreement(relationship);
  if (!agreement) throw new Error(`${AGREEMENT_FILE} cannot be read: fix it first, then give consent.`);
  const role = await myRole(relationship);
  const choice =
    given ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'Publish a summary (numbers only)', description: 'Sessions, minutes, dates, open action items and blockers counts', side: { publish: true, shareRatings: false } },
          { label: 'Publish a summary and the rating trend', description: 'Also your ratings, if the other person agrees too', side: { publish: true, shareRatings: true } },
          { label: 'Withdraw consent', description: 'The summary is removed at the next publish', side: { publish: false, shareRatings: false } },
        ],
        { title: `Program summary — your consent as the ${role}`, placeHolder: 'Nothing is published unless both of you consent', ignoreFocusOut: true },
      )
    )?.side;
  if (!choice) return undefined;
  const consent = withConsent(agreement.programConsent, role, choice);
  const what = choice.publish ? `${role} consents to a program summary${choice.shareRatings ? ' with ratings' : ''}` : `${role} withdraws consent to a program summary`;
  await relationship.repo.commitFiles([{ path: AGREEMENT_FILE, content: renderAgreement({ ...agreement, programConsent: consent }) }], `Program consent: ${what}`);
  await directory.refresh();
  return consent[role];
}

/**
 * Publishes this relationship's summary to the program repo: only with both people's consent,
 * only numbers (and the two names), and only after the person has seen the exact content.
 * Without consent a summary published earlier is removed.
 */
export async function publishSummary(deps: ProgramDependencies, rootArg?: unknown): Promise<PublishOutcome> {
  const relationship = await pickRelationship(deps.directory, rootArgument(rootArg));
  if (!relationship) return { kind: 'nothing', reason: 'There is no mentorship to summarize.' };
  const program = await deps.program.repo();
  // The other person may have withdrawn since the last pull: consent is read fresh, after a sync.
  await relationship.sync.syncNow();
  await relationship.reload();
  const agreement = readyAgreement(relationship);
  if (!agreement) return { kind: 'nothing', reason: `${AGREEMENT_FILE} cannot be read; nothing is published.` };
  const file = summaryFileName(agreement);
  const consent = consentState(agreement.programConsent);
  if (consent.kind !== 'both') {
    const reason =
      consent.kind === 'one'
        ? `Only the ${consent.consented} has consented; nothing is published until both of you do.`
        : 'Neither of you has consented to a program summary; nothing is published.';
    if (!(await program.hasSummary(file))) {
      void vscode.window.showInformationMessage(reason);
      return { kind: 'nothing', reason };
    }
    if (!(await deps.confirm('Consent was withdrawn: remove the published summary from the program repo?', `${reason}\n\nRemoves ${file} from ${program.root}.`, 'Remove'))) return { kind: 'cancelled' };
    await program.withdraw(file);
    await program.sync();
    deps.program.reload();
    return { kind: 'withdrawn', file };
  }
  const [sessions, followUps, stored] = await Promise.all([relationship.sessions.load(), relationship.sessions.openActionItems(), readScheduledSync(relationship)]);
  const facts = summaryFacts(
    agreement,
    {
      sessions: sessions.sessions.map((entry) => entry.session),
      updates: sessions.updates.map((entry) => entry.update),
      openActionItems: followUps.length,
      nextSync: stored.kind === 'scheduled' ? stored.sync : undefined,
    },
    consent.shareRatings,
  );
  const content = renderProgramSummary(buildProgramSummary(facts, new Date(deps.clock.now())));
  if (!(await deps.confirm(`Publish this summary to the program repo? This is everything that leaves your notes.`, content, 'Publish'))) return { kind: 'cancelled' };
  await program.publish(file, content);
  await program.sync();
  deps.program.reload();
  return { kind: 'published', file, content };
}
