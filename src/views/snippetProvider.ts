import * as vscode from 'vscode';
import { renderSnippetDocument } from '../core/snippetDocument';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';

export const SNIPPET_SCHEME = 'mentorship-snippet';

/** `mentorship-snippet:/<file name>?root=…&id=…`: read-only, like any virtual document. */
export function snippetUri(root: string, id: string, fileName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SNIPPET_SCHEME, path: `/${fileName}`, query: new URLSearchParams({ root, id }).toString() });
}

/** Serves the captured snippet of an agenda item whose code is not on this machine. */
export class SnippetProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly directory: MentorshipDirectory) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const relationship = await this.directory.relationshipAt(query.get('root') ?? '');
    const item = relationship && (await relationship.agenda.load()).items.find((i) => i.id === query.get('id'));
    return item ? renderSnippetDocument(item) : 'This agenda item no longer exists in the notes repo.';
  }
}
