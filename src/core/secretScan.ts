/**
 * Secret scanning for flagged snippets. A snippet leaves the mentee's workspace for the notes
 * repo (and from there perhaps a shared remote), so credentials in it are redacted before it is
 * written and the mentee is told what was removed.
 *
 * Detection is heuristic. Well-known token formats are matched by their shape wherever they
 * appear; assignments (`password = "…"`, `"apiKey": "…"`, `TOKEN=…`) are judged by the key's
 * name and by whether the value is a literal rather than code or a placeholder. Only the secret
 * value is replaced, so the snippet stays readable code.
 *
 * Every quantifier is bounded and candidate matches only start at fixed prefixes or word
 * boundaries, so a scan stays linear in the snippet's length.
 */

export interface SecretFinding {
  /** What was found, for people: 'AWS access key', 'password assignment', … */
  readonly kind: string;
  /** 1-based line in the snippet where the secret starts. */
  readonly line: number;
}

export interface RedactionResult {
  readonly text: string;
  readonly findings: readonly SecretFinding[];
}

/** A piece of the text to replace by a marker; offsets relative to what was scanned. */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

const PRIVATE_KEY = 'private key block';
const CONNECTION_PASSWORD = 'connection string password';

function marker(kind: string): string {
  return `«redacted: ${kind}»`;
}

// ---------------------------------------------------------------------------------------------
// Private key blocks: the only multi-line secret, so found on the whole text before the lines.

const KEY_BEGIN = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const KEY_END = /-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
// A real key has base64 lines right after its header; PEM parsing code that merely names the
// header (`const HEADER = '-----BEGIN PRIVATE KEY-----'`) has none.
const KEY_BODY = /[A-Za-z0-9+/=]{40}/;
const KEY_BODY_WINDOW = 1024; // room for PEM / PGP armor headers; bounds the work per BEGIN

function privateKeyBlocks(text: string): Span[] {
  const begins = [...text.matchAll(KEY_BEGIN)];
  const ends = [...text.matchAll(KEY_END)];
  const blocks: Span[] = [];
  let e = 0;
  let coveredTo = 0;
  for (let i = 0; i < begins.length; i++) {
    const begin = begins[i];
    if (begin === undefined || begin.index < coveredTo) continue;
    const bodyStart = begin.index + begin[0].length;
    while ((ends[e]?.index ?? Infinity) < bodyStart) e++;
    const end = ends[e];
    const bodyEnd = end?.index ?? text.length;
    // Another BEGIN before this one's END: this one is a header string in code, not a key.
    if ((begins[i + 1]?.index ?? Infinity) < bodyEnd) continue;
    if (!KEY_BODY.test(text.slice(bodyStart, Math.min(bodyEnd, bodyStart + KEY_BODY_WINDOW)))) continue;
    // No END: the snippet was cut inside the key, so everything after the header is key.
    const stop = end ? end.index + end[0].length : text.length;
    blocks.push({ start: begin.index, end: stop, kind: PRIVATE_KEY });
    coveredTo = stop;
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Token formats that are secrets by their shape alone. Capture group 1, when present, is the
// secret; otherwise the whole match is.

interface TokenPattern {
  readonly kind: string;
  readonly pattern: RegExp;
}

const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { kind: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/dg },
  { kind: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/dg },
  { kind: 'GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}(?![A-Za-z0-9_])/dg },
  // Newer GitLab tokens carry dot-separated suffixes (`glpat-….01.…`).
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,255}(?:\.[A-Za-z0-9_-]{1,64}){0,3}/dg },
  { kind: 'Slack token', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,250}/dg },
  { kind: 'Google API key', pattern: /\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/dg },
  // Test-mode keys too: they still open the account's API.
  { kind: 'Stripe key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])/dg },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg },
  { kind: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{10,4096}\.[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{0,4096}/dg },
  { kind: 'Azure storage key', pattern: /\bAccountKey[ \t]{0,3}=[ \t]{0,3}([A-Za-z0-9+/]{40,100}={0,2})/dg },
];

function* tokenSpans(line: string): Generator<Span> {
  for (const { kind, pattern } of TOKEN_PATTERNS) {
    for (const m of line.matchAll(pattern)) {
      const [start, end] = m.indices?.[1] ?? [m.index, m.index + m[0].length];
      yield { start, end, kind };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Credentials inside connection strings: only the password goes, host and user stay readable.

// scheme://user:password@host — postgres, mysql, mongodb+srv, redis, amqp, https, …
const URL_CREDENTIALS = /\b[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:/@'"`<>]{0,100}:([^\s/@'"`<>]{1,200})@/dg;
// jdbc:…?user=x&password=y
const QUERY_PASSWORD = /[?&](?:password|passwd|pwd)=([^&\s'"`#<>]{1,200})/dgi;
// ADO.NET / ODBC: Server=…;User Id=…;Password=…; — only on lines that look like one, since
// `password=x;` alone is as likely a statement.
const ADO_CONNECTION = /(?:server|data source|host|user id|uid|database|initial catalog|username)[ \t]{0,3}=/i;
const ADO_PASSWORD = /(?<=[;"'][ \t]{0,3})(?:password|pwd)=([^;'"\r\n]{1,200})/dgi;

function* connectionSpans(line: string): Generator<Span> {
  const patterns = [URL_CREDENTIALS, QUERY_PASSWORD];
  if (line.includes(';') && ADO_CONNECTION.test(line)) patterns.push(ADO_PASSWORD);
  for (const pattern of patterns) {
    for (const m of line.matchAll(pattern)) {
      const range = m.indices?.[1];
      const value = m[1];
      if (range === undefined || value === undefined || isPlaceholder(value)) continue;
      const trimmed = value.trimEnd().length; // ADO values may be padded before the `;`
      yield { start: range[0], end: range[0] + trimmed, kind: CONNECTION_PASSWORD };
    }
  }
}

// Authorization: Bearer <token> — the token only; a JWT there is already taken by its pattern.
const BEARER = /\bBearer[ \t]{1,4}([A-Za-z0-9._~+/-]{20,2048}={0,2})(?![A-Za-z0-9._~+/=-])/dg;

function* bearerSpans(line: string): Generator<Span> {
  for (const m of line.matchAll(BEARER)) {
    const range = m.indices?.[1];
    const value = m[1] ?? '';
    // Prose ("Bearer authentication_documentation") has no digits; tokens have both.
    if (range === undefined || !/\d/.test(value) || !/[A-Za-z]/.test(value)) continue;
    yield { start: range[0], end: range[1], kind: 'bearer token' };
  }
}

// ---------------------------------------------------------------------------------------------
// Assignments of a literal to a key that names a credential.

/** The kind of secret a key name announces, or undefined when it names none. */
function assignmentKind(key: string): string | undefined {
  // The shell's working-directory variables, not passwords.
  if (key === 'PWD' || key === 'OLDPWD') return undefined;
  const words = key
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
  const joined = words.join('');
  const last = words[words.length - 1];
  // The last word decides: `password_hash`, `token_type`, `secretName` are not secrets.
  if (/(?:secretaccesskey|awssecretkey)$/.test(joined)) return 'AWS secret key';
  if (/(?:password|passwd|passphrase|pwd)$/.test(joined) || last === 'pass') return 'password assignment';
  if (/(?:apikey|accesskey|secretkey|secretkeybase|privatekey|authkey|signingkey|encryptionkey|masterkey)$/.test(joined)) {
    return 'generic API key assignment';
  }
  if (joined.endsWith('secret')) return 'secret assignment';
  if (joined.endsWith('token')) return 'token assignment';
  return undefined;
}

const ASSIGNMENT = new RegExp(
  [
    // The key, maybe quoted (JSON, PHP, Python dicts) and maybe a path (`self.password`). It
    // starts a word but may follow `--` (CLI flags); not inside `x-api-key`.
    String.raw`(?<![\w$.])(?<![\w$.]-)(?<q>["'\x60]?)(?<key>[A-Za-z_$][\w$.\-]{0,80})\k<q>`,
    // An optional type between key and `=`: `password: string = …`, Go's `password string = …`.
    String.raw`(?<type>(?::[ \t]{0,4}|[ \t]{1,4})[A-Za-z_][\w.$<>\[\]?]{0,40}(?=[ \t]{0,8}=))?`,
    // The operator: not `==`, `=>` is Ruby/PHP's hash arrow, `:=` Go's, `:` object/YAML keys.
    String.raw`(?<before>[ \t]{0,8})(?<sep>=>|:=|=(?![=>~])|:(?![:=]))(?<after>[ \t]{0,8})`,
    // The value: a string literal (Python prefixes allowed) or a bare word.
    String.raw`(?:[rRbBuUfF]{0,2}(?<quote>["'\x60])(?<quoted>(?:(?!\k<quote>)[^\\\r\n]|\\.){0,500})\k<quote>` +
      String.raw`|(?<bare>[^\s"'\x60,;()\[\]{}<>]{1,200}))`,
  ].join(''),
  'dg',
);

// Words a quoted or bare value may be without being a secret.
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'password', 'passwd', 'pass', 'secret', 'token', 'apikey', 'key',
  'example', 'sample', 'placeholder', 'dummy', 'fake', 'redacted', 'hidden', 'masked', 'todo',
  'tbd', 'fixme', 'none', 'null', 'nil', 'undefined', 'empty', 'notset', 'unset', 'test',
  'required', 'string', 'value',
]);

/**
 * Values that stand for a secret rather than being one: empty, masked ('***', 'xxx'),
 * interpolated ('${DB_PASSWORD}', '{{ token }}', '$API_KEY'), bracketed ('<password>') or a
 * stock word ('changeme', 'your-api-key-here'). Already redacted text is one too, which keeps
 * redaction idempotent.
 */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.includes('«redacted')) return true;
  if (/^(?:\$[\w{(]|\{\{|\{%|%\(|<%|#\{)/.test(v)) return true;
  if (/^%\w+%$/.test(v) || /^<[^<>]*>$/.test(v) || /^\[[^[\]]*\]$/.test(v) || /^\{[\w.]*\}$/.test(v)) return true;
  const letters = v.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters === '' || /^(.)\1*$/.test(letters)) return true;
  return (
    PLACEHOLDER_WORDS.has(letters) ||
    letters.startsWith('your') ||
    letters.startsWith('replace') ||
    letters.startsWith('insert') ||
    letters.endsWith('here')
  );
}

// Bare words that are types or constants, as in `password: string` or `token = None`.
const KEYWORDS = new Set([
  'true', 'false', 'yes', 'no', 'on', 'off', 'null', 'nil', 'none', 'undefined', 'string', 'str',
  'number', 'int', 'integer', 'float', 'bool', 'boolean', 'any', 'unknown', 'object', 'bytes',
  'buffer', 'char', 'never', 'void', 'optional', 'required',
]);
// A property path is code: `process.env.API_KEY`, `settings.DB_PASSWORD`, `os.environ`.
const PROPERTY_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
// camelCase is how code names variables (`API_KEY: apiKey`).
const CAMEL_CASE = /^[a-z]+[A-Z]/;

interface BareContext {
  /** `KEY=value` with nothing around `=` in env-file, shell or CLI-flag position. */
  readonly shellWord: boolean;
  readonly upperKey: boolean;
  readonly colon: boolean;
}

/**
 * Whether an unquoted value is a literal. In source code an unquoted value is an expression
 * (`password = getPassword()`, `password: string`), in .env, YAML, ini and shell files it is the
 * literal itself; the line around the value tells which.
 */
function isBareLiteral(value: string, rest: string, context: BareContext): boolean {
  // YAML tags, anchors, aliases and block scalars; decorators; SQL bind parameters; comments.
  if (/^[!&*|>@%#:-]/.test(value)) return false;
  if (PROPERTY_PATH.test(value) || KEYWORDS.has(value.toLowerCase())) return false;
  if (context.shellWord) return rest === '' || /^[\s;&|]/.test(rest);
  const tail = rest.trim();
  // More code after the value (`(`, `[`, `,`, `;`, operators): it is an expression.
  if (tail !== '' && !tail.startsWith('#')) return false;
  // Env-style keys in YAML (docker compose `POSTGRES_PASSWORD: hunter`) hold literal strings.
  if (context.upperKey && context.colon) return !CAMEL_CASE.test(value);
  // Otherwise a bare word may name a variable; a digit or symbol makes it a literal.
  return /[^A-Za-z_]/.test(value);
}

function* assignmentSpans(line: string): Generator<Span> {
  const re = new RegExp(ASSIGNMENT); // own lastIndex, so scans never share state
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    const g = m.groups ?? {};
    const key = g['key'] ?? '';
    const keyEnd = m.index + (g['q'] ?? '').length + key.length;
    // A type goes with a declared name, never a quoted key (`"password" autocomplete="…"` in HTML).
    const typedQuotedKey = g['q'] !== '' && g['type'] !== undefined;
    const kind = typedQuotedKey ? undefined : assignmentKind(key);
    const span = kind === undefined ? undefined : literalSpan(line, m, kind);
    if (span) {
      yield span;
    } else {
      // Retry right after the key: in `String password = "…"` the first match has key `String`.
      re.lastIndex = keyEnd;
    }
  }
}

function literalSpan(line: string, m: RegExpExecArray, kind: string): Span | undefined {
  const g = m.groups ?? {};
  const range = m.indices?.groups?.['quoted'] ?? m.indices?.groups?.['bare'];
  if (range === undefined) return undefined;
  const quoted = g['quoted'];
  if (quoted !== undefined) {
    // Whitespace means prose: labels and messages ("password": "Enter your password").
    return isPlaceholder(quoted) || /\s/.test(quoted.trim()) ? undefined : { start: range[0], end: range[1], kind };
  }
  const bare = g['bare'] ?? '';
  const key = g['key'] ?? '';
  const prefix = line.slice(0, m.index).trim();
  const tight = g['sep'] === '=' && g['before'] === '' && g['after'] === '' && g['type'] === undefined;
  const upperKey = /^[A-Z][A-Z0-9_]*$/.test(key);
  const context: BareContext = {
    shellWord: tight && (upperKey || /^(?:export|-|ENV|set)?$/.test(prefix) || prefix.endsWith('--')),
    upperKey,
    colon: g['sep'] === ':',
  };
  if (isPlaceholder(bare) || !isBareLiteral(bare, line.slice(range[1]), context)) return undefined;
  return { start: range[0], end: range[1], kind };
}

// ---------------------------------------------------------------------------------------------

// Most specific first: where two detectors claim the same text, the earlier one names it.
const LINE_DETECTORS: ReadonlyArray<(line: string) => Iterable<Span>> = [
  tokenSpans,
  connectionSpans,
  bearerSpans,
  assignmentSpans,
];

/**
 * Adds `span` to `taken` (sorted, non-overlapping) unless it overlaps one already there. A binary
 * search, not a scan: a long line can hold thousands of findings, and a scan per finding would make
 * redaction quadratic in the line's length.
 */
function takeIfFree(taken: Span[], span: Span): boolean {
  let lo = 0;
  let hi = taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((taken[mid] as Span).end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  // taken[lo] is the first span ending after `span` starts: they overlap unless it starts after `span` ends.
  if (lo < taken.length && (taken[lo] as Span).start < span.end) return false;
  taken.splice(lo, 0, span);
  return true;
}

/** Redacts the secrets in a snippet and says which were found, by kind and 1-based line. */
export function redactSecrets(snippet: string): RedactionResult {
  const blocks = privateKeyBlocks(snippet);
  const found: Array<Span & { readonly line: number }> = [];
  let lineStart = 0;
  let lineNo = 0;
  let b = 0;
  for (const line of snippet.split('\n')) {
    lineNo++;
    const lineEnd = lineStart + line.length;
    const offset = lineStart;
    lineStart = lineEnd + 1;

    // Key blocks touching this line are decided already; the rest of the line is still scanned
    // (`const key = \`-----BEGIN…` has code before it).
    while ((blocks[b]?.end ?? Infinity) < offset) b++;
    const taken: Span[] = [];
    let covered = false;
    for (let k = b; k < blocks.length; k++) {
      const block = blocks[k];
      if (block === undefined || block.start > lineEnd) break;
      if (block.start >= offset) found.push({ ...block, line: lineNo });
      covered ||= block.start <= offset && block.end >= lineEnd;
      taken.push({ start: block.start - offset, end: block.end - offset, kind: block.kind });
    }
    if (covered) continue;

    for (const detect of LINE_DETECTORS) {
      for (const span of detect(line)) {
        if (span.end <= span.start || !takeIfFree(taken, span)) continue;
        found.push({ start: span.start + offset, end: span.end + offset, kind: span.kind, line: lineNo });
      }
    }
  }

  found.sort((x, y) => x.start - y.start);
  let text = '';
  let at = 0;
  for (const span of found) {
    text += snippet.slice(at, span.start) + marker(span.kind);
    at = span.end;
  }
  text += snippet.slice(at);
  return { text, findings: found.map(({ kind, line }) => ({ kind, line })) };
}

/** One sentence for the user, e.g. "Redacted 2 secrets: JWT (line 3), password assignment (line 7)."; '' when none. */
export function describeFindings(findings: readonly SecretFinding[]): string {
  if (findings.length === 0) return '';
  const noun = findings.length === 1 ? 'secret' : 'secrets';
  const list = findings.map((f) => `${f.kind} (line ${f.line})`).join(', ');
  return `Redacted ${findings.length} ${noun}: ${list}.`;
}
