import { isCalendarDate } from './agreement';
import { lineOfKey, parseFrontMatter, renderFrontMatter, type FrontMatterProblem } from './frontMatter';
import { SESSION_MODES, type SessionFacts, type SessionMode } from './sessionFacts';

/** The routine of a session, in order: each is a `## ` section of the session file. */
export const SESSION_SECTIONS = ['Check-in', 'Follow-ups', 'Discussed', 'Takeaways', 'Action items', 'Feedback'] as const;
export type SessionSection = (typeof SESSION_SECTIONS)[number];

export const SESSIONS_FOLDER = 'sessions';

/** One `- [ ]` / `- [x]` line: an action item someone committed to. */
export interface ActionItem {
  /** 0-based line in the whole file, so the line can be checked off in place. */
  readonly line: number;
  readonly done: boolean;
  /** The text after the checkbox, as written. */
  readonly text: string;
  /** "Sam: …" at the start or "(owner: Sam)" anywhere names who owns it. */
  readonly owner?: string;
  /** The `## ` section the line is in, if any. */
  readonly section?: string;
}

/** One session's takeaways, read from `sessions/<date>-<id>.md`. */
export interface SessionRecord {
  readonly date: string;
  readonly start?: string;
  readonly end?: string;
  readonly minutes?: number;
  readonly participants: readonly string[];
  readonly mode?: SessionMode;
  /** Ids of the agenda items covered. */
  readonly agenda: readonly string[];
  /** The mentee's answer to "How valuable a use of your time was this session?" (1–5). */
  readonly rating?: number;
  readonly mentorRating?: number;
  /** The first heading of the text, or "Session on <date>". */
  readonly title: string;
  /** Section name → its text (without the heading), for sections present in the file. */
  readonly sections: ReadonlyMap<string, string>;
  readonly actionItems: readonly ActionItem[];
  /** Bullet lines of the Takeaways section, without the bullet. */
  readonly takeaways: readonly string[];
  readonly body: string;
}

export type SessionResult =
  | { readonly ok: true; readonly session: SessionRecord }
  | { readonly ok: false; readonly problem: FrontMatterProblem };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TASK = /^(\s*)[-*+]\s+\[([ xX])\]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;

/** `rating` and `mentor_rating`: absent or null is "not rated yet"; anything else must be 1–5. */
export function ratingProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? undefined : 'must be a whole number from 1 to 5';
}

/**
 * Reads a session file defensively: wrong types are reported with the line of the key and the
 * file is left as it is; unknown keys and free-form text are fine.
 */
export function parseSession(text: string): SessionResult {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const { data, body } = parsed.document;
  const fail = (key: string, reason: string): SessionResult => ({ ok: false, problem: { reason: `"${key}" ${reason}`, line: lineOfKey(text, key) } });

  const date = data.date;
  if (typeof date !== 'string' || !isCalendarDate(date)) return fail('date', 'must be a date like 2026-01-31');
  for (const key of ['start', 'end'] as const) {
    const value = data[key];
    if (value !== undefined && value !== null && (typeof value !== 'string' || !TIME.test(value))) return fail(key, 'must be a time like "16:00"');
  }
  const minutes = data.minutes;
  if (minutes !== undefined && minutes !== null && (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0)) {
    return fail('minutes', 'must be a whole number of minutes');
  }
  const participants = data.participants ?? [];
  if (!isStringList(participants)) return fail('participants', 'must be a list of names or e-mail addresses');
  const mode = data.mode;
  if (mode !== undefined && mode !== null && !(SESSION_MODES as readonly unknown[]).includes(mode)) {
    return fail('mode', `must be one of: ${SESSION_MODES.join(', ')}`);
  }
  const agenda = data.agenda ?? [];
  if (!isStringList(agenda)) return fail('agenda', 'must be a list of agenda item ids');
  for (const key of ['rating', 'mentor_rating'] as const) {
    const problem = ratingProblem(data[key]);
    if (problem) return fail(key, problem);
  }

  const bodyStart = text.split(/\r?\n/).length - body.split(/\r?\n/).length;
  const { sections, actionItems, heading } = readBody(body, bodyStart);
  return {
    ok: true,
    session: {
      date,
      start: optionalString(data.start),
      end: optionalString(data.end),
      minutes: typeof minutes === 'number' ? minutes : undefined,
      participants,
      mode: (mode as SessionMode | null | undefined) ?? undefined,
      agenda,
      rating: typeof data.rating === 'number' ? data.rating : undefined,
      mentorRating: typeof data.mentor_rating === 'number' ? data.mentor_rating : undefined,
      title: heading ?? `Session on ${date}`,
      sections,
      actionItems,
      takeaways: bullets(sections.get('Takeaways') ?? ''),
      body,
    },
  };
}

/** Sections, task lines (with file line numbers) and the first `# ` heading, outside code fences. */
function readBody(body: string, firstLine: number): { sections: Map<string, string>; actionItems: ActionItem[]; heading?: string } {
  const sections = new Map<string, string[]>();
  const actionItems: ActionItem[] = [];
  let heading: string | undefined;
  let current: string | undefined;
  let inFence = false;
  body.split(/\r?\n/).forEach((line, index) => {
    if (FENCE.test(line)) inFence = !inFence;
    if (!inFence) {
      const h2 = /^##\s+(.+?)\s*#*\s*$/.exec(line);
      if (h2 && !line.startsWith('###')) {
        current = h2[1] ?? '';
        sections.set(current, []);
        return;
      }
      const h1 = /^#\s+(.+?)\s*#*\s*$/.exec(line);
      if (h1 && heading === undefined) heading = h1[1];
      const task = TASK.exec(line);
      if (task) {
        const text = (task[3] ?? '').trim();
        actionItems.push({ line: firstLine + index, done: task[2] !== ' ', text, owner: ownerOf(text), section: current });
      }
    }
    if (current !== undefined) sections.get(current)?.push(line);
  });
  const joined = new Map<string, string>();
  for (const [name, lines] of sections) joined.set(name, lines.join('\n').trim());
  return { sections: joined, actionItems, heading };
}

/** "Sam: send the article" or "send the article (owner: Sam)" → "Sam". */
export function ownerOf(text: string): string | undefined {
  const suffix = /\(owner:\s*([^)]+?)\s*\)/i.exec(text);
  if (suffix) return suffix[1];
  const prefix = /^([\p{Lu}][\p{L}.'-]*(?: [\p{Lu}][\p{L}.'-]*)?):\s/u.exec(text);
  return prefix?.[1];
}

/**
 * Checks or unchecks the action item on `line`. Returns undefined when that line is not a task
 * line any more (the file changed since it was read), so the caller re-reads instead of
 * editing the wrong line.
 */
export function setActionItemDone(text: string, line: number, done: boolean, expectedText?: string): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const current = lines[line];
  const task = current === undefined ? null : TASK.exec(current);
  if (current === undefined || !task || (expectedText !== undefined && (task[3] ?? '').trim() !== expectedText)) return undefined;
  lines[line] = current.replace(/\[([ xX])\]/, done ? '[x]' : '[ ]');
  return lines.join(eol);
}

/**
 * Sets (or clears, with undefined) one front-matter key by changing that one line (or adding
 * it before the closing `---`): the rest of the file, comments and formatting included, is
 * kept byte for byte, and the YAML is never re-dumped (a file with aliases could expand).
 */
export function setSessionField(text: string, key: 'rating' | 'mentor_rating' | 'end' | 'minutes', value: number | string | undefined): string | undefined {
  if (!parseFrontMatter(text).ok) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const closing = lines.findIndex((line, index) => index > 0 && /^---[ \t]*$/.test(line));
  if (closing < 0) return undefined;
  const keyLine = new RegExp(`^${key}[ \\t]*:`);
  const found = lines.findIndex((line, index) => index > 0 && index < closing && keyLine.test(line));
  // A key whose value continues on indented lines is not a one-line edit: refuse rather than guess.
  if (found >= 0 && /^[ \t]/.test(lines[found + 1] ?? '') && found + 1 < closing) return undefined;
  const rendered = value === undefined ? undefined : `${key}: ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`;
  if (found >= 0) {
    if (rendered === undefined) lines.splice(found, 1);
    else lines[found] = rendered;
  } else if (rendered !== undefined) {
    lines.splice(closing, 0, rendered);
  }
  const updated = lines.join(eol);
  const check = parseFrontMatter(updated);
  if (!check.ok || (value !== undefined && check.document.data[key] !== value)) return undefined;
  return updated;
}

/** An open action item from an earlier session, as the next session's follow-ups list it. */
export interface FollowUp {
  readonly sessionDate: string;
  readonly text: string;
}

/** The section that lists earlier sessions' open action items; its checkboxes mirror them. */
export const FOLLOW_UPS_SECTION: SessionSection = 'Follow-ups';
const FOLLOW_UP = /^(.*\S)\s+_\(from (\d{4}-\d{2}-\d{2})\)_$/;

/**
 * The follow-ups checked in a session file: each closes the action item it mirrors (by text and
 * the date of the session it came from). Unchecked ones stay open and carry over to the next.
 */
export function checkedFollowUps(session: SessionRecord): FollowUp[] {
  return session.actionItems.flatMap((action) => {
    const mirror = action.section === FOLLOW_UPS_SECTION && action.done ? FOLLOW_UP.exec(action.text) : null;
    return mirror ? [{ text: mirror[1] ?? '', sessionDate: mirror[2] ?? '' }] : [];
  });
}

/** An agenda item covered in the session, with a link to its code anchor. */
export interface DiscussedItem {
  readonly id: string;
  readonly title: string;
  /** Where the code is: `path:line`, shown as the link text. */
  readonly where?: string;
  /** The thread's replies, one line each ("Alex Chen: first line"), listed under the item. */
  readonly replies?: readonly string[];
}

/** A new session file from the session routine, prefilled with what is known. */
export function renderSessionTemplate(facts: SessionFacts, followUps: readonly FollowUp[], discussed: readonly DiscussedItem[]): string {
  const data: Record<string, unknown> = { date: facts.date };
  if (facts.start) data.start = facts.start;
  if (facts.end) data.end = facts.end;
  if (facts.minutes !== undefined) data.minutes = facts.minutes;
  data.participants = [...facts.participants];
  data.mode = facts.mode;
  data.agenda = [...facts.agendaItemIds];
  data.rating = null;
  const body = [
    `# Session on ${facts.date}`,
    '',
    '## Check-in',
    '_How has it been going since the last session?_',
    '',
    '## Follow-ups',
    ...(followUps.length
      ? followUps.map((f) => `- [ ] ${f.text} _(from ${f.sessionDate})_`)
      : ['_No open action items from earlier sessions._']),
    '',
    '## Discussed',
    ...(discussed.length
      ? discussed.flatMap((d) => [`- [${escapeLinkText(d.title)}](mentorship:agenda/${d.id})${d.where ? ` · \`${d.where}\`` : ''}`, ...(d.replies ?? []).map((line) => `  - ${line}`)])
      : ['_What came up?_']),
    '',
    '## Takeaways',
    '- ',
    '',
    '## Action items',
    '- [ ] ',
    '',
    '## Feedback',
    '',
  ];
  return renderFrontMatter(data, body.join('\n'));
}

/** `sessions/<date>-<id>.md`; ids are `[a-z0-9]` so names sort by date. */
export function sessionFileName(date: string, id: string): string {
  return `${SESSIONS_FOLDER}/${date}-${id}.md`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function bullets(section: string): string[] {
  return section
    .split(/\r?\n/)
    .map((line) => /^\s*[-*+]\s+(?!\[[ xX]\])(.*\S)/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
