import type { CodeAnchor, LineRange } from './codeAnchor';
import { parseFrontMatter, renderFrontMatter, type FrontMatterProblem } from './frontMatter';

export const AGENDA_FOLDER = 'agenda';
export const AGENDA_ORDER_FILE = `${AGENDA_FOLDER}/order.json`;
export const AGENDA_STATUSES = ['open', 'discussed', 'resolved'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

/** A piece of code the mentee brings to the next sync, with their question. */
export interface AgendaItem {
  readonly id: string;
  readonly created: string;
  readonly author: string;
  readonly status: AgendaStatus;
  readonly tags: readonly string[];
  /** Markdown, as the mentee wrote it. */
  readonly question: string;
  readonly anchor: CodeAnchor;
}

export type AgendaItemResult =
  | { readonly ok: true; readonly item: AgendaItem }
  | { readonly ok: false; readonly problem: FrontMatterProblem };

export function agendaItemPath(id: string): string {
  return `${AGENDA_FOLDER}/${id}.md`;
}

/** A fence longer than any backtick run in the snippet, so the snippet cannot close it early. */
function fenceFor(snippet: string): string {
  const longest = Math.max(2, ...(snippet.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

// VS Code language ids that markdown renderers (GitHub, marked) know by another name.
const FENCE_NAMES: Record<string, string> = {
  typescriptreact: 'tsx',
  javascriptreact: 'jsx',
  shellscript: 'sh',
  csharp: 'cs',
  plaintext: 'text',
  fsharp: 'fs',
  objectivec: 'objc',
};

/** The fence label for a snippet, so the notes render highlighted outside VS Code too. */
export function fenceLanguage(languageId: string | undefined): string {
  return languageId ? (FENCE_NAMES[languageId] ?? languageId) : '';
}

export function renderAgendaItem(item: AgendaItem): string {
  const { anchor } = item;
  const fence = fenceFor(anchor.snippet);
  const frontMatter: Record<string, unknown> = {
    id: item.id,
    created: item.created,
    author: item.author,
    status: item.status,
    tags: [...item.tags],
    anchor: {
      repository: anchor.repository,
      ...(anchor.commit ? { commit: anchor.commit } : {}),
      dirty: anchor.dirty,
      path: anchor.path,
      // 1-based in the file, as people read line numbers.
      start_line: anchor.range.startLine + 1,
      end_line: anchor.range.endLine + 1,
      ...(anchor.language ? { language: anchor.language } : {}),
      context_before: [...anchor.contextBefore],
      context_after: [...anchor.contextAfter],
    },
  };
  // The snippet goes in byte for byte: a blank first or last line is part of the flagged range,
  // and dropping it would bring the range back one line short.
  const body = `${item.question.trim()}\n\n${fence}${fenceLanguage(anchor.language)}\n${anchor.snippet}\n${fence}\n`;
  return renderFrontMatter(frontMatter, body);
}

/**
 * The snippet is the fenced block that ends the body; the question above may hold code
 * blocks of its own. Found from the end: the closing fence, then the nearest opening line
 * with the same fence.
 */
function lastFencedBlock(body: string): { index: number; language: string; code: string } | undefined {
  const lines = body.replace(/\s+$/, '').split('\n');
  const closing = lines.length - 1;
  const fence = /^(`{3,})[ \t]*$/.exec(lines[closing] ?? '')?.[1];
  if (!fence) return undefined;
  for (let open = closing - 1; open >= 0; open--) {
    const match = /^(`{3,})([^`]*)$/.exec(lines[open] ?? '');
    if (match && match[1] === fence) {
      const index = lines.slice(0, open).reduce((sum, line) => sum + line.length + 1, 0);
      return { index, language: (match[2] ?? '').trim(), code: lines.slice(open + 1, closing).join('\n') };
    }
  }
  return undefined;
}

/**
 * Reads an agenda file defensively: broken front matter or wrong types are reported with the
 * line of the key, so the item can be listed under "Needs attention" and left untouched.
 */
export function parseAgendaItem(text: string): AgendaItemResult {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const { data, body } = parsed.document;
  const lines = text.split(/\r?\n/);
  const lineOf = (key: string): number => {
    const index = lines.findIndex((line) => new RegExp(`^\\s*${key}:`).test(line));
    return index >= 0 ? index + 1 : 2;
  };
  const fail = (key: string, reason: string): AgendaItemResult => ({ ok: false, problem: { reason: `"${key}" ${reason}`, line: lineOf(key) } });

  if (typeof data.id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(data.id)) return fail('id', 'must be letters a–z, digits and "-"');
  const status = data.status ?? 'open';
  if (typeof status !== 'string' || !(AGENDA_STATUSES as readonly string[]).includes(status)) return fail('status', `must be one of: ${AGENDA_STATUSES.join(', ')}`);
  const tags = data.tags ?? [];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) return fail('tags', 'must be a list of words');
  if (typeof data.created !== 'string') return fail('created', 'must be a date and time');
  const author = typeof data.author === 'string' ? data.author : '';
  const anchor = data.anchor;
  if (typeof anchor !== 'object' || anchor === null || Array.isArray(anchor)) return fail('anchor', 'must describe where the code is');
  const a = anchor as Record<string, unknown>;
  if (typeof a.path !== 'string' || a.path === '') return fail('path', 'must be the file path');
  const start = a.start_line;
  const end = a.end_line;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) {
    return fail('start_line', 'and "end_line" must be line numbers, start ≤ end');
  }
  const stringList = (value: unknown): string[] | undefined =>
    value === undefined ? [] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  const contextBefore = stringList(a.context_before);
  const contextAfter = stringList(a.context_after);
  if (!contextBefore) return fail('context_before', 'must be a list of lines');
  if (!contextAfter) return fail('context_after', 'must be a list of lines');

  const unixBody = body.replace(/\r\n/g, '\n');
  const fenced = lastFencedBlock(unixBody);
  const snippet = fenced?.code ?? '';
  const question = (fenced ? unixBody.slice(0, fenced.index) : unixBody).trim();
  const range: LineRange = { startLine: start - 1, endLine: end - 1 };
  return {
    ok: true,
    item: {
      id: data.id,
      created: data.created,
      author,
      status: status as AgendaStatus,
      tags: tags as string[],
      question,
      anchor: {
        repository: typeof a.repository === 'string' ? a.repository : '',
        commit: typeof a.commit === 'string' && /^[0-9a-f]{7,64}$/.test(a.commit) ? a.commit : undefined,
        dirty: a.dirty === true,
        path: a.path,
        range,
        snippet,
        contextBefore,
        contextAfter,
        language: typeof a.language === 'string' ? a.language : fenced?.language || undefined,
      },
    },
  };
}

/** The first line of the question, without markdown marks, for tree labels. */
export function questionTitle(question: string, max = 80): string {
  const first = question.split(/\r?\n/).find((line) => line.trim()) ?? '(no question)';
  const plain = first.replace(/^#+\s*/, '').replace(/[*_`]/g, '').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** Orders items by the saved sync order; items not in it follow, oldest first. */
export function orderAgenda<T extends { readonly id: string; readonly created: string }>(items: readonly T[], order: readonly string[]): T[] {
  const position = new Map(order.map((id, index) => [id, index]));
  return [...items].sort((x, y) => {
    const px = position.get(x.id) ?? Number.MAX_SAFE_INTEGER;
    const py = position.get(y.id) ?? Number.MAX_SAFE_INTEGER;
    return px !== py ? px - py : x.created.localeCompare(y.created);
  });
}

/** Reads `agenda/order.json`; anything unreadable means "no saved order" (the file is left as is). */
export function parseAgendaOrder(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    const order = (value as { order?: unknown })?.order;
    return Array.isArray(order) ? order.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function renderAgendaOrder(order: readonly string[]): string {
  return `${JSON.stringify({ order }, null, 2)}\n`;
}

/** Moves `moved` ids to sit before `target` (or to the end when target is undefined). */
export function reorder(order: readonly string[], moved: readonly string[], target: string | undefined): string[] {
  const movedSet = new Set(moved);
  const rest = order.filter((id) => !movedSet.has(id));
  const at = target === undefined ? rest.length : Math.max(0, rest.indexOf(target));
  return [...rest.slice(0, at), ...moved, ...rest.slice(at)];
}

/** Tags are single lowercase words: "React Hooks" → "react-hooks". */
export function normalizeTag(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^#/, '')
    .replace(/[^a-z0-9+#.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
