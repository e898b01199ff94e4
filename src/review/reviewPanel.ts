import { readFileSync } from 'node:fs';
import type { AgendaItem } from '../core/agendaItem';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { REVIEW_PANEL } from '../constants';
import { searchTextOf } from '../core/reviewFilters';
import { buildReviewModel, type ReviewContent, type ReviewSource } from '../core/reviewModel';
import { ReviewSearchIndex } from '../core/reviewSearch';
import { parseFromWebview, type FromWebview, type ReviewModel, type ToWebview } from '../core/reviewProtocol';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import { inlinable, newNonce, reviewHtml, type PageAsset } from './reviewHtml';

/** What the review may ask the editor to do, each for something the host found by id. */
export interface ReviewActions {
  openAgendaItem(root: string, id: string): Thenable<unknown>;
  openNote(file: string): Thenable<unknown>;
  openExternal(url: string): Thenable<unknown>;
}

/**
 * The review webview: the timeline of every relationship's sessions, agenda items and updates,
 * with search, filters, a ratings chart and action items to check off. Messages from the page
 * are validated and carry ids only; the host looks the ids up in what it sent.
 */
export class ReviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** Listeners that live exactly as long as the panel they listen to. */
  private panelSubscriptions: vscode.Disposable[] = [];
  private ready = false;
  private pendingFocus: string | undefined;
  private relationshipsByKey = new Map<string, Relationship>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<{ ms: number; entries: number }>();
  /** What the page was last sent, and the markdown kept back until an entry is opened. */
  private content: Promise<ReviewContent> | undefined;
  private searchIndex: ReviewSearchIndex | undefined;
  /** The model the page was last sent (for tests and benchmarks). */
  model: ReviewModel | undefined;
  html: string | undefined;
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly directory: MentorshipDirectory,
    private readonly actions: ReviewActions,
    private readonly report: (error: unknown) => void,
    /** Where items' code is now, as Next Sync shows it (see anchors/currentLocation). */
    private readonly placesOf: (items: readonly AgendaItem[]) => Promise<ReadonlyMap<string, string>> = async () => new Map(),
  ) {
    this.subscriptions.push(
      directory.onDidChange(() => {
        this.content = undefined;
        void this.postModel().catch(report);
      }),
    );
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens (or brings forward) the review; with a session file, opens that session in it. */
  async show(focus?: { root: string; file: string }): Promise<void> {
    if (!this.panel) this.create();
    else this.panel.reveal();
    if (focus) {
      const key = await this.keyOf(focus.root, focus.file);
      if (key) this.focus(key);
    }
  }

  /**
   * Takes over a panel VS Code restored after a window reload (WebviewPanelSerializer); the
   * page brings back its own filters, search and opened entries.
   */
  restore(panel: vscode.WebviewPanel): void {
    if (this.panel) {
      panel.dispose(); // one Review per window
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
  }

  /** How many listeners are tied to the open panel (none once it is closed). */
  get panelListenerCount(): number {
    return this.panelSubscriptions.length;
  }

  /** The page's messages: anything but a well-formed message about a known id is ignored. */
  async receive(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) return;
    await this.handle(message);
  }

  private create(): void {
    const panel = vscode.window.createWebviewPanel(REVIEW_PANEL, 'Mentorship Review', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'mentorship.svg');
    this.panel = panel;
    this.ready = false;
    // Read the notes while the page loads: both take a while with years of sessions.
    this.content = this.buildContent();
    this.content.catch(this.report);
    this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message).catch(this.report)),
      // A hidden webview is discarded (retainContextWhenHidden is off): it says "ready" again when
      // shown, and restores its filters and search from its saved state.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of this.panelSubscriptions) subscription.dispose();
      this.panelSubscriptions = [];
      this.panel = undefined;
      this.ready = false;
    });
    this.render(panel);
  }

  private render(panel: vscode.WebviewPanel): void {
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'review');
    // Inlined under the nonce: fetching the page's files through the webview costs a round trip each.
    const asset = (name: string): PageAsset => {
      const text = readAsset(path.join(root.fsPath, name));
      return text !== undefined && inlinable(text) ? { text } : { uri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString() };
    };
    this.html = reviewHtml({ cspSource: panel.webview.cspSource, nonce: newNonce(), script: asset('review.js'), style: asset('review.css') });
    panel.webview.html = this.html;
  }

  private focus(key: string): void {
    if (this.ready) void this.post({ type: 'focus', key });
    else this.pendingFocus = key;
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.postModel();
        if (this.pendingFocus) await this.post({ type: 'focus', key: this.pendingFocus });
        this.pendingFocus = undefined;
        return;
      case 'loadBody': {
        const content = await this.currentContent();
        const markdown = content.markdown.get(message.key);
        const actionItems = content.actionItems.get(message.key);
        if (markdown !== undefined) await this.post({ type: 'body', key: message.key, markdown, ...(actionItems ? { actionItems } : {}) });
        return;
      }
      case 'search': {
        const content = await this.currentContent();
        this.searchIndex ??= new ReviewSearchIndex(
          content.model.entries.map((e) => ({ id: e.key, kind: e.kind, title: e.title, text: searchTextOf(e, content.markdown.get(e.key) ?? '') })),
        );
        const hits = this.searchIndex.search(message.query, 1000).map((hit) => ({ key: hit.id, snippets: hit.snippets }));
        await this.post({ type: 'searchResults', seq: message.seq, query: message.query, hits });
        return;
      }
      case 'rendered':
        this.rendered.fire({ ms: message.ms, entries: message.entries });
        return;
      case 'openExternal':
        await this.actions.openExternal(message.url);
        return;
      case 'openAgendaItem': {
        const relationship = this.relationshipsByKey.get(message.relationship);
        const known = (await relationship?.agenda.load())?.items.some((item) => item.id === message.id);
        if (relationship && known) await this.actions.openAgendaItem(relationship.root, message.id);
        else void this.post({ type: 'notice', text: 'That agenda item is not in the notes repo (removed, or a link to another mentorship).' });
        return;
      }
      case 'openSessionFile': {
        const found = await this.session(message.relationship, message.id);
        if (found) await this.actions.openNote(path.join(found.relationship.root, found.file));
        return;
      }
      case 'setActionItemDone': {
        const found = await this.session(message.relationship, message.session);
        const action = found?.entry.session.actionItems.find((a) => a.line === message.line);
        if (!found || !action) {
          await this.postModel();
          return;
        }
        try {
          // The commit announces itself; the panel redraws on the directory's change.
          await found.relationship.sessions.setActionItemDone(found.file, action, message.done);
        } catch (error) {
          // The file changed under the page: say so and show what is there now.
          void this.post({ type: 'notice', text: error instanceof Error ? error.message : String(error) });
          await this.postModel();
        }
        return;
      }
    }
  }

  private async session(key: string, id: string) {
    const relationship = this.relationshipsByKey.get(key);
    if (!relationship) return undefined;
    const entry = (await relationship.sessions.load()).sessions.find((s) => path.posix.basename(s.file, '.md') === id);
    return entry && { relationship, entry, file: entry.file };
  }

  private async keyOf(root: string, file: string): Promise<string | undefined> {
    const relationships = await this.directory.relationships();
    const index = relationships.findIndex((r) => path.resolve(r.root) === path.resolve(root));
    return index < 0 ? undefined : `r${index}:session:${path.basename(file, '.md')}`;
  }

  private async postModel(): Promise<void> {
    if (!this.panel || !this.ready) return;
    this.model = (await this.currentContent()).model;
    // Years of sessions take a while to cross into the page: the newest come first, so the
    // timeline shows at once, and the whole history (for the chart, filters) right after.
    if (this.model.entries.length > FIRST_ENTRIES) {
      void this.post({ type: 'model', model: { ...this.model, entries: this.model.entries.slice(0, FIRST_ENTRIES), partialOf: this.model.entries.length } });
    }
    await this.post({ type: 'model', model: this.model });
  }

  private currentContent(): Promise<ReviewContent> {
    if (!this.content) {
      this.content = this.buildContent();
      this.searchIndex = undefined;
    }
    return this.content;
  }

  private async buildContent(): Promise<ReviewContent> {
    this.searchIndex = undefined;
    const relationships = await this.directory.relationships();
    this.relationshipsByKey = new Map(relationships.map((r, index) => [`r${index}`, r]));
    const sources: ReviewSource[] = await Promise.all(
      relationships.map(async (relationship) => {
        const [snapshot, agenda] = await Promise.all([relationship.sessions.load(), relationship.agenda.load()]);
        const replies = await relationship.replies.of(agenda.items);
        const agreement = relationship.agreement.kind === 'ready' ? relationship.agreement.agreement : undefined;
        const relative = (file: string): string => (path.isAbsolute(file) ? path.relative(relationship.root, file).split(path.sep).join('/') : file);
        return {
          label: relationship.label,
          ...(agreement ? { sessionsPlanned: agreement.sessionsPlanned } : {}),
          closed: agreement?.status === 'closed',
          sessions: snapshot.sessions,
          updates: snapshot.updates,
          agenda: agenda.items,
          replies: new Map([...replies].map(([id, found]) => [id, found.replies])),
          // Resolved items are history: they keep where they were flagged.
          names: new Map(agreement ? [agreement.mentee, agreement.mentor].filter((p) => p.email).map((p) => [p.email.toLowerCase(), p.name] as const) : []),
          places: await this.placesOf(agenda.items.filter((item) => item.status !== 'resolved')),
          problems: [...snapshot.problems, ...agenda.problems, ...[...replies.values()].flatMap((found) => found.problems)].map((p) => ({ file: relative(p.file), reason: `line ${p.problem.line}: ${p.problem.reason}` })),
        };
      }),
    );
    return buildReviewModel(sources);
  }

  private async post(message: ToWebview): Promise<void> {
    await this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    this.rendered.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

const FIRST_ENTRIES = 200;

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'review')],
    retainContextWhenHidden: false,
  };
}
const assets = new Map<string, string | undefined>();

/** The page's files, read once per window (they change only with the extension). */
function readAsset(file: string): string | undefined {
  if (!assets.has(file)) {
    try {
      assets.set(file, readFileSync(file, 'utf8'));
    } catch {
      assets.set(file, undefined); // loaded by URI instead
    }
  }
  return assets.get(file);
}
