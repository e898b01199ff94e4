import type * as vscode from 'vscode';
import type { Relationship } from '../notes/relationship';
import { MessageNode } from './nodes';
import { noteNodes } from './noteNodes';
import { RelationshipTree } from './relationshipTree';

/** Past sessions of each relationship, newest first, with length and rating. */
export class TakeawaysTree extends RelationshipTree {
  protected async childrenOf(relationship: Relationship): Promise<vscode.TreeItem[]> {
    const sessions = await noteNodes(relationship, 'sessions', (summary) => ({
      description: [summary.date, summary.minutes ? `${summary.minutes} min` : undefined, summary.rating ? `rated ${summary.rating}/5` : 'not rated']
        .filter(Boolean)
        .join(' · '),
      icon: 'notebook',
    }));
    if (sessions.nodes.length === 0 && sessions.problems.length === 0) {
      return [new MessageNode('No sessions recorded yet', 'Takeaways of each session appear here.')];
    }
    // Session files are named <date>-<id>.md, so reverse name order is newest first.
    return [...sessions.nodes.reverse(), ...sessions.problems];
  }
}
