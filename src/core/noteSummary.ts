import { parseFrontMatter, type FrontMatterProblem } from './frontMatter';

/** What a tree shows for an agenda item or a session before the full features read them. */
export interface NoteSummary {
  readonly title: string;
  readonly status?: string;
  readonly date?: string;
  readonly minutes?: number;
  readonly rating?: number;
  readonly tags: readonly string[];
}

export type NoteSummaryResult =
  | { readonly ok: true; readonly summary: NoteSummary }
  | { readonly ok: false; readonly problem: FrontMatterProblem };

export function summarizeNote(text: string): NoteSummaryResult {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const { data, body } = parsed.document;
  const firstLine = firstProseLine(body);
  const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date;
  const rating = data.rating;
  if (rating !== undefined && rating !== null && (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5)) {
    return { ok: false, problem: { reason: '"rating" must be a whole number from 1 to 5', line: lineOf(text, 'rating') } };
  }
  const tags = Array.isArray(data.tags) ? data.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  return {
    ok: true,
    summary: {
      title: firstLine ?? '(no text)',
      status: typeof data.status === 'string' ? data.status : undefined,
      date: typeof date === 'string' ? date : undefined,
      minutes: typeof data.minutes === 'number' ? data.minutes : undefined,
      rating: typeof rating === 'number' ? rating : undefined,
      tags,
    },
  };
}

function lineOf(text: string, key: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return index >= 0 ? index + 1 : 1;
}

/** The first line of text outside fenced code blocks, without its heading marks. */
function firstProseLine(body: string): string | undefined {
  let inFence = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (!inFence && line.length > 0) return line.replace(/^#+\s*/, '');
  }
  return undefined;
}
