import * as path from 'node:path';
import type * as vscode from 'vscode';
import { summarizeNote, type NoteSummary } from '../core/noteSummary';
import type { Relationship } from '../notes/relationship';
import { NoteNode, ProblemNode } from './nodes';

/**
 * Reads the notes in one folder of a relationship's repo into tree nodes; files that cannot
 * be read become ProblemNodes with the reason.
 */
export async function noteNodes(
  relationship: Relationship,
  folder: string,
  present: (summary: NoteSummary) => { description: string; icon: string } | undefined,
): Promise<{ nodes: vscode.TreeItem[]; problems: vscode.TreeItem[]; count: number }> {
  const nodes: vscode.TreeItem[] = [];
  const problems: vscode.TreeItem[] = [];
  for (const relative of await relationship.repo.listNotes(folder)) {
    const text = (await relationship.repo.readFile(relative)) ?? '';
    const result = summarizeNote(text);
    if (!result.ok) {
      problems.push(new ProblemNode(path.join(relationship.root, relative), result.problem));
      continue;
    }
    const shown = present(result.summary);
    if (shown) nodes.push(new NoteNode(relationship, relative, result.summary, shown.description, shown.icon));
  }
  return { nodes, problems, count: nodes.length };
}
