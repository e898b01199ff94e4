/** "12:05" for 12 minutes 5 seconds; "1:02:05" past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** Whole minutes between two times, rounded (what a session file records). */
export function minutesBetween(start: Date, end: Date): number {
  return Math.max(0, Math.round((end.getTime() - start.getTime()) / 60_000));
}

/** "16:05" in local time, as session files write start and end. */
export function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** True once a session has run its planned length. */
export function plannedLengthReached(elapsedMs: number, plannedMinutes: number): boolean {
  return plannedMinutes > 0 && elapsedMs >= plannedMinutes * 60_000;
}
