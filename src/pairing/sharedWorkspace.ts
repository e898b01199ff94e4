import * as vscode from 'vscode';
import type { AgendaItem } from '../core/agendaItem';
import { relocateAnchor } from '../core/codeAnchor';

/** Guests see the host's workspace through `vsls:` (Live Share) or `oct:` (Open Collaboration Tools) folders. */
const SHARED_SCHEMES = ['vsls', 'oct'];

/**
 * On a guest's shared workspace the code is not on disk: the anchor's path is looked up in each shared
 * folder and re-located in the text found there. Undefined when nothing matches for sure, so the
 * caller shows the captured snippet instead.
 */
export async function openInSharedWorkspace(item: AgendaItem): Promise<vscode.TextEditor | undefined> {
  const shared = (vscode.workspace.workspaceFolders ?? []).filter((folder) => SHARED_SCHEMES.includes(folder.uri.scheme));
  for (const folder of shared) {
    const uri = vscode.Uri.joinPath(folder.uri, ...item.anchor.path.split('/'));
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      continue;
    }
    const where = relocateAnchor(item.anchor, { path: item.anchor.path, text: document.getText() });
    if (where.status === 'gone' || !where.range) continue;
    const end = Math.min(where.range.endLine, document.lineCount - 1);
    const selection = new vscode.Range(where.range.startLine, 0, end, document.lineAt(end).text.length);
    return vscode.window.showTextDocument(document, { selection, preview: true });
  }
  return undefined;
}
