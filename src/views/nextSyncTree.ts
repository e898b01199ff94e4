import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGREEMENT_FILE } from '../core/agreement';
import { COMMANDS } from '../constants';
import type { Relationship } from '../notes/relationship';
import { AgreementNode, MessageNode, ProblemNode } from './nodes';
import { noteNodes } from './noteNodes';
import { RelationshipTree } from './relationshipTree';

/** The agenda of the next sync: the agreement's progress, then the open agenda items. */
export class NextSyncTree extends RelationshipTree {
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
    const sessionsHeld = (await relationship.repo.listNotes('sessions')).length;
    const agenda = await noteNodes(relationship, 'agenda', (summary) =>
      summary.status === 'resolved' ? undefined : { description: [summary.status ?? 'open', ...summary.tags.map((tag) => `#${tag}`)].join(' · '), icon: 'comment-discussion' },
    );
    const items: vscode.TreeItem[] = [new AgreementNode(relationship, state.agreement, sessionsHeld), ...agenda.nodes, ...agenda.problems];
    if (agenda.nodes.length === 0) {
      items.push(new MessageNode('Nothing on the agenda yet', 'Agenda items you flag appear here for the next sync.'));
    }
    return items;
  }
}
