/**
 * A *suggested change* in a reply, as in a pull request review: a fenced block labelled
 * `suggestion` whose content replaces the lines the agenda item is about.
 */
export interface SuggestedChange {
  /** The replacement lines, without the fences. */
  readonly code: string;
}

/** The ```suggestion blocks of a reply body, in order (any fence of 3+ backticks or tildes). */
export function suggestedChanges(body: string): SuggestedChange[] {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const found: SuggestedChange[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^ {0,3}(`{3,}|~{3,})[ \t]*suggestion[ \t]*$/.exec(lines[index] ?? '');
    if (!open?.[1]) continue;
    const fence = open[1];
    const closing = lines.findIndex((line, at) => at > index && new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`).test(line));
    // An unclosed block runs to the end, as markdown renders it.
    const end = closing < 0 ? lines.length : closing;
    found.push({ code: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return found;
}

/** Line endings and trailing blanks aside, is the code the same? */
export function sameCode(a: string, b: string): boolean {
  const norm = (text: string): string =>
    text
      .replace(/\r\n/g, '\n')
      .split('\n')
      .map((line) => line.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/\n+$/, '');
  return norm(a) === norm(b);
}

/**
 * The body as the comment widget shows it: a suggestion block is shown as a diff-like code
 * block labelled as a suggestion, so it reads as a proposal rather than plain code.
 */
export function displayBody(body: string, language = ''): string {
  return body.replace(
    /^( {0,3})(`{3,}|~{3,})[ \t]*suggestion[ \t]*$/gm,
    (_all, indent: string, fence: string) => `${indent}**Suggested change** (apply it with the check mark on this reply):\n\n${indent}${fence}${language}`,
  );
}
