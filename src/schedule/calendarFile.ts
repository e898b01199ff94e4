import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SyncCalendarEvent } from '../core/calendarEvent';
import { slugify } from '../core/ids';

/** ical-generator, loaded the first time a calendar file is written (see esbuild.mjs). */
function loadIcalGenerator(): typeof import('ical-generator') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see esbuild.mjs
  return require('ical-generator') as typeof import('ical-generator');
}

/** Renders one sync as an iCalendar document (RFC 5545). */
export function renderSyncCalendar(event: SyncCalendarEvent): string {
  const { default: ical, ICalCalendarMethod } = loadIcalGenerator();
  const calendar = ical({ name: 'Mentorship', prodId: { company: 'mentorship', product: 'mentorship-vscode', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    start: event.start,
    end: event.end,
    summary: event.summary,
    description: event.description,
    // An attendee needs an email; without one the name is in the summary already.
    attendees: event.attendee.email ? [{ name: event.attendee.name, email: event.attendee.email }] : [],
  });
  return calendar.toString();
}

/**
 * The calendar files of the next syncs. They live in the extension's global storage: never in a
 * notes repo (they are not notes) nor in a workspace (they are private).
 */
export class CalendarFiles {
  constructor(private readonly folder: string) {}

  /** Where the calendar file of a relationship is written. */
  fileFor(relationshipRoot: string): string {
    // The root's base name plus a short digest of the full path: two repos never share a file.
    const digest = [...path.resolve(relationshipRoot)].reduce((hash, ch) => (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0, 7).toString(36);
    return path.join(this.folder, `${slugify(path.basename(relationshipRoot))}-${digest}.ics`);
  }

  async write(relationshipRoot: string, event: SyncCalendarEvent): Promise<string> {
    const file = this.fileFor(relationshipRoot);
    const old = await fs.readFile(file, 'utf8').catch(() => undefined);
    // SEQUENCE must grow with every change, even two within one second.
    const before = Number(/^SEQUENCE:(\d+)/m.exec(old ?? '')?.[1] ?? -1);
    const text = renderSyncCalendar(event.sequence > before ? event : { ...event, sequence: before + 1 });
    // Unchanged but for the stamp: left alone, so SEQUENCE grows only when the sync moved.
    if (old !== undefined && withoutStamps(old) === withoutStamps(text)) return file;
    await fs.mkdir(this.folder, { recursive: true });
    await fs.writeFile(file, text, 'utf8');
    return file;
  }

  async exists(relationshipRoot: string): Promise<boolean> {
    try {
      await fs.access(this.fileFor(relationshipRoot));
      return true;
    } catch {
      return false;
    }
  }
}

function withoutStamps(ics: string): string {
  return ics
    .split(/\r?\n/)
    .filter((line) => !/^(DTSTAMP|SEQUENCE):/.test(line))
    .join('\n');
}
