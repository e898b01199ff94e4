import * as vscode from 'vscode';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';

/** Asks which relationship when there are several; undefined when there is none or cancelled. */
export async function pickRelationship(directory: MentorshipDirectory, root?: string): Promise<Relationship | undefined> {
  if (root) return directory.relationshipAt(root);
  const relationships = await directory.relationships();
  if (relationships.length <= 1) return relationships[0];
  const chosen = await vscode.window.showQuickPick(
    relationships.map((relationship) => ({ label: relationship.label, description: relationship.root, relationship })),
    { title: 'Which mentorship?', placeHolder: 'Choose a relationship' },
  );
  return chosen?.relationship;
}
