import * as path from 'node:path';
import * as vscode from 'vscode';
import { isBelowFolder } from '../core/notesLocation';
import { checkedFollowUps, parseSession } from '../core/sessionRecord';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { KeptBoth } from '../notes/notesRepo';
import type { Relationship } from '../notes/relationship';
import type { NoteEditors } from '../ui/noteEditors';

// Notes written by hand in the editor: session takeaways, async updates and the agreement.
const HAND_WRITTEN = /^(?:sessions|updates)\/[a-z0-9][a-z0-9.-]*\.md$|^mentorship\.md$/;

/**
 * Saving a session file (or an update, or the agreement) commits it: takeaways are written
 * over days, and each save becomes a commit that the background sync shares.
 */
export function commitNotesOnSave(directory: MentorshipDirectory, report: (error: unknown) => void): vscode.Disposable {
  return vscode.workspace.onDidSaveTextDocument((document) => {
    if (document.uri.scheme !== 'file') return;
    void (async () => {
      const relationships = await directory.relationships();
      const owner = relationships.find((r) => isBelowFolder(document.uri.fsPath, r.root));
      if (!owner) return;
      const relative = path.relative(owner.root, document.uri.fsPath).split(path.sep).join('/');
      if (!HAND_WRITTEN.test(relative)) return;
      const what = relative === 'mentorship.md' ? 'Edit the agreement' : relative.startsWith('sessions/') ? 'Edit takeaways' : 'Edit update';
      // The commit tells the views (this relationship's nodes only).
      await owner.repo.commitFiles([{ path: relative, content: document.getText() }], `${what}: ${path.posix.basename(relative, '.md')}`);
      if (relative.startsWith('sessions/')) await closeCheckedFollowUps(owner, relative, document.getText());
    })().catch(report);
  });
}

/** A follow-up checked in a session file closes the earlier session's action item it mirrors. */
async function closeCheckedFollowUps(relationship: Relationship, file: string, text: string): Promise<void> {
  const parsed = parseSession(text);
  if (!parsed.ok) return;
  const checked = checkedFollowUps(parsed.session);
  if (checked.length === 0) return;
  relationship.sessions.invalidate();
  for (const { entry, action } of await relationship.sessions.openActionItems()) {
    if (entry.file === file) continue;
    if (checked.some((f) => f.text === action.text && f.sessionDate === entry.session.date)) {
      await relationship.sessions.setActionItemDone(entry.file, action, true);
    }
  }
}

/** Tells the user when a sync kept both versions of a note, with a way to compare them. */
export function announceKeptBoth(directory: MentorshipDirectory, noteEditors: NoteEditors): vscode.Disposable {
  return directory.onDidKeepBoth((relationship: Relationship, kept: readonly KeptBoth[]) => {
    const first = kept[0];
    if (!first) return;
    const files = kept.map((k) => k.path).join(', ');
    void vscode.window
      .showWarningMessage(
        `${relationship.label}: both of you changed ${files}. Nothing was lost: your version stays in place and the other version is kept in ${first.theirsPath}${kept.length > 1 ? ' (and beside the others)' : ''}. Merge them by hand, then delete the copy.`,
        'Compare',
      )
      .then((choice) => {
        if (choice === 'Compare') void compareConflictCopy(noteEditors, relationship.root, first);
      });
  });
}

export async function compareConflictCopy(noteEditors: NoteEditors, root: string, kept: KeptBoth): Promise<void> {
  if (noteEditors.hosting) {
    await noteEditors.show(path.join(root, kept.path)); // explains why not while hosting
    return;
  }
  await vscode.commands.executeCommand(
    'vscode.diff',
    vscode.Uri.file(path.join(root, kept.theirsPath)),
    vscode.Uri.file(path.join(root, kept.path)),
    `${path.posix.basename(kept.path)}: theirs ↔ yours`,
  );
}
