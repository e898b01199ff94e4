import { isInsideFolder, notesLocationProblem } from './notesLocation';

/**
 * A program repo follows the notes repo's rules (never inside or around a workspace folder, where
 * Live Share or the project's own git could carry it off) and must not overlap a notes repo: only
 * summaries go to the program, and notes must never be committed with them.
 */
export function programLocationProblem(programRepo: string, workspaceFolders: readonly string[], notesRepos: readonly string[]): string | undefined {
  const workspaceProblem = notesLocationProblem(programRepo, workspaceFolders);
  if (workspaceProblem) {
    return workspaceProblem.replace(/^The notes repo/, 'The program repo').replace('Notes there could', 'Summaries there could').replace('into your notes', 'into the program repo');
  }
  const overlapping = notesRepos.find((notes) => isInsideFolder(programRepo, notes) || isInsideFolder(notes, programRepo));
  if (overlapping) {
    return `The program repo ${programRepo} overlaps the notes repo ${overlapping}. Notes must never be committed to the program repo: choose a folder of its own.`;
  }
  return undefined;
}
