import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** `parent/base`, or `parent/base-2`, `-3`… : the first that does not exist yet. */
export async function uniqueFolder(parent: string, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = path.join(parent, n === 1 ? base : `${base}-${n}`);
    if (!(await pathExists(candidate))) return candidate;
  }
}
