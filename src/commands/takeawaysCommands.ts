import * as path from 'node:path';
import * as vscode from 'vscode';
import { questionTitle } from '../core/agendaItem';
import { replySummary } from '../core/agendaReply';
import { renderAgreement, roleOf, type Agreement, type MentorshipRole } from '../core/agreement';
import { parseAsyncUpdate, UPDATE_SECTIONS, type UpdateSection } from '../core/asyncUpdate';
import { isoDate } from '../core/ids';
import { isSessionFacts, type SessionFacts } from '../core/sessionFacts';
import type { DiscussedItem } from '../core/sessionRecord';
import type { AnchorLocator } from '../anchors/anchorLocator';
import { currentPlaces, placeOf } from '../anchors/currentLocation';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { readyAgreement, type Relationship } from '../notes/relationship';
import type { NoteEditors } from '../ui/noteEditors';
import { pickRelationship } from '../ui/pickRelationship';
import { writeInEditor } from '../ui/writeInEditor';

export interface TakeawaysDependencies {
  readonly directory: MentorshipDirectory;
  readonly locator: AnchorLocator;
  readonly noteEditors: NoteEditors;
  /** Asks for the rating now or later (see FeedbackPrompt). */
  readonly askForFeedback: (relationship: Relationship, file: string) => Promise<void>;
}

/** The question the mentee answers after every session. */
export const FEEDBACK_QUESTION = 'How valuable a use of your time was this session?';

/**
 * "Record Takeaways": a session file from the session routine (check-in, follow-ups,
 * discussed, takeaways, action items, feedback), prefilled from a pairing session when one
 * just ended. Committed at once; the agenda items covered become "discussed".
 */
export async function recordTakeaways(deps: TakeawaysDependencies, given?: unknown): Promise<string | undefined> {
  const prefill = isSessionFacts(given) ? given : undefined;
  const relationship = await pickRelationship(deps.directory, prefill?.relationshipRoot);
  if (!relationship) {
    void vscode.window.showInformationMessage('Set up a mentorship first; then record the takeaways of each session.');
    return undefined;
  }
  const agreement = readyAgreement(relationship);
  const agenda = await relationship.agenda.load();
  const agendaIds = prefill?.agendaItemIds ?? (await pickCoveredItems(relationship, deps.locator));
  if (agendaIds === undefined) return undefined;
  const facts: SessionFacts = prefill ?? {
    relationshipRoot: relationship.root,
    date: isoDate(new Date()),
    participants: agreement ? [agreement.mentee.email || agreement.mentee.name, agreement.mentor.email || agreement.mentor.name] : [],
    mode: 'pairing',
    agendaItemIds: agendaIds,
  };
  const covered = agenda.items.filter((item) => facts.agendaItemIds.includes(item.id));
  const places = await currentPlaces(deps.locator, covered);
  const replies = await relationship.replies.of(covered);
  const discussed: DiscussedItem[] = covered.map((item) => {
    // The thread's replies under the item: what was said between syncs goes into the record.
    const said = (replies.get(item.id)?.replies ?? []).map((reply) => `${reply.authorName}: ${replySummary(reply.body)}`);
    return { id: item.id, title: questionTitle(item.question, 80), where: places.get(item.id) ?? placeOf(item, undefined), ...(said.length ? { replies: said } : {}) };
  });
  const file = await relationship.sessions.create(facts, discussed);
  for (const item of covered.filter((i) => i.status === 'open')) {
    await relationship.agenda.update({ ...item, status: 'discussed' }, `Mark discussed: ${questionTitle(item.question, 60)}`);
  }
  const absolute = path.join(relationship.root, file);
  await deps.noteEditors.show(absolute, { preview: false }).catch((error: unknown) => {
    // The takeaways are recorded and committed either way; only the editor failed to open.
    void vscode.window.showWarningMessage(`The takeaways were recorded in ${file}, but the editor could not open it: ${error instanceof Error ? error.message : String(error)}`, 'Open').then((choice) => {
      if (choice === 'Open') void deps.noteEditors.show(absolute);
    });
  });
  // The rating is asked once the takeaways are written (see FeedbackPrompt.askWhenWritten).
  void deps.askForFeedback(relationship, file);
  void offerAgreementReview(deps.directory, deps.noteEditors, relationship);
  return file;
}

async function pickCoveredItems(relationship: Relationship, locator: AnchorLocator): Promise<string[] | undefined> {
  const open = (await relationship.agenda.load()).items.filter((item) => item.status !== 'resolved');
  if (open.length === 0) return [];
  const replies = await relationship.replies.of(open);
  const count = (id: string): string => {
    const n = replies.get(id)?.replies.length ?? 0;
    return n > 0 ? ` · ${n} repl${n === 1 ? 'y' : 'ies'}` : '';
  };
  const places = await currentPlaces(locator, open);
  const picked = await vscode.window.showQuickPick(
    open.map((item) => ({ label: questionTitle(item.question, 80), description: `${places.get(item.id) ?? ''}${count(item.id)}`, id: item.id })),
    { title: 'Record Takeaways', placeHolder: 'Which agenda items did you cover? (none is fine)', canPickMany: true, ignoreFocusOut: true },
  );
  return picked?.map((item) => item.id);
}

/** Which side of the agreement this clone's git identity is on (mentee when unknown). */
export async function myRole(relationship: Relationship): Promise<MentorshipRole> {
  const agreement = readyAgreement(relationship);
  const { email } = await relationship.repo.identity();
  return (agreement && roleOf(agreement, email)) ?? 'mentee';
}

/** Posts an async update between syncs: achievements, challenges, blockers, celebrations. */
export async function postUpdate(directory: MentorshipDirectory, noteEditors: NoteEditors, given?: Partial<Record<UpdateSection, string>>): Promise<string | undefined> {
  const relationship = await pickRelationship(directory);
  if (!relationship) {
    void vscode.window.showInformationMessage('Set up a mentorship first; then post updates between syncs.');
    return undefined;
  }
  const sections: Partial<Record<UpdateSection, string>> = {};
  if (given) {
    Object.assign(sections, given);
  } else {
    // One editor with the template, as takeaways are written, not four one-line boxes.
    const written = await writeInEditor(`Post an Update to ${relationship.label}: write under the headings that apply (leave the others empty), then choose Post.`, updateTemplate(), 'Post');
    if (written === undefined) return undefined;
    Object.assign(sections, sectionsOf(written));
  }
  if (!UPDATE_SECTIONS.some((section) => sections[section]?.trim())) {
    void vscode.window.showInformationMessage('The update was empty, so nothing was posted.');
    return undefined;
  }
  const { email, name } = await relationship.repo.identity();
  const file = await relationship.sessions.postUpdate({ date: isoDate(new Date()), author: email || name, sections });
  void vscode.window.showInformationMessage(`Update posted to ${relationship.label}.`, 'Open').then((choice) => {
    if (choice === 'Open') void noteEditors.show(path.join(relationship.root, file));
  });
  return file;
}

const UPDATE_HINTS: Record<UpdateSection, string> = {
  Achievements: 'What went well since the last sync?',
  Challenges: 'What was hard?',
  Blockers: 'What stops you, where could your mentor help?',
  Celebrations: 'Anything to celebrate?',
};

function updateTemplate(): string {
  return UPDATE_SECTIONS.map((section) => `## ${section}\n<!-- ${UPDATE_HINTS[section]} -->\n\n`).join('');
}

/** The sections of an update written in the editor (hints dropped, empty sections left out). */
function sectionsOf(text: string): Partial<Record<UpdateSection, string>> {
  const parsed = parseAsyncUpdate(`---\ndate: ${isoDate(new Date())}\n---\n${text.replace(/<!--[\s\S]*?-->/g, '')}`);
  return parsed.ok ? parsed.update.sections : {};
}

export type AgreementReviewChoice = 'renew' | 'change' | 'close';

/** When the planned sessions are used up, offer to renew, change or close the mentorship. */
async function offerAgreementReview(directory: MentorshipDirectory, noteEditors: NoteEditors, relationship: Relationship): Promise<void> {
  const agreement = readyAgreement(relationship);
  if (!agreement || agreement.status === 'closed') return;
  const held = (await relationship.sessions.load()).sessions.length;
  if (held < agreement.sessionsPlanned) return;
  const choice = await vscode.window.showInformationMessage(
    `${relationship.label}: all ${agreement.sessionsPlanned} planned sessions are held. Review the agreement so the mentorship does not drift on by inertia.`,
    'Review Agreement',
  );
  if (choice === 'Review Agreement') await reviewAgreement(directory, noteEditors, relationship.root);
}

/** Renew (add sessions), change (open the agreement) or close the mentorship (kept readable). */
export async function reviewAgreement(
  directory: MentorshipDirectory,
  noteEditors: NoteEditors,
  root?: string,
  given?: { choice: AgreementReviewChoice; sessions?: number },
): Promise<void> {
  const relationship = await pickRelationship(directory, root);
  const agreement = relationship && readyAgreement(relationship);
  if (!relationship || !agreement) {
    void vscode.window.showInformationMessage('There is no agreement to review yet. Set up a mentorship first.');
    return;
  }
  const held = (await relationship.sessions.load()).sessions.length;
  const choice =
    given?.choice ??
    (
      await vscode.window.showQuickPick(
        [
          { label: '$(add) Renew', description: 'Plan more sessions', choice: 'renew' as const },
          { label: '$(edit) Change', description: 'Edit purpose, length or cadence in mentorship.md', choice: 'change' as const },
          { label: '$(archive) Close', description: 'End the mentorship; everything stays readable', choice: 'close' as const },
        ],
        { title: `Review the Agreement — ${held} of ${agreement.sessionsPlanned} sessions held`, ignoreFocusOut: true },
      )
    )?.choice;
  if (!choice) return;
  if (choice === 'change') {
    await noteEditors.show(path.join(relationship.root, 'mentorship.md'));
    return;
  }
  let updated: Agreement;
  if (choice === 'renew') {
    const more =
      given?.sessions ??
      Number(
        await vscode.window.showInputBox({
          title: 'Renew the Agreement',
          prompt: 'How many more sessions?',
          value: String(agreement.sessionsPlanned),
          validateInput: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 50 ? undefined : 'Enter a whole number from 1 to 50.'),
        }),
      );
    if (!Number.isInteger(more) || more < 1) return;
    updated = { ...agreement, sessionsPlanned: Math.max(agreement.sessionsPlanned, held) + more, status: 'active' };
  } else {
    updated = { ...agreement, status: 'closed' };
  }
  const message = choice === 'renew' ? `Renew the agreement: ${updated.sessionsPlanned} sessions planned` : 'Close the mentorship';
  await relationship.repo.commitFiles([{ path: 'mentorship.md', content: renderAgreement(updated) }], message);
}

