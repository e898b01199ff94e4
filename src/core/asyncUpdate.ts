import { isCalendarDate } from './agreement';
import { lineOfKey, parseFrontMatter, renderFrontMatter, type FrontMatterProblem } from './frontMatter';

/** What an async update between syncs can say, in order: each is a `## ` section. */
export const UPDATE_SECTIONS = ['Achievements', 'Challenges', 'Blockers', 'Celebrations'] as const;
export type UpdateSection = (typeof UPDATE_SECTIONS)[number];
export const UPDATES_FOLDER = 'updates';

/** An update posted between syncs, read from `updates/<date>-<id>.md`. */
export interface AsyncUpdate {
  readonly date: string;
  readonly author: string;
  /** Section → its text, for the sections that say something. */
  readonly sections: Partial<Record<UpdateSection, string>>;
}

export type AsyncUpdateResult = { readonly ok: true; readonly update: AsyncUpdate } | { readonly ok: false; readonly problem: FrontMatterProblem };

export function updateFileName(date: string, id: string): string {
  return `${UPDATES_FOLDER}/${date}-${id}.md`;
}

/** Renders an update; empty sections are left out so the file says only what was written. */
export function renderAsyncUpdate(update: AsyncUpdate): string {
  const body = [`# Update on ${update.date}`, ''];
  for (const section of UPDATE_SECTIONS) {
    const text = update.sections[section]?.trim();
    if (text) body.push(`## ${section}`, text, '');
  }
  return renderFrontMatter({ date: update.date, author: update.author }, body.join('\n'));
}

export function parseAsyncUpdate(text: string): AsyncUpdateResult {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const { data, body } = parsed.document;
  if (typeof data.date !== 'string' || !isCalendarDate(data.date)) {
    return { ok: false, problem: { reason: '"date" must be a date like 2026-01-31', line: lineOfKey(text, 'date') } };
  }
  const sections: Partial<Record<UpdateSection, string>> = {};
  let current: UpdateSection | undefined;
  const lines: string[] = [];
  const flush = (): void => {
    if (current && lines.join('\n').trim()) sections[current] = lines.join('\n').trim();
    lines.length = 0;
  };
  for (const line of body.split(/\r?\n/)) {
    const heading = /^##\s+(.+?)\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      flush();
      current = (UPDATE_SECTIONS as readonly string[]).includes(heading) ? (heading as UpdateSection) : undefined;
    } else if (current) {
      lines.push(line);
    }
  }
  flush();
  return { ok: true, update: { date: data.date, author: typeof data.author === 'string' ? data.author : '', sections } };
}
