import * as path from 'node:path';
import * as vscode from 'vscode';
import { agendaItemPath, normalizeTag, questionTitle, type AgendaItem } from '../core/agendaItem';
import { captureAnchor, normalizeRemoteUrl, type LineRange } from '../core/codeAnchor';
import { newNoteId } from '../core/ids';
import { describeFindings, redactSecrets } from '../core/secretScan';
import { COMMANDS, VIEWS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import type { WorkspaceRepo } from '../workspace/workspaceRepo';
import { askQuestion } from '../ui/askQuestion';
import { pickTags } from '../ui/pickTags';

/** Big enough for any function worth discussing, small enough to read in a sync. */
export const MAX_SNIPPET_LINES = 200;
export const MAX_SNIPPET_CHARS = 20_000;

/** The answers "Flag for Next Sync" asks for; also accepted as the command's argument. */
export interface FlagAnswers {
  readonly question: string;
  readonly tags?: readonly string[];
  readonly relationshipRoot?: string;
}

/** "Mentorship: Flag for Next Sync": the selection (or current line) onto the agenda. */
export async function flagForNextSync(directory: MentorshipDirectory, workspaceRepo: WorkspaceRepo, given?: FlagAnswers): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a file and select the code you need help with, then run "Flag for Next Sync".');
    return undefined;
  }
  const document = editor.document;
  const fileText = document.getText();
  if (fileText.includes('\u0000')) {
    void vscode.window.showErrorMessage(`${path.basename(document.fileName)} looks like a binary file. Flag code in a text file.`);
    return undefined;
  }
  const relationship = await chooseRelationship(directory, given?.relationshipRoot);
  if (!relationship) return undefined;

  const notes: string[] = [];
  const range = selectedLines(editor.selection, document.lineCount);
  if (range.endLine - range.startLine + 1 > MAX_SNIPPET_LINES) {
    range.endLine = range.startLine + MAX_SNIPPET_LINES - 1;
    notes.push(`The selection was capped at its first ${MAX_SNIPPET_LINES} lines.`);
  }
  const lines = range.startLine === range.endLine ? `line ${range.startLine + 1}` : `lines ${range.startLine + 1}–${range.endLine + 1}`;
  const question =
    given?.question ??
    (await askQuestion(`Flag ${vscode.workspace.asRelativePath(document.uri)} ${lines} for Next Sync`, { placeholder: 'e.g. Why does this effect run after every render?' }));
  if (!question) return undefined;
  const existingTags = (await relationship.agenda.load()).items.flatMap((item) => item.tags);
  const tags = given?.tags ? given.tags.map(normalizeTag).filter(Boolean) : await pickTags(existingTags);
  if (!tags) return undefined;

  const where = await locate(document, workspaceRepo, notes);
  const captured = captureAnchor({ ...where, fileText, range, language: document.languageId });
  let snippet = captured.snippet;
  if (snippet.length > MAX_SNIPPET_CHARS) {
    // Cut at a line boundary so the kept lines still match the code exactly.
    const cut = snippet.lastIndexOf('\n', MAX_SNIPPET_CHARS);
    snippet = snippet.slice(0, cut > 0 ? cut : MAX_SNIPPET_CHARS);
    notes.push(`The snippet was capped at ${MAX_SNIPPET_CHARS.toLocaleString('en')} characters.`);
  }
  // Secrets never reach the notes repo: the snippet and its context lines are scanned first.
  const redactedSnippet = redactSecrets(snippet);
  const redactedBefore = redactSecrets(captured.contextBefore.join('\n'));
  const redactedAfter = redactSecrets(captured.contextAfter.join('\n'));
  const findings = [...redactedSnippet.findings, ...redactedBefore.findings, ...redactedAfter.findings];
  if (findings.length > 0) notes.push(describeFindings(findings));
  const identity = await relationship.repo.identity();
  const item: AgendaItem = {
    id: newNoteId(),
    created: new Date().toISOString(),
    author: identity.email,
    status: 'open',
    tags,
    question,
    anchor: {
      ...captured,
      // A character cap may have dropped lines: the range covers what was kept.
      range: { startLine: captured.range.startLine, endLine: captured.range.startLine + snippet.split('\n').length - 1 },
      snippet: redactedSnippet.text,
      contextBefore: captured.contextBefore.length ? redactedBefore.text.split('\n') : [],
      contextAfter: captured.contextAfter.length ? redactedAfter.text.split('\n') : [],
    },
  };
  await relationship.agenda.add(item);
  const other = relationship.agreement.kind === 'ready' ? relationship.agreement.agreement.mentor.name : 'your mentor';
  const message = `Flagged for your next sync with ${other}: "${questionTitle(question, 50)}".${notes.length ? ` ${notes.join(' ')}` : ''}`;
  const show = findings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, 'Show in Next Sync').then((choice) => {
    if (choice) void vscode.commands.executeCommand(`${VIEWS.nextSync}.focus`);
  });
  return path.join(relationship.root, agendaItemPath(item.id));
}

/** Whole lines of the selection; no selection means the current line. */
export function selectedLines(selection: vscode.Selection, lineCount: number): LineRange & { endLine: number } {
  const startLine = selection.start.line;
  let endLine = selection.end.line;
  // A selection ending at column 0 of the next line does not include that line.
  if (!selection.isEmpty && selection.end.character === 0 && endLine > startLine) endLine--;
  return { startLine, endLine: Math.min(endLine, lineCount - 1) };
}

async function chooseRelationship(directory: MentorshipDirectory, root?: string): Promise<Relationship | undefined> {
  const active = (await directory.relationships()).filter((r) => r.agreement.kind === 'ready' && r.agreement.agreement.status === 'active');
  if (root) return active.find((r) => path.resolve(r.root) === path.resolve(root));
  if (active.length === 0) {
    const choice = await vscode.window.showInformationMessage('Set up a mentorship first, so Mentorship knows whose agenda to add this to.', 'Set Up a Mentorship');
    if (choice) void vscode.commands.executeCommand(COMMANDS.setUpMentorship);
    return undefined;
  }
  if (active.length === 1) return active[0];
  const picked = await vscode.window.showQuickPick(
    active.map((relationship) => ({ label: relationship.label, relationship })),
    { title: 'Flag for Next Sync: which mentorship?', placeHolder: 'Choose whose agenda gets this item' },
  );
  return picked?.relationship;
}

/** Where the file is: in a git repo (repo-relative), a workspace folder, or only a snippet. */
async function locate(
  document: vscode.TextDocument,
  workspaceRepo: WorkspaceRepo,
  notes: string[],
): Promise<{ repository: string; commit?: string; dirty: boolean; path: string }> {
  if (document.isUntitled || document.uri.scheme !== 'file') {
    notes.push('The file is not saved, so the item keeps the snippet only.');
    return { repository: '', dirty: true, path: path.basename(document.fileName) };
  }
  const file = document.uri.fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  // In an untrusted workspace git is not run in the project at all (its config could run code).
  const origin = vscode.workspace.isTrusted ? await workspaceRepo.originOf(file, folder) : folder ? { root: folder, inGit: false } : undefined;
  if (!origin) {
    notes.push('The file is outside your workspace and git, so the item keeps the snippet and file name only.');
    return { repository: '', dirty: document.isDirty, path: path.basename(file) };
  }
  const relative = path.relative(origin.root, file).split(path.sep).join('/');
  if (!origin.inGit) {
    notes.push(
      origin.gitProblem
        ? `git could not read this folder (${origin.gitProblem}), so the item keeps no commit and its place is remembered relative to the workspace folder.`
        : 'The file is not in a git repository, so its place is remembered relative to the workspace folder.',
    );
    return { repository: path.basename(origin.root), dirty: document.isDirty, path: relative };
  }
  const committed = origin.head ? await workspaceRepo.fileAt(origin.root, origin.head, relative) : undefined;
  return {
    repository: origin.remoteUrl ? normalizeRemoteUrl(origin.remoteUrl) : path.basename(origin.root),
    commit: origin.head,
    dirty: document.isDirty || committed !== document.getText(),
    path: relative,
  };
}
