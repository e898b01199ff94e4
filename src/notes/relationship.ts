import * as path from 'node:path';
import { AGREEMENT_FILE, parseAgreement, relationshipLabel, type Agreement } from '../core/agreement';
import type { FrontMatterProblem } from '../core/frontMatter';
import { AgendaStore } from './agendaStore';
import type { NotesRepo } from './notesRepo';
import { ReplyStore } from './replyStore';
import { SessionStore } from './sessionStore';
import type { SyncScheduler } from './syncScheduler';

/** Where a relationship's agreement stands, as the views show it. */
export type AgreementState =
  | { readonly kind: 'ready'; readonly agreement: Agreement }
  | { readonly kind: 'missing' }
  | { readonly kind: 'broken'; readonly file: string; readonly problem: FrontMatterProblem };

/** One mentorship relationship: its notes repo, its agreement and its background sync. */
export class Relationship {
  private agreementState: AgreementState = { kind: 'missing' };
  readonly agenda: AgendaStore;
  readonly sessions: SessionStore;
  /** Replies in the agenda items' comment threads. */
  readonly replies: ReplyStore;

  constructor(
    readonly repo: NotesRepo,
    readonly sync: SyncScheduler,
  ) {
    this.agenda = new AgendaStore(repo);
    this.sessions = new SessionStore(repo);
    this.replies = new ReplyStore(repo);
    // A sync may have pulled the other person's notes.
    sync.onDidChange((state) => {
      if (state.kind === 'synced') {
        this.agenda.invalidate();
        this.sessions.invalidate();
        this.replies.invalidate();
      }
    });
  }

  get root(): string {
    return this.repo.root;
  }

  get agreement(): AgreementState {
    return this.agreementState;
  }

  get label(): string {
    return this.agreementState.kind === 'ready' ? relationshipLabel(this.agreementState.agreement) : path.basename(this.root);
  }

  /** Re-reads `mentorship.md`; a broken file is reported, never rewritten. */
  async reload(): Promise<AgreementState> {
    this.agenda.invalidate();
    this.sessions.invalidate();
    this.replies.invalidate();
    const text = await this.repo.readFile(AGREEMENT_FILE);
    if (text === undefined) {
      this.agreementState = { kind: 'missing' };
    } else {
      const parsed = parseAgreement(text);
      this.agreementState = parsed.ok
        ? { kind: 'ready', agreement: parsed.agreement }
        : { kind: 'broken', file: path.join(this.root, AGREEMENT_FILE), problem: parsed.problem };
    }
    return this.agreementState;
  }
}

/** A configured notes repo that cannot be used, with the reason to show. */
export interface UnusableNotesRepo {
  readonly root: string;
  readonly reason: string;
}

/** The agreement when it is written and readable; undefined while missing or unreadable. */
export function readyAgreement(relationship: Relationship): Agreement | undefined {
  return relationship.agreement.kind === 'ready' ? relationship.agreement.agreement : undefined;
}
