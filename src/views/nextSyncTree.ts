import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGREEMENT_FILE } from '../core/agreement';
import type { AgendaItem } from '../core/agendaItem';
import type { Event } from '../core/emitter';
import type { AnchorLocator, ItemLocation } from '../anchors/anchorLocator';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import { AgendaItemNode, NeedsAttentionNode, type RowLocation } from './agendaNodes';
import { groupAgenda, type AgendaGrouping } from './agendaGrouping';
import { AgreementNode, MessageNode, ProblemNode } from './nodes';
import { RelationshipTree } from './relationshipTree';
import { FollowUpsNode } from './takeawaysNodes';
import { scheduleRows } from '../schedule/registerSchedule';

/** Unread replies per agenda item (src/comments keeps them; the tree only shows them). */
export interface ReplyCounts {
  unreadFor(root: string, itemId: string): number;
  readonly onDidChange: vscode.Event<void>;
}

/** The agenda of the next sync: the agreement's progress, then the open agenda items in order. */
export class NextSyncTree extends RelationshipTree {
  protected override readonly showsRepoProblems = true;
  constructor(
    directory: MentorshipDirectory,
    report: (error: unknown) => void,
    private readonly locator: AnchorLocator,
    private readonly grouping: () => AgendaGrouping,
    codeChanged: Event<void>,
    private readonly replyCounts?: ReplyCounts,
  ) {
    super(directory, report);
    // Saves, focus and git moves can move the code under the anchors: only this tree shows where.
    this.subscriptions.push(codeChanged(() => this.refresh()));
    if (replyCounts) this.subscriptions.push(replyCounts.onDidChange(() => this.refresh()));
  }

  protected async childrenOf(relationship: Relationship): Promise<vscode.TreeItem[]> {
    const state = relationship.agreement;
    if (state.kind === 'broken') {
      return [new ProblemNode(path.join(relationship.root, AGREEMENT_FILE), state.problem)];
    }
    if (state.kind === 'missing') {
      return [
        new MessageNode('No agreement yet — set up the mentorship', undefined, 'add', {
          command: COMMANDS.setUpMentorship,
          title: 'Set Up a Mentorship',
        }),
      ];
    }
    const [sessions, agenda] = await Promise.all([relationship.sessions.load(), relationship.agenda.load()]);
    const sessionsHeld = sessions.sessions.length;
    const followUps = await relationship.sessions.openActionItems();
    const pending = agenda.items.filter((item) => item.status !== 'resolved');
    const locations = await this.locations(relationship, pending);
    const nodes = pending.map((item, index) => new AgendaItemNode(relationship, item, locations[index] ?? { kind: 'elsewhere' }, this.replyCounts?.unreadFor(relationship.root, item.id)));
    // A scheduled next sync heads the view; "Schedule Next Sync…" follows the agreement (src/schedule).
    const rows: vscode.TreeItem[] = [new AgreementNode(relationship, state.agreement, sessionsHeld)];
    for (const row of await scheduleRows(relationship, pending.length)) {
      if (row.contextValue === 'nextSyncDate') rows.unshift(row);
      else rows.push(row);
    }
    if (followUps.length > 0) rows.push(new FollowUpsNode(relationship, followUps));
    rows.push(...groupAgenda(relationship, nodes, this.grouping()));
    if (nodes.length === 0) {
      rows.push(
        new MessageNode('Nothing on the agenda yet — select code and run "Flag for Next Sync"', 'Agenda items you flag appear here for the next sync.', 'info', {
          command: COMMANDS.flagForNextSync,
          title: 'Flag for Next Sync',
        }),
      );
    }
    if (agenda.problems.length > 0) rows.push(new NeedsAttentionNode(relationship, agenda.problems));
    return rows;
  }

  /**
   * Where each item's code is. Re-locating a large agenda the first time (git queries, diffs)
   * can take longer than a view should stay empty: past a short budget the rows show the last
   * known status (or "locating…") and the tree renders again when the statuses change.
   */
  private async locations(relationship: Relationship, items: readonly AgendaItem[]): Promise<readonly RowLocation[]> {
    const job = this.locator.locateAll(items);
    // With every status already known the rows can show at once and update if one changed.
    const allKnown = items.every((item) => this.known.has(knownKey(relationship, item)));
    const early = await Promise.race([job, delay(allKnown ? KNOWN_BUDGET_MS : LOCATE_BUDGET_MS)]);
    if (early) {
      this.remember(relationship, items, early);
      return early;
    }
    void job.then(
      (located) => {
        if (this.remember(relationship, items, located)) this.refresh(relationship);
      },
      (error: unknown) => this.report(error),
    );
    return items.map((item) => this.known.get(knownKey(relationship, item)) ?? LOCATING);
  }

  /** Keeps the statuses for the next render; true when any differs from what was shown. */
  private remember(relationship: Relationship, items: readonly AgendaItem[], located: readonly ItemLocation[]): boolean {
    let changed = false;
    items.forEach((item, index) => {
      const key = knownKey(relationship, item);
      const location = located[index];
      if (!location) return;
      if (!sameLocation(this.known.get(key), location)) changed = true;
      this.known.set(key, location);
    });
    return changed;
  }

  // By relationship and item id: a commit re-reads the agenda into new objects, and the rows
  // should keep their status meanwhile rather than flash "locating…".
  private readonly known = new Map<string, ItemLocation>();
}

/** How long a render waits for anchor statuses before showing "locating…" … */
const LOCATE_BUDGET_MS = 30;
/** … or the statuses shown last time. */
const KNOWN_BUDGET_MS = 10;
const LOCATING: RowLocation = { kind: 'locating' };

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

function knownKey(relationship: Relationship, item: AgendaItem): string {
  return `${relationship.root}\0${item.id}`;
}

function sameLocation(a: ItemLocation | undefined, b: ItemLocation): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'elsewhere' || b.kind === 'elsewhere') return true;
  const [x, y] = [a.location, b.location];
  return (
    a.uri.toString() === b.uri.toString() &&
    x.status === y.status &&
    x.range?.startLine === y.range?.startLine &&
    x.range?.endLine === y.range?.endLine
  );
}
