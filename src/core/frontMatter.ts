import type * as JsYaml from 'js-yaml';

let jsYaml: typeof JsYaml | undefined;
/** The YAML parser, loaded on first use: activating the extension does not need it. */
function yaml(): typeof JsYaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see esbuild.mjs
  jsYaml ??= require('js-yaml') as typeof JsYaml;
  return jsYaml;
}

/** A markdown file split into its YAML front matter and its body. */
export interface FrontMatterDocument {
  readonly data: Record<string, unknown>;
  readonly body: string;
}

/** Why a file could not be read; `line` is 1-based within the whole file. */
export interface FrontMatterProblem {
  readonly reason: string;
  readonly line: number;
}

export type FrontMatterResult =
  | { readonly ok: true; readonly document: FrontMatterDocument }
  | { readonly ok: false; readonly problem: FrontMatterProblem };

const OPENING = /^---[ \t]*\r?\n/;
/** Limits for YAML from the other person's clone: a note's front matter is a few short lines. */
export const FRONT_MATTER_LIMITS = { bytes: 64 * 1024, nodes: 5_000, depth: 20 } as const;
const CLOSING = /^---[ \t]*$/m;

/**
 * Parses `---\n yaml \n---\n body`. Never throws: a hand-edited file with broken YAML is
 * reported with the line so the user can fix it, and the caller leaves the file untouched.
 */
export function parseFrontMatter(text: string): FrontMatterResult {
  if (text.includes('\u0000')) {
    return { ok: false, problem: { reason: 'the file holds binary data, not markdown', line: 1 } };
  }
  const opening = OPENING.exec(text);
  if (!opening) {
    return { ok: false, problem: { reason: 'the file does not start with a "---" front matter block', line: 1 } };
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return { ok: false, problem: { reason: 'the front matter block is never closed with "---"', line: 1 } };
  }
  const yamlText = rest.slice(0, closing.index);
  if (yamlText.length > FRONT_MATTER_LIMITS.bytes) {
    return { ok: false, problem: { reason: `the front matter is larger than ${FRONT_MATTER_LIMITS.bytes / 1024} KB`, line: 2 } };
  }
  // Blank lines between the front matter and the text carry no meaning (renderFrontMatter adds one).
  const body = rest.slice(closing.index + closing[0].length).replace(/^(\r?\n)+/, '');
  let data: unknown;
  try {
    // CORE_SCHEMA: dates and times stay the strings the user wrote; no custom tags.
    data = yaml().load(yamlText, { schema: yaml().CORE_SCHEMA, json: false });
  } catch (error) {
    // Deep nesting can exhaust the parser's stack: a problem with the file, not a crash.
    if (error instanceof RangeError) return { ok: false, problem: { reason: 'the front matter is nested too deeply', line: 2 } };
    if (!(error instanceof yaml().YAMLException)) throw error;
    // mark.line is 0-based within the YAML; +2 for the opening "---" line and 1-basing.
    return { ok: false, problem: { reason: error.reason || 'invalid YAML', line: (error.mark?.line ?? 0) + 2 } };
  }
  // Aliases share nodes, so a few lines can stand for billions of values: walk with a budget.
  const tooBig = exceedsLimits(data);
  if (tooBig) return { ok: false, problem: { reason: tooBig, line: 2 } };
  if (data === null || data === undefined) {
    return { ok: true, document: { data: {}, body } };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problem: { reason: 'the front matter is not a set of "key: value" lines', line: 2 } };
  }
  return { ok: true, document: { data: data as Record<string, unknown>, body } };
}

function exceedsLimits(data: unknown): string | undefined {
  let nodes = 0;
  const walk = (value: unknown, depth: number): string | undefined => {
    if (++nodes > FRONT_MATTER_LIMITS.nodes) return 'the front matter has too many values (repeated YAML aliases?)';
    if (depth > FRONT_MATTER_LIMITS.depth) return 'the front matter is nested too deeply';
    if (value === null || typeof value !== 'object') return undefined;
    for (const child of Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(data, 0);
}

/** Renders front matter and body back into one markdown file. */
export function renderFrontMatter(data: Record<string, unknown>, body: string): string {
  const yamlText = yaml().dump(data, { schema: yaml().CORE_SCHEMA, lineWidth: -1, noRefs: true }).trimEnd();
  const trimmedBody = body.replace(/^\n+/, '');
  return `---\n${yamlText}\n---\n\n${trimmedBody.endsWith('\n') ? trimmedBody : `${trimmedBody}\n`}`;
}

/** The 1-based line a front-matter key is written on (line 2, just after `---`, when absent). */
export function lineOfKey(text: string, key: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return index >= 0 ? index + 1 : 2;
}
