import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGREEMENT_FILE } from '../core/agreement';
import type { AnchorLocator } from '../anchors/anchorLocator';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import { AgendaItemNode, NeedsAttentionNode } from './agendaNodes';
import { groupAgenda, type AgendaGrouping } from './agendaGrouping';
import { AgreementNode, MessageNode, ProblemNode } from './nodes';
import { RelationshipTree } from './relationshipTree';

/** The agenda of the next sync: the agreement's progress, then the open agenda items in order. */
export class NextSyncTree extends RelationshipTree {
  constructor(
    directory: MentorshipDirectory,
    report: (error: unknown) => void,
    private readonly locator: AnchorLocator,
    private readonly grouping: () => AgendaGrouping,
  ) {
    super(directory, report);
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
    const [sessionsHeld, agenda] = await Promise.all([relationship.repo.listNotes('sessions').then((s) => s.length), relationship.agenda.load()]);
    const pending = agenda.items.filter((item) => item.status !== 'resolved');
    const locations = await this.locator.locateAll(pending);
    const nodes = pending.map((item, index) => new AgendaItemNode(relationship, item, locations[index] ?? { kind: 'elsewhere' }));
    const rows: vscode.TreeItem[] = [new AgreementNode(relationship, state.agreement, sessionsHeld), ...groupAgenda(relationship, nodes, this.grouping())];
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
}
