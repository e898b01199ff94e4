import * as vscode from 'vscode';
import { programCharts } from '../core/programView';
import type { Clock } from '../core/nextSync';
import { newNonce } from '../review/reviewHtml';
import { programHtml } from './programHtml';
import type { ProgramSource } from './programSource';

/** The program's charts in a webview that runs no script (see programCsp). */
export class ProgramPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly program: ProgramSource,
    private readonly clock: Clock,
    private readonly report: (error: unknown) => void,
  ) {
    this.subscription = program.onDidChange(() => {
      if (this.panel) void this.render().catch(this.report);
    });
  }

  /** The page as last rendered (what the user sees), for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  async open(): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('mentorship.programCharts', 'Mentorship Program', vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    await this.render();
    this.panel.reveal();
  }

  private async render(): Promise<void> {
    const snapshot = await this.program.read();
    const charts = programCharts(
      snapshot.summaries.map((s) => s.summary),
      new Date(this.clock.now()),
    );
    if (this.panel) this.panel.webview.html = programHtml(charts, newNonce());
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}
