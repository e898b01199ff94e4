/** The oldest git the notes repo is tested with (`pull --rebase` with autostash, `init -b`). */
export const MINIMUM_GIT_VERSION = [2, 28, 0] as const;

/** Parses "git version 2.39.5" (also "2.39.5.windows.1"); undefined when unrecognized. */
export function parseGitVersion(output: string): [number, number, number] | undefined {
  const match = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function isGitVersionSupported(version: readonly number[]): boolean {
  for (let i = 0; i < MINIMUM_GIT_VERSION.length; i++) {
    const have = version[i] ?? 0;
    const need = MINIMUM_GIT_VERSION[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}
