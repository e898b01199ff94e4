import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { MentorshipApi } from '../../src/extension';
import { benchNotes, commitBenchNotes } from './benchNotes';
import { benchSessionText } from './sessionText';

/**
 * The review's first open with 5,000 sessions in the notes repo: from "Open Review" until the
 * page says it rendered the timeline (panel, page load, reading and parsing every session,
 * the model, the first page of entries).
 */
export async function reviewOpen(api: MentorshipApi): Promise<Record<string, number>> {
  const notes = benchNotes('review', 'sessions', { sessionsPlanned: 5000, started: '2010-01-01' });
  for (let i = 0; i < 5000; i++) {
    const date = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(path.join(notes, 'sessions', `${date}-s${String(i).padStart(7, '0')}.md`), benchSessionText(i, date));
  }
  commitBenchNotes(notes);
  await vscode.workspace.getConfiguration('mentorship').update('notesRepo.path', notes, vscode.ConfigurationTarget.Global);
  await new Promise((r) => setTimeout(r, 200));
  // The first webview of a window also starts the webview machinery: the baseline is the second.
  const firstWebview = await emptyWebviewRoundTrip();
  const emptyWebview = await emptyWebviewRoundTrip();
  // Reading the 5,000 sessions, as the Takeaways view does when the sidebar shows: reported apart.
  let t = performance.now();
  const [relationship] = await api.directory.relationships();
  const snapshot = await relationship?.sessions.load();
  const notesLoad = performance.now() - t;
  if (snapshot?.sessions.length !== 5000) throw new Error(`expected 5,000 sessions, read ${snapshot?.sessions.length}`);
  let firstPage: number | undefined;
  t = performance.now();
  const rendered = new Promise<{ ms: number; entries: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the review never rendered')), 60_000);
    const subscription = api.review.onDidRender((event) => {
      firstPage ??= performance.now() - t;
      if (event.entries < 5000) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(event);
    });
  });
  await vscode.commands.executeCommand('mentorship.openReview');
  const { ms: pageMs } = await rendered;
  const open = performance.now() - t;
  return { reviewOpen: firstPage ?? open, reviewAll: open, reviewPageRender: pageMs, reviewNotesLoad: notesLoad, emptyWebview, firstWebview };
}

/** Baseline: a webview panel whose page only says it is there, from creation to its message. */
async function emptyWebviewRoundTrip(): Promise<number> {
  const t = performance.now();
  const panel = vscode.window.createWebviewPanel('mentorship.benchEmpty', 'Empty', vscode.ViewColumn.Active, { enableScripts: true });
  const arrived = new Promise<void>((resolve) => panel.webview.onDidReceiveMessage(() => resolve()));
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-b'"></head><body><script nonce="b">acquireVsCodeApi().postMessage('ready')</script></body></html>`;
  await arrived;
  const elapsed = performance.now() - t;
  panel.dispose();
  return elapsed;
}
