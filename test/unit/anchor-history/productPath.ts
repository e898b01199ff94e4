/**
 * One case through the product's whole path, as scripts/anchor-eval/productRelocator.mjs runs
 * it on public repositories: capture as Flag for Next Sync does, redact secrets, write the
 * agenda file and parse it back, then re-locate with what the product reads from git itself
 * (renames, the file at the flagged commit, git's diff to the later commit).
 */
import { parseAgendaItem, renderAgendaItem, type AgendaItem } from '../../../src/core/agendaItem';
import { captureAnchor, locateAnchor } from '../../../src/core/codeAnchor';
import { redactSecrets } from '../../../src/core/secretScan';
import type { WorkspaceRepo } from '../../../src/workspace/workspaceRepo';
import type { HistoryCase, Truth } from './historyCases';

export type Predicted = { status: Truth['status']; startLine?: number; endLine?: number };

export async function locateLikeTheProduct(repo: WorkspaceRepo, root: string, c: HistoryCase): Promise<Predicted> {
  const textA = await repo.fileAt(root, c.A, c.pathA);
  if (textA === undefined) throw new Error(`no ${c.pathA} at ${c.A}`);
  const captured = captureAnchor({ repository: 'test', commit: c.A, dirty: false, path: c.pathA, fileText: textA, range: { startLine: c.startLine - 1, endLine: c.endLine - 1 } });
  const redacted = (lines: readonly string[]): string[] => (lines.length ? redactSecrets(lines.join('\n')).text.split('\n') : []);
  const item: AgendaItem = {
    id: 'case',
    created: '2026-01-01T00:00:00Z',
    author: 'test@example.com',
    status: 'open',
    tags: [],
    question: 'Why?',
    anchor: { ...captured, snippet: redactSecrets(captured.snippet).text, contextBefore: redacted(captured.contextBefore), contextAfter: redacted(captured.contextAfter) },
  };
  const parsed = parseAgendaItem(renderAgendaItem(item));
  if (!parsed.ok) throw new Error(parsed.problem.reason);
  const anchor = parsed.item.anchor;
  const history = await repo.historyOf(root, c.A, anchor.path, await repo.renamesSince(root, c.A, c.B), c.B);
  const path = history ? history.path : anchor.path;
  const text = history ? history.text : path === undefined ? undefined : await repo.fileAt(root, c.B, path);
  const where = locateAnchor(anchor, text === undefined || path === undefined ? undefined : { path, text }, history && { original: history.original, diffs: history.diffs });
  if (where.status === 'gone' || !where.range) return { status: 'gone' };
  return { status: where.status === 'changed' || where.verbatim === false ? 'changed' : 'exact', startLine: where.range.startLine + 1, endLine: where.range.endLine + 1 };
}
