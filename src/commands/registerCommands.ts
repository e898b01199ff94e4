import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGREEMENT_FILE } from '../core/agreement';
import { COMMANDS } from '../constants';
import type { AnchorLocator } from '../anchors/anchorLocator';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { WorkspaceRepo } from '../workspace/workspaceRepo';
import { editQuestion, findAgendaItem, openAgendaItem, removeAgendaItem, setAgendaStatus } from './agendaCommands';
import { flagForNextSync, type FlagAnswers } from './flagForNextSync';
import { cloneNotesRepo, connectRemote, disconnectRemote, openNotesRepo, syncRelationships } from './notesRepoCommands';
import { pickRelationship } from '../ui/pickRelationship';
import type { NotesSettings } from '../ui/notesSettings';
import type { NoteEditors } from '../ui/noteEditors';
import type { FeedbackPrompt } from './feedbackPrompt';
import type { TakeawayDrafts } from './takeawayDrafts';
import { compareConflictCopy } from './notesAutoCommit';
import { postUpdate, recordTakeaways, reviewAgreement, type AgreementReviewChoice } from './takeawaysCommands';
import { FollowUpNode, SessionNode } from '../views/takeawaysNodes';
import { setUpMentorship, type SetupAnswers } from './setUpMentorship';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';

/** Registers every command; each runs inside one error boundary that shows an actionable message. */
export interface CommandDependencies {
  readonly directory: MentorshipDirectory;
  readonly settings: NotesSettings;
  readonly log: MentorshipLog;
  readonly locator: AnchorLocator;
  readonly workspaceRepo: WorkspaceRepo;
  /** Focuses the Next Sync view on an item (from the editor hover). */
  readonly reveal: (root: string, id: string) => Promise<void>;
  readonly noteEditors: NoteEditors;
  readonly feedback: FeedbackPrompt;
  readonly drafts: TakeawayDrafts;
  /** Heard for each agenda item opened (pairing lists them for the takeaways). */
  readonly onAgendaItemOpened: (root: string, id: string) => void;
}

export function registerCommands({ directory, settings, log, locator, workspaceRepo, reveal, noteEditors, feedback, drafts, onAgendaItemOpened }: CommandDependencies): vscode.Disposable[] {
  const register = commandRegistrar(log);

  return [
    register(COMMANDS.setUpMentorship, (answers?: SetupAnswers) => setUpMentorship(directory, settings, isSetupAnswers(answers) ? answers : undefined)),
    register(COMMANDS.openNotesRepo, (folder?: unknown) => openNotesRepo(directory, settings, typeof folder === 'string' ? folder : undefined)),
    register(COMMANDS.cloneNotesRepo, (remote?: unknown) => cloneNotesRepo(directory, settings, typeof remote === 'string' ? remote : undefined)),
    register(COMMANDS.connectRemote, (root?: unknown, remote?: unknown) =>
      connectRemote(directory, settings, relationshipRootOf(root), typeof remote === 'string' ? remote : undefined),
    ),
    register(COMMANDS.changeRemote, (root?: unknown, remote?: unknown) =>
      connectRemote(directory, settings, relationshipRootOf(root), typeof remote === 'string' ? remote : undefined),
    ),
    register(COMMANDS.disconnectRemote, (root?: unknown, confirmed?: unknown) => disconnectRemote(directory, settings, relationshipRootOf(root), confirmed === true)),
    register(COMMANDS.syncNow, async () => {
      const relationships = await directory.relationships();
      if (relationships.length === 0) {
        void vscode.window.showInformationMessage('There is no notes repo to sync yet. Set up a mentorship first.');
        return undefined;
      }
      return syncRelationships(relationships, true);
    }),
    register(COMMANDS.openAgreement, async (root?: unknown) => {
      const relationship = await pickRelationship(directory, typeof root === 'string' ? root : undefined);
      if (!relationship) return undefined;
      return noteEditors.show(path.join(relationship.root, AGREEMENT_FILE));
    }),
    register(COMMANDS.openNote, async (file?: unknown) => {
      // From a session row's context menu: the session file itself.
      if (file instanceof SessionNode) return noteEditors.show(path.join(file.relationship.root, file.entry.file), { preview: false });
      if (typeof file !== 'string') return undefined;
      return noteEditors.show(file, { preview: true });
    }),
    register(COMMANDS.refresh, async () => {
      locator.reset();
      directory.reload();
    }),
    register(COMMANDS.flagForNextSync, (answers?: unknown) => flagForNextSync(directory, workspaceRepo, isFlagAnswers(answers) ? answers : undefined)),
    register(COMMANDS.openAgendaItem, async (target?: unknown, id?: unknown) => {
      const found = await findAgendaItem(directory, target, id);
      if (found) onAgendaItemOpened(found.relationship.root, found.item.id);
      return found && openAgendaItem(locator, found.relationship, found.item);
    }),
    ...(
      [
        [COMMANDS.markDiscussed, 'discussed'],
        [COMMANDS.resolveAgendaItem, 'resolved'],
        [COMMANDS.reopenAgendaItem, 'open'],
      ] as const
    ).map(([command, status]) =>
      register(command, async (target?: unknown, id?: unknown) => {
        const found = await findAgendaItem(directory, target, id);
        return found && setAgendaStatus(found.relationship, found.item, status);
      }),
    ),
    register(COMMANDS.editQuestion, async (target?: unknown, id?: unknown, question?: unknown) => {
      const found = await findAgendaItem(directory, target, id);
      return found && editQuestion(found.relationship, found.item, typeof question === 'string' ? question : undefined);
    }),
    register(COMMANDS.removeAgendaItem, async (target?: unknown, id?: unknown, confirmed?: unknown) => {
      const found = await findAgendaItem(directory, target, id);
      return found && removeAgendaItem(found.relationship, found.item, confirmed === true);
    }),
    register(COMMANDS.revealAgendaItem, async (root?: unknown, id?: unknown) => {
      if (typeof root === 'string' && typeof id === 'string') await reveal(root, id);
    }),
    register(COMMANDS.showLog, async () => log.show()),
    register(COMMANDS.recordTakeaways, (facts?: unknown) => {
      // A draft left unsaved earlier is offered again beside the new session.
      void drafts.offerKept().catch((e: unknown) => log.error(e));
      return recordTakeaways({ directory, locator, noteEditors, askForFeedback: (relationship, file) => feedback.askWhenWritten(relationship, file).catch((e: unknown) => log.error(e)) }, facts);
    }),
    register(COMMANDS.restoreTakeawayDraft, (file?: unknown) => drafts.restoreFromPalette(file)),
    register(COMMANDS.rateSession, async (root?: unknown, file?: unknown, rating?: unknown, who?: unknown) => {
      if (root instanceof SessionNode) return feedback.ask(root.relationship, root.entry.file);
      const relationship = await pickRelationship(directory, typeof root === 'string' ? root : undefined);
      if (!relationship || typeof file !== 'string') return undefined;
      const relative = path.isAbsolute(file) ? path.relative(relationship.root, file).split(path.sep).join('/') : file;
      if (typeof rating === 'number') return feedback.rate(relationship, relative, rating, who === 'mentor' ? 'mentor_rating' : 'rating');
      return feedback.ask(relationship, relative);
    }),
    register(COMMANDS.postUpdate, (answers?: unknown) => postUpdate(directory, noteEditors, typeof answers === 'object' && answers !== null ? (answers as Record<string, string>) : undefined)),
    register(COMMANDS.reviewAgreement, (root?: unknown, choice?: unknown) =>
      reviewAgreement(directory, noteEditors, typeof root === 'string' ? root : undefined, isReviewChoice(choice) ? choice : undefined),
    ),
    register(COMMANDS.completeActionItem, async (target?: unknown) => {
      if (!(target instanceof FollowUpNode)) return undefined;
      await target.relationship.sessions.setActionItemDone(target.followUp.entry.file, target.followUp.action, true);
      return undefined;
    }),
    register(COMMANDS.compareConflictCopy, async (root?: unknown, original?: unknown, copy?: unknown) => {
      if (typeof root !== 'string' || typeof original !== 'string' || typeof copy !== 'string') return undefined;
      return compareConflictCopy(noteEditors, root, { path: original, theirsPath: copy });
    }),
  ];
}

function isReviewChoice(value: unknown): value is { choice: AgreementReviewChoice; sessions?: number } {
  const choice = (value as { choice?: unknown } | null)?.choice;
  return choice === 'renew' || choice === 'change' || choice === 'close';
}

function isFlagAnswers(value: unknown): value is FlagAnswers {
  return typeof value === 'object' && value !== null && typeof (value as FlagAnswers).question === 'string';
}

function isSetupAnswers(value: unknown): value is SetupAnswers {
  return typeof value === 'object' && value !== null && 'role' in value && 'other' in value && 'me' in value;
}

/** A relationship's root from a command argument: a path, or a view row that names one. */
function relationshipRootOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const root = (arg as { relationship?: { root?: unknown } } | undefined)?.relationship?.root;
  return typeof root === 'string' ? root : undefined;
}
