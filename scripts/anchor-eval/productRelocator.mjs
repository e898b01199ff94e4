// The product as a relocator for the anchor evaluation (see scripts/eval-anchors.mjs): each case
// goes through the product's whole path. Capture as Flag for Next Sync does (captureAnchor, then
// secret redaction of snippet and context), write the agenda item file and parse it back as the
// Next Sync view does, then re-locate with what the product computes itself: WorkspaceRepo's
// renames, file at the flagged commit (batched cat-file) and git's diff to the later commit, and
// locateAnchor. The harness's own diff is not used. Needs `node esbuild.mjs` (reads out/).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (file) => require(join(ROOT, 'out', 'src', file));
const { captureAnchor, locateAnchor } = out('core/codeAnchor.js');
const { redactSecrets } = out('core/secretScan.js');
const { parseAgendaItem, renderAgendaItem } = out('core/agendaItem.js');
const { WorkspaceRepo } = out('workspace/workspaceRepo.js');

export const name = 'mentorship';

const gitDir = process.env.MENTORSHIP_EVAL_GIT_DIR;
if (!gitDir) throw new Error('MENTORSHIP_EVAL_GIT_DIR must name the repository the cases come from');
const repo = new WorkspaceRepo();
const renames = new Map();
/** Milliseconds spent in locateAnchor alone (no git), per case. */
const pureMs = [];
process.on('exit', () => {
  if (process.env.MENTORSHIP_EVAL_TIMINGS) writeFileSync(process.env.MENTORSHIP_EVAL_TIMINGS, JSON.stringify(pureMs));
});

/** What flagForNextSync stores: the captured anchor with secrets redacted, as an agenda file. */
function flagged(anchor, textA) {
  const captured = captureAnchor({
    repository: 'eval', commit: anchor.commit, dirty: false, path: anchor.path, fileText: textA,
    range: { startLine: anchor.startLine - 1, endLine: anchor.endLine - 1 }, language: 'plaintext',
  });
  const redacted = (lines) => (lines.length ? redactSecrets(lines.join('\n')).text.split('\n') : []);
  const item = {
    id: 'eval', created: '2026-01-01T00:00:00Z', author: 'eval@example.com', status: 'open', tags: [], question: 'Why?',
    anchor: { ...captured, snippet: redactSecrets(captured.snippet).text, contextBefore: redacted(captured.contextBefore), contextAfter: redacted(captured.contextAfter) },
  };
  const parsed = parseAgendaItem(renderAgendaItem(item));
  if (!parsed.ok) throw new Error(`agenda item did not parse back: ${parsed.problem.reason}`);
  return parsed.item.anchor;
}

export async function relocate(anchor, ctx) {
  const textA = await repo.fileAt(gitDir, anchor.commit, anchor.path);
  if (textA === undefined) throw new Error(`no ${anchor.path} at ${anchor.commit}`);
  const stored = flagged(anchor, textA);
  const key = `${anchor.commit}\0${ctx.commitB}`;
  if (!renames.has(key)) renames.set(key, repo.renamesSince(gitDir, anchor.commit, ctx.commitB));
  const history = await repo.historyOf(gitDir, anchor.commit, stored.path, await renames.get(key), ctx.commitB);
  const path = history ? history.path : stored.path;
  const text = history ? history.text : await repo.fileAt(gitDir, ctx.commitB, path);
  const current = text === undefined ? undefined : { path, text };
  const t = performance.now();
  const where = locateAnchor(stored, current, history && { original: history.original, diffs: history.diffs });
  pureMs.push(performance.now() - t);
  if (where.status === 'gone' || !where.range) return { status: 'gone' };
  const status = where.status === 'changed' || where.verbatim === false ? 'changed' : 'exact';
  return { status, startLine: where.range.startLine + 1, endLine: where.range.endLine + 1 };
}
