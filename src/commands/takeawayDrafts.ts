import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isBelowFolder } from '../core/notesLocation';
import { STATE_KEYS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { NoteEditors } from '../ui/noteEditors';

/** Unsaved text of a takeaways or update file, kept in global state until saved or discarded. */
export interface TakeawayDraft {
  readonly file: string;
  readonly text: string;
  readonly keptAt: string;
}

// Takeaways and updates are written over a while; a closed editor must not take the words along.
const DRAFTED = /[\\/](?:sessions|updates)[\\/][^\\/]+\.md$/;
const WRITE_DELAY_MS = 250;
const STARTUP_OFFER_DELAY_MS = 3_000;

/**
 * Keeps the unsaved text of session and update files. Closing such an editor without saving
 * (or a window that goes away) leaves a draft that is offered again: right after the close,
 * when the extension starts and when the next takeaways are recorded.
 */
export class TakeawayDrafts implements vscode.Disposable {
  private readonly pending = new Map<string, { text: string; timer: ReturnType<typeof setTimeout> }>();
  private readonly subscriptions: vscode.Disposable[];
  private startupOffer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly directory: MentorshipDirectory,
    private readonly noteEditors: NoteEditors,
    private readonly report: (error: unknown) => void,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.discard(document.uri.fsPath).catch(report)),
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) {
          if (tab.input instanceof vscode.TabInputText && DRAFTED.test(tab.input.uri.fsPath)) void this.closed(tab.input.uri).catch(report);
        }
      }),
    ];
    // Drafts left by a window that went away are offered once this one has settled; only
    // in-memory state is read here, so activation stays free of I/O.
    if (this.list().length > 0) this.startupOffer = setTimeout(() => void this.offerKept().catch(report), STARTUP_OFFER_DELAY_MS);
  }

  list(): readonly TakeawayDraft[] {
    const stored = this.state.get<unknown>(STATE_KEYS.takeawayDrafts);
    return Array.isArray(stored) ? stored.filter(isDraft) : [];
  }

  /** Drafts whose text differs from the file on disk and that no open editor shows. */
  async kept(): Promise<readonly TakeawayDraft[]> {
    const open = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.fsPath));
    const kept: TakeawayDraft[] = [];
    for (const draft of this.list()) {
      if (open.has(draft.file)) continue;
      if ((await readOrUndefined(draft.file)) === draft.text) await this.discard(draft.file);
      else kept.push(draft);
    }
    return kept;
  }

  /** Opens the file with the draft's text in it, unsaved; saving commits it as usual. */
  async restore(file: string): Promise<vscode.TextEditor | undefined> {
    const draft = this.list().find((d) => d.file === file);
    if (!draft) {
      void vscode.window.showInformationMessage(`No unsaved draft of ${path.basename(file)} is kept.`);
      return undefined;
    }
    if (this.noteEditors.hosting) return this.noteEditors.show(file); // says why not now
    if ((await readOrUndefined(file)) === undefined) {
      // The file went away (removed by a sync, say): the words still come back, in a new document.
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: draft.text });
      return vscode.window.showTextDocument(document);
    }
    const editor = await this.noteEditors.show(file, { preview: false });
    if (!editor) return undefined;
    const whole = new vscode.Range(new vscode.Position(0, 0), editor.document.lineAt(editor.document.lineCount - 1).range.end);
    await editor.edit((edit) => edit.replace(whole, draft.text));
    return editor;
  }

  async discard(file: string): Promise<void> {
    this.cancelPending(file);
    const drafts = this.list();
    if (drafts.some((d) => d.file === file)) await this.state.update(STATE_KEYS.takeawayDrafts, drafts.filter((d) => d.file !== file));
  }

  /** Offers the drafts left from an earlier close or window; says nothing when there are none. */
  async offerKept(): Promise<void> {
    const kept = await this.kept();
    const first = kept[0];
    if (!first) return;
    const what = kept.length === 1 ? `Unsaved changes to ${this.describe(first.file)} were kept as a draft.` : `Unsaved changes to ${kept.length} takeaways or update files were kept as drafts.`;
    const choice = await vscode.window.showInformationMessage(what, 'Restore Draft', 'Discard');
    if (choice === 'Restore Draft') {
      const file = kept.length === 1 ? first.file : await this.pick(kept);
      if (file) await this.restore(file);
    } else if (choice === 'Discard') {
      const file = kept.length === 1 ? first.file : await this.pick(kept);
      if (file) await this.discard(file);
    }
  }

  /** "Restore Takeaways Draft…" from the Command Palette. */
  async restoreFromPalette(file?: unknown): Promise<void> {
    if (typeof file === 'string') {
      await this.restore(file);
      return;
    }
    const kept = await this.kept();
    if (kept.length === 0) {
      void vscode.window.showInformationMessage('No unsaved takeaways or updates are kept as drafts.');
      return;
    }
    const picked = await this.pick(kept);
    if (picked) await this.restore(picked);
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (document.uri.scheme !== 'file' || !DRAFTED.test(document.uri.fsPath)) return;
    const file = document.uri.fsPath;
    // An edit can arrive before the document turns dirty; the dirty-state change follows as an
    // event without content changes, which is why those are not skipped.
    if (!document.isDirty) {
      // Undoing back to the saved text drops the draft; a revert (as when the editor closes
      // without saving) has no reason and must keep it.
      if (event.reason === vscode.TextDocumentChangeReason.Undo) void this.discard(file).catch(this.report);
      return;
    }
    // The text is taken now: by the time the write runs, a revert may have replaced it.
    this.cancelPending(file);
    const text = document.getText();
    const timer = setTimeout(() => void this.write(file, text).catch(this.report), WRITE_DELAY_MS);
    this.pending.set(file, { text, timer });
  }

  private async closed(uri: vscode.Uri): Promise<void> {
    const file = uri.fsPath;
    const stillOpen = vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.fsPath === file));
    if (stillOpen) return;
    const pending = this.pending.get(file);
    if (pending) await this.write(file, pending.text);
    const draft = this.list().find((d) => d.file === file);
    if (!draft) return;
    if ((await readOrUndefined(file)) === draft.text) {
      await this.discard(file); // saved on close after all
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `${this.describe(file)} was closed without saving. Your changes are kept as a draft.`,
      'Restore Draft',
      'Discard',
    );
    if (choice === 'Restore Draft') await this.restore(file);
    else if (choice === 'Discard') await this.discard(file);
  }

  private async write(file: string, text: string): Promise<void> {
    this.cancelPending(file);
    // Only notes of a relationship are kept; other markdown files named alike are not ours.
    const relationships = await this.directory.relationships();
    if (!relationships.some((r) => isBelowFolder(file, r.root))) return;
    const others = this.list().filter((d) => d.file !== file);
    await this.state.update(STATE_KEYS.takeawayDrafts, [...others, { file, text, keptAt: new Date().toISOString() }]);
  }

  private cancelPending(file: string): void {
    const pending = this.pending.get(file);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(file);
  }

  private async pick(drafts: readonly TakeawayDraft[]): Promise<string | undefined> {
    const picked = await vscode.window.showQuickPick(
      drafts.map((d) => ({ label: this.describe(d.file), description: `kept ${d.keptAt.slice(0, 16).replace('T', ' ')}`, file: d.file })),
      { title: 'Takeaways drafts', placeHolder: 'Which draft?' },
    );
    return picked?.file;
  }

  private describe(file: string): string {
    return `${path.basename(path.dirname(file))}/${path.basename(file)}`;
  }

  dispose(): void {
    clearTimeout(this.startupOffer);
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function isDraft(value: unknown): value is TakeawayDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  return typeof draft.file === 'string' && typeof draft.text === 'string' && typeof draft.keptAt === 'string';
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
