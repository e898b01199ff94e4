import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { AnchorLocator } from './anchorLocator';

interface Marker {
  readonly root: string;
  readonly id: string;
  readonly question: string;
  readonly range: vscode.Range;
}

/**
 * A gutter marker and a hover with the question on every flagged line in the visible editors.
 * Markers follow edits live: an open document is re-located from its unsaved text.
 */
export class AgendaDecorations implements vscode.Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly applied = new Map<string, readonly Marker[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly directory: MentorshipDirectory,
    private readonly locator: AnchorLocator,
    extensionUri: vscode.Uri,
  ) {
    this.type = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'agenda-flag.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorInfo.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    const soon = (): void => this.schedule();
    this.subscriptions.push(
      this.type,
      directory.onDidChange(soon),
      vscode.window.onDidChangeVisibleTextEditors(soon),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (vscode.window.visibleTextEditors.some((editor) => editor.document === event.document)) this.schedule(150);
      }),
    );
  }

  /** What was last drawn in a document (for tests and diagnostics). */
  markersIn(uri: vscode.Uri): readonly { id: string; startLine: number; endLine: number }[] {
    return (this.applied.get(uri.toString()) ?? []).map((m) => ({ id: m.id, startLine: m.range.start.line, endLine: m.range.end.line }));
  }

  schedule(delay = 50): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const editors = vscode.window.visibleTextEditors.filter((editor) => editor.document.uri.scheme === 'file');
    if (editors.length === 0) return;
    const markers = new Map<string, Marker[]>();
    for (const relationship of await this.directory.relationships()) {
      if (relationship.agreement.kind !== 'ready') continue;
      const items = (await relationship.agenda.load()).items.filter((item) => item.status !== 'resolved');
      const locations = await this.locator.locateAll(items);
      for (const [index, item] of items.entries()) {
        const where = locations[index];
        if (!where) continue;
        if (where.kind !== 'here' || where.location.status === 'gone') continue;
        const editor = editors.find((e) => e.document.uri.fsPath === where.uri.fsPath);
        if (!editor) continue;
        // The saved file told us which document; its live text tells us where the code is now.
        const live = this.locator.locateInDocument(item, editor.document, path.relative(where.root, where.uri.fsPath).split(path.sep).join('/'));
        if (!live.range || live.status === 'gone') continue;
        const key = editor.document.uri.toString();
        const list = markers.get(key) ?? [];
        list.push({ root: relationship.root, id: item.id, question: item.question, range: new vscode.Range(live.range.startLine, 0, live.range.endLine, 0) });
        markers.set(key, list);
      }
    }
    this.applied.clear();
    for (const editor of editors) {
      const list = markers.get(editor.document.uri.toString()) ?? [];
      this.applied.set(editor.document.uri.toString(), list);
      editor.setDecorations(
        this.type,
        list.map((marker) => ({ range: marker.range, hoverMessage: hoverFor(marker) })),
      );
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function hoverFor(marker: Marker): vscode.MarkdownString {
  const args = encodeURIComponent(JSON.stringify([marker.root, marker.id]));
  const hover = new vscode.MarkdownString(`**On the agenda for your next sync**\n\n${marker.question}\n\n[Show in Next Sync](command:${COMMANDS.revealAgendaItem}?${args})`);
  // Only this one command may run from the hover; the question itself is the user's markdown.
  hover.isTrusted = { enabledCommands: [COMMANDS.revealAgendaItem] };
  return hover;
}
