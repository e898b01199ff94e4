import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Relationship } from '../notes/relationship';
import { MessageNode } from './nodes';
import { NeedsAttentionNode } from './agendaNodes';
import { RelationshipTree } from './relationshipTree';
import { ConflictCopiesNode, SessionNode, UpdatesNode } from './takeawaysNodes';

/** Past sessions of each relationship, newest first, with number, length and rating; then updates. */
export class TakeawaysTree extends RelationshipTree {
  protected async childrenOf(relationship: Relationship): Promise<vscode.TreeItem[]> {
    const { sessions, updates, problems, conflictCopies } = await relationship.sessions.load();
    const rows: vscode.TreeItem[] = [];
    if (conflictCopies.length) rows.push(new ConflictCopiesNode(relationship, conflictCopies));
    rows.push(...sessions.map((entry, index) => new SessionNode(relationship, entry, index + 1)).reverse());
    if (sessions.length === 0) rows.push(new MessageNode('No sessions recorded yet — run "Record Takeaways" after a session', 'Takeaways of each session appear here.'));
    if (updates.length) rows.push(new UpdatesNode(relationship, updates));
    if (problems.length) {
      rows.push(new NeedsAttentionNode(relationship, problems.map((p) => ({ file: path.join(relationship.root, p.file), problem: p.problem }))));
    }
    return rows;
  }
}
