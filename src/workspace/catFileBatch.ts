import { spawn } from 'node:child_process';
import { logGitNote } from '../notes/git';

/**
 * File texts at commits, read through one `git cat-file --batch` per repository and burst: every
 * read asked for in the same tick goes to the same process, and each (commit, path) is read
 * once and kept (a file at a commit never changes). A Next Sync of 200 items across 50 files
 * costs one git process, not 50.
 */
export class CatFileBatch {
  private readonly cache = new Map<string, Promise<string | undefined>>();
  private pending: Array<{ name: string; resolve: (text: string | undefined) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly root: string,
    private readonly binary: string = 'git',
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The text of `path` at `commit`; undefined when it does not exist there or git fails. */
  read(commit: string, path: string): Promise<string | undefined> {
    const name = `${commit}:${path}`;
    let text = this.cache.get(name);
    if (!text) {
      text = new Promise((resolve) => {
        this.pending.push({ name, resolve });
        if (!this.scheduled) {
          this.scheduled = true;
          setImmediate(() => this.flush());
        }
      });
      this.cache.set(name, text);
    }
    return text;
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    // Object names with a newline cannot be asked for on one line: answer them as missing.
    const asked = batch.filter((request) => !request.name.includes('\n'));
    batch.filter((request) => request.name.includes('\n')).forEach((request) => request.resolve(undefined));
    if (asked.length === 0) return;
    const chunks: Buffer[] = [];
    const started = Date.now();
    let git;
    try {
      git = spawn(this.binary, ['-C', this.root, 'cat-file', '--batch'], { env: this.env, stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      asked.forEach((request) => request.resolve(undefined));
      return;
    }
    git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    git.on('error', () => asked.forEach((request) => request.resolve(undefined)));
    git.on('close', (code) => {
      // Logged like every other git call (the one git boundary's log): the command, never a path or text.
      logGitNote(`git cat-file --batch (${asked.length} objects) → exit ${code ?? 'killed'} in ${Date.now() - started} ms (${this.root})`);
      const texts = parseBatchOutput(Buffer.concat(chunks), asked.length);
      asked.forEach((request, i) => request.resolve(texts[i]));
    });
    git.stdin.on('error', () => undefined); // git gone early: 'close' answers everyone
    git.stdin.end(asked.map((request) => `${request.name}\n`).join(''));
  }
}

/**
 * `git cat-file --batch` answers each line with `<sha> <type> <size>\n<content>\n`, or
 * `<name> missing\n` (or `ambiguous`). Non-blobs count as missing.
 */
export function parseBatchOutput(out: Buffer, expected: number): (string | undefined)[] {
  const texts: (string | undefined)[] = [];
  let at = 0;
  while (texts.length < expected && at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      texts.push(undefined);
      continue;
    }
    const size = Number(match[2]);
    texts.push(match[1] === 'blob' ? out.subarray(at, at + size).toString('utf8') : undefined);
    at += size + 1;
  }
  while (texts.length < expected) texts.push(undefined);
  return texts;
}
