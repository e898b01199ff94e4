import * as path from 'node:path';

/** True when `candidate` is `folder` itself or lies anywhere below it. */
export function isInsideFolder(candidate: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(candidate));
  // "..notes" is a folder inside; only ".." itself or "../…" leaves the folder.
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** True when `candidate` lies below `folder` (not the folder itself). */
export function isBelowFolder(candidate: string, folder: string): boolean {
  return path.resolve(candidate) !== path.resolve(folder) && isInsideFolder(candidate, folder);
}

/**
 * A notes repo inside a workspace folder could be shared through Live Share or committed to
 * the project's own repository, so it is refused. Returns the reason, or undefined when safe.
 */
export function notesLocationProblem(notesRepo: string, workspaceFolders: readonly string[]): string | undefined {
  const containing = workspaceFolders.find((folder) => isInsideFolder(notesRepo, folder));
  if (containing) {
    return `The notes repo ${notesRepo} is inside the workspace folder ${containing}. Notes there could be shared in Live Share or committed to the project, so Mentorship will not use it. Choose a folder outside your workspace.`;
  }
  const contained = workspaceFolders.find((folder) => isInsideFolder(folder, notesRepo));
  if (contained) {
    return `The notes repo ${notesRepo} contains the workspace folder ${contained}, so your project would be committed into your notes. Choose a folder of its own.`;
  }
  return undefined;
}
