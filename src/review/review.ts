import * as vscode from 'vscode';
import type { AnchorLocator } from '../anchors/anchorLocator';
import { currentPlaces } from '../anchors/currentLocation';
import type { NoteEditors } from '../ui/noteEditors';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';
import { COMMANDS, REVIEW_PANEL } from '../constants';
import type { ReviewModel } from '../core/reviewProtocol';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { ReviewActions, ReviewPanel } from './reviewPanel';

type ReviewPanelModule = typeof import('./reviewPanel');

/**
 * The review, loaded on first use: the panel, its search and model code are a file of their own
 * (dist/features/review.js, see esbuild.mjs), so activation does not load them.
 */
export class Review implements vscode.Disposable {
  private instance: ReviewPanel | undefined;
  private readonly rendered = new vscode.EventEmitter<{ ms: number; entries: number }>();
  /** The page rendered a model (tests and benchmarks wait for it). */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly create: (module: ReviewPanelModule) => ReviewPanel) {}

  private get panel(): ReviewPanel {
    if (!this.instance) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy chunk (see esbuild.mjs)
      this.instance = this.create(require('./reviewPanel') as ReviewPanelModule);
      this.instance.onDidRender((event) => this.rendered.fire(event));
    }
    return this.instance;
  }

  get model(): ReviewModel | undefined {
    return this.instance?.model;
  }

  get html(): string | undefined {
    return this.instance?.html;
  }

  show(focus?: { root: string; file: string }): Promise<void> {
    return this.panel.show(focus);
  }

  /** Takes over the panel VS Code restored after a window reload. */
  restore(panel: vscode.WebviewPanel): void {
    this.panel.restore(panel);
  }

  /** Listeners tied to the open panel's lifetime (tests check none outlive it). */
  get panelListenerCount(): number {
    return this.instance?.panelListenerCount ?? 0;
  }

  /** What the page sends, validated by the panel. */
  receive(raw: unknown): Promise<void> {
    return this.panel.receive(raw);
  }

  dispose(): void {
    this.instance?.dispose();
    this.rendered.dispose();
  }
}

/** The review and "Mentorship: Open Review" (also what a session row in Takeaways runs). */
export function createReview(context: vscode.ExtensionContext, directory: MentorshipDirectory, noteEditors: NoteEditors, log: MentorshipLog, locator?: AnchorLocator): Review {
  const actions: ReviewActions = {
    openAgendaItem: (root, id) => vscode.commands.executeCommand(COMMANDS.openAgendaItem, root, id),
    // Through NoteEditors: while hosting a Live Share session, notes are not opened as editors.
    openNote: (file) => noteEditors.show(file, { preview: false }),
    // A link in a note is someone's writing: say where it goes before leaving the editor.
    openExternal: async (url) => {
      const choice = await vscode.window.showWarningMessage(`Open ${url} in your browser?`, { modal: true, detail: 'The link is in a mentorship note.' }, 'Open Link');
      if (choice === 'Open Link') await vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
  };
  const review = new Review(({ ReviewPanel }) => new ReviewPanel(context.extensionUri, directory, actions, (error) => log.error(error), locator && ((items) => currentPlaces(locator, items))));
  context.subscriptions.push(
    review,
    // After a window reload VS Code brings the Review back (activation: onWebviewPanel).
    vscode.window.registerWebviewPanelSerializer(REVIEW_PANEL, {
      deserializeWebviewPanel: async (panel) => review.restore(panel),
    }),
    commandRegistrar(log)(COMMANDS.openReview, (root?: unknown, file?: unknown) => review.show(typeof root === 'string' && typeof file === 'string' ? { root, file } : undefined)),
  );
  return review;
}
