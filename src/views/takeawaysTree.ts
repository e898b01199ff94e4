import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Relationship } from '../notes/relationship';
import { MessageNode } from './nodes';
import { NeedsAttentionNode } from './agendaNodes';
import { RelationshipTree } from './relationshipTree';
import { ConflictCopiesNode, SessionNode, UpdateNode } from './takeawaysNodes';

/** Past sessions and updates of each relationship in one timeline, newest first. */
export class TakeawaysTree extends RelationshipTree {
  protected async childrenOf(relationship: Relationship): Promise<vscode.TreeItem[]> {
    const { sessions, updates, problems, conflictCopies } = await relationship.sessions.load();
    const rows: vscode.TreeItem[] = [];
    if (conflictCopies.length) rows.push(new ConflictCopiesNode(relationship, conflictCopies));
    // One timeline, newest first: an update posted today is at the top, not below older sessions.
    const timeline = [
      ...sessions.map((entry, index) => ({ date: entry.session.date, order: 1, node: new SessionNode(relationship, entry, index + 1) as vscode.TreeItem })),
      ...updates.map((entry) => ({ date: entry.update.date, order: 0, node: new UpdateNode(relationship, entry) as vscode.TreeItem })),
    ].map((row, index) => ({ ...row, index }));
    timeline.sort((a, b) => b.date.localeCompare(a.date) || b.order - a.order || b.index - a.index);
    rows.push(...timeline.map((row) => row.node));
    if (sessions.length === 0) rows.push(new MessageNode('No sessions recorded yet — run "Record Takeaways" after a session', 'Takeaways of each session appear here.'));
    if (problems.length) {
      rows.push(new NeedsAttentionNode(relationship, problems.map((p) => ({ file: path.join(relationship.root, p.file), problem: p.problem }))));
    }
    return rows;
  }
}
