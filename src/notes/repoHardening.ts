import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Git } from './git';
import { linkOnPath } from './safeFiles';

/**
 * Attributes for every path, in `.git/info/attributes` (which outranks the clone's own
 * `.gitattributes`): no filter, encoding or end-of-line conversion changes a note's bytes on
 * checkout or commit, and notes always merge as text.
 */
export const NOTES_ATTRIBUTES = '* -text -eol -filter -working-tree-encoding -ident -export-subst merge=text\n';
const HARDENED_CONFIG: ReadonlyArray<[string, string]> = [
  ['core.symlinks', 'false'],
  ['core.autocrlf', 'false'],
  ['core.protectNTFS', 'true'],
];

/**
 * Makes a notes repo safe to hold what the other person cloned in: links arrive as plain files,
 * and attributes cannot change bytes. Done once per repo (the attributes file marks it).
 */
export async function hardenRepo(root: string, git: Git): Promise<void> {
  const info = path.join(root, '.git', 'info');
  const attributes = path.join(info, 'attributes');
  const current = await fs.readFile(attributes, 'utf8').catch(() => undefined);
  if (current === NOTES_ATTRIBUTES) return;
  for (const [key, value] of HARDENED_CONFIG) await git.raw(['config', '--local', key, value]);
  const stat = await fs.lstat(info).catch(() => undefined);
  if (stat?.isSymbolicLink()) await fs.rm(info);
  await fs.mkdir(info, { recursive: true });
  await fs.rm(attributes, { force: true });
  await fs.writeFile(attributes, NOTES_ATTRIBUTES);
}

/** A link where a note or a notes folder should be: refused, and listed with the reason. */
export interface LinkProblem {
  /** Relative to the notes repo root. */
  readonly file: string;
  readonly reason: string;
}

const REASON = 'it is a symbolic link; Mentorship never follows links out of the notes repo (replace it with a plain file or folder)';

/** Links among these folders and their direct entries. */
export async function linkProblems(root: string, folders: readonly string[]): Promise<LinkProblem[]> {
  const problems: LinkProblem[] = [];
  for (const folder of folders) {
    const link = await linkOnPath(root, folder);
    if (link) {
      if (!problems.some((p) => p.file === link)) problems.push({ file: link, reason: REASON });
      continue;
    }
    const entries = await fs.readdir(path.join(root, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isSymbolicLink()) problems.push({ file: `${folder}/${entry.name}`, reason: REASON });
    }
  }
  return problems;
}
