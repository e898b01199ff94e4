import type { AgendaItem } from './agendaItem';

const LINE_COMMENT: Record<string, string> = {
  typescript: '//', typescriptreact: '//', javascript: '//', javascriptreact: '//', java: '//', c: '//', cpp: '//',
  csharp: '//', go: '//', rust: '//', swift: '//', kotlin: '//', scala: '//', dart: '//', php: '//', fsharp: '//',
  python: '#', ruby: '#', shellscript: '#', yaml: '#', perl: '#', r: '#', elixir: '#', dockerfile: '#', makefile: '#',
  toml: '#', powershell: '#', sql: '--', lua: '--', haskell: '--',
};

/**
 * The read-only document shown for an item whose code is not on this machine (the mentor
 * reading the agenda before the sync): the question as comment lines above the captured
 * snippet, so the document keeps the snippet's syntax highlighting.
 */
export function renderSnippetDocument(item: AgendaItem): string {
  const { anchor } = item;
  const where = `${anchor.repository ? `${anchor.repository} · ` : ''}${anchor.path}:${anchor.range.startLine + 1}`;
  const header = [`${where} (captured snippet; the file is not on this machine)`, '', ...item.question.split(/\r?\n/)];
  const comment = LINE_COMMENT[anchor.language ?? ''];
  const block = anchor.language === 'html' || anchor.language === 'xml' || anchor.language === 'markdown'
    ? ['<!--', ...header.map((line) => `  ${line.replace(/--/g, '- -')}`), '-->']
    : comment
      ? header.map((line) => (line ? `${comment} ${line}` : comment))
      : header;
  return `${block.join('\n')}\n\n${anchor.snippet}\n`;
}
