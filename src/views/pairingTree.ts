import * as vscode from 'vscode';
import type { Relationship } from '../notes/relationship';
import { RelationshipTree } from './relationshipTree';

/** Who to pair with in each relationship, and for how long the agreement plans a session. */
export class PairingTree extends RelationshipTree {
  protected async childrenOf(relationship: Relationship): Promise<vscode.TreeItem[]> {
    const state = relationship.agreement;
    if (state.kind !== 'ready') return [];
    const { mentor, mentee, minutesPerSession } = state.agreement;
    const item = new vscode.TreeItem(`${mentee.name} with ${mentor.name}`, vscode.TreeItemCollapsibleState.None);
    item.id = `pairing:${relationship.root}`;
    item.contextValue = 'pairingIdle';
    item.description = `not pairing · ${minutesPerSession} min planned`;
    item.iconPath = new vscode.ThemeIcon('live-share');
    item.tooltip = `Pairing runs through Live Share. Sessions are planned at ${minutesPerSession} minutes.`;
    return [item];
  }
}
