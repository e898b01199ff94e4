import { AGENDA_FOLDER, questionTitle } from './agendaItem';
import { parseFrontMatter, renderFrontMatter, type FrontMatterProblem } from './frontMatter';

/**
 * A reply in an agenda item's comment thread. One file per reply, named by the time, the
 * author and a random tail, so two people replying at once write two different files and a
 * sync never conflicts:
 *
 *   agenda/<item id>/replies/<yyyymmddthhmmssz>-<author slug>-<random>.md
 */
export interface AgendaReply {
  /** The file name without `.md`: unique, and in time order when sorted. */
  readonly id: string;
  /** The agenda item answered. */
  readonly item: string;
  /** The author's email, as their notes repo's git identity has it. */
  readonly author: string;
  /** The author's display name (falls back to the email). */
  readonly authorName: string;
  readonly created: string;
  readonly edited?: string;
  /** Markdown as written: may hold code blocks and a ```suggestion block. */
  readonly body: string;
}

export type AgendaReplyResult =
  | { readonly ok: true; readonly reply: AgendaReply }
  | { readonly ok: false; readonly problem: FrontMatterProblem };

const ITEM_ID = /^[a-z0-9-]{1,64}$/;
const REPLY_ID = /^[0-9]{8}t[0-9]{6}z-[a-z0-9-]{1,40}-[a-z0-9]{4,12}$/;
/** Above this a reply is not a note anyone wrote by hand: listed as a problem, not shown. */
export const MAX_REPLY_CHARS = 100_000;

export function repliesFolder(itemId: string): string {
  return `${AGENDA_FOLDER}/${itemId}/replies`;
}

export function replyPath(itemId: string, replyId: string): string {
  return `${repliesFolder(itemId)}/${replyId}.md`;
}

export function isReplyId(id: string): boolean {
  return REPLY_ID.test(id);
}

/** `20261129t221005z-alex-example-com-k3j9`: sortable UTC time, who, and a random tail. */
export function newReplyId(at: Date, author: string, random: string): string {
  const time = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '').toLowerCase();
  const who =
    author
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'someone';
  return `${time}-${who}-${random}`;
}

export function renderAgendaReply(reply: AgendaReply): string {
  const data: Record<string, unknown> = {
    item: reply.item,
    author: reply.author,
    ...(reply.authorName && reply.authorName !== reply.author ? { author_name: reply.authorName } : {}),
    created: reply.created,
    ...(reply.edited ? { edited: reply.edited } : {}),
  };
  return renderFrontMatter(data, reply.body.trim());
}

/**
 * Reads a reply file defensively: it came through a sync from the other side and may be
 * hand-edited, truncated or hostile. A bad file is reported (and listed), never rewritten.
 */
export function parseAgendaReply(text: string, fileName: string): AgendaReplyResult {
  const fail = (reason: string, line = 2): AgendaReplyResult => ({ ok: false, problem: { reason, line } });
  const id = fileName.replace(/\.md$/, '');
  if (!REPLY_ID.test(id)) return fail(`"${fileName}" is not a reply file name (time-author-random.md)`, 1);
  if (text.length > MAX_REPLY_CHARS) return fail(`the reply is longer than ${MAX_REPLY_CHARS} characters`, 1);
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const { data, body } = parsed.document;
  const lines = text.split(/\r?\n/);
  const lineOf = (key: string): number => {
    const index = lines.findIndex((line) => line.startsWith(`${key}:`));
    return index >= 0 ? index + 1 : 2;
  };
  if (typeof data.item !== 'string' || !ITEM_ID.test(data.item)) return fail('"item" must be the agenda item id', lineOf('item'));
  if (typeof data.author !== 'string' || data.author.trim() === '') return fail('"author" must be who wrote the reply', lineOf('author'));
  if (typeof data.created !== 'string' || Number.isNaN(Date.parse(data.created))) return fail('"created" must be a date and time', lineOf('created'));
  if (data.edited !== undefined && (typeof data.edited !== 'string' || Number.isNaN(Date.parse(data.edited)))) {
    return fail('"edited" must be a date and time', lineOf('edited'));
  }
  const authorName = typeof data.author_name === 'string' && data.author_name.trim() ? data.author_name.trim() : data.author.trim();
  return {
    ok: true,
    reply: {
      id,
      item: data.item,
      author: data.author.trim(),
      authorName,
      created: data.created,
      ...(typeof data.edited === 'string' ? { edited: data.edited } : {}),
      body: body.replace(/\r\n/g, '\n').trim(),
    },
  };
}

/** Replies oldest first (their ids start with the UTC time). */
export function sortReplies(replies: readonly AgendaReply[]): AgendaReply[] {
  return [...replies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether `email` wrote the reply (emails compare without case, as mail does). */
export function isReplyBy(reply: AgendaReply, email: string): boolean {
  return email.trim() !== '' && reply.author.toLowerCase() === email.trim().toLowerCase();
}

/**
 * The replies as markdown under the question (the Review and its search show them there):
 * who and when as plain text, then each body as written.
 */
export function repliesMarkdown(replies: readonly AgendaReply[]): string {
  if (replies.length === 0) return '';
  const plain = (text: string): string => text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
  const blocks = replies.map((reply) => `**${plain(reply.authorName)}** · ${plain(reply.created.slice(0, 10))}${reply.edited ? ' · edited' : ''}\n\n${reply.body}`);
  return `\n\n---\n\n#### Replies (${replies.length})\n\n${blocks.join('\n\n---\n\n')}`;
}

/** One line for lists (Record Takeaways): the first line of prose, or that it suggests a change. */
export function replySummary(body: string, max = 100): string {
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (!inFence && line.trim()) return questionTitle(line, max);
  }
  return /^ {0,3}(`{3,}|~{3,})[ \t]*suggestion[ \t]*$/m.test(body) ? '(suggested a change)' : '(code only)';
}
