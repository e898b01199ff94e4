import { OCT_ROOM_ID } from './joinLink';

/**
 * What Open Collaboration Tools' commands do, by version. Up to 0.3.8 `oct.createRoom` returns
 * nothing and copies the room id to the clipboard, and `oct.joinRoom` ignores its arguments and
 * asks in an input box; later versions return the id and take the code (upstream PR #205).
 */
export const OCT_TAKES_ROOM_CODE_SINCE = [0, 3, 9] as const;

/** Parses "0.3.8" (also "0.3.8-next.1"); undefined when unrecognized. */
export function parseExtensionVersion(text: unknown): [number, number, number] | undefined {
  const match = typeof text === 'string' ? /^(\d+)\.(\d+)\.(\d+)/.exec(text) : null;
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Whether `oct.joinRoom(code)` uses its argument in this version (unknown versions: no, the safe path). */
export function octJoinTakesCode(version: unknown): boolean {
  const parsed = parseExtensionVersion(version);
  if (!parsed) return false;
  for (let i = 0; i < 3; i++) {
    const have = parsed[i] ?? 0;
    const need = OCT_TAKES_ROOM_CODE_SINCE[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

/** A room id from what `oct.createRoom` returned or left on the clipboard; undefined if none. */
export function roomIdFrom(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return OCT_ROOM_ID.test(trimmed) ? trimmed : undefined;
}
