import * as vscode from 'vscode';
import { fenceLanguage, type AgendaItem } from '../core/agendaItem';
import { isReplyBy, type AgendaReply } from '../core/agendaReply';
import type { Agreement } from '../core/agreement';
import { displayBody, suggestedChanges } from '../core/suggestedChange';
import type { ReplyProblem } from '../notes/replyStore';

/** Who is who in a thread: names from the agreement, "mine" from the notes repo's git identity. */
export interface ThreadPeople {
  readonly myEmail: string;
  readonly agreement?: Agreement;
}

/**
 * One comment of an agenda thread: the question, a reply, or a reply file that could not be
 * read. Commands on a comment get this object back, so it carries what they need.
 */
export class AgendaComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  body: string | vscode.MarkdownString;
  readonly author: vscode.CommentAuthorInformation;
  readonly contextValue: string;
  readonly label?: string;
  readonly timestamp?: Date;

  constructor(
    readonly root: string,
    readonly itemId: string,
    readonly reply: AgendaReply | undefined,
    parts: { body: vscode.MarkdownString; author: string; contextValue: string; label?: string; timestamp?: Date },
  ) {
    this.body = parts.body;
    this.author = { name: parts.author };
    this.contextValue = parts.contextValue;
    if (parts.label) this.label = parts.label;
    if (parts.timestamp && !Number.isNaN(parts.timestamp.getTime())) this.timestamp = parts.timestamp;
  }

  /** The markdown shown before an edit started (restored on cancel). */
  get shownBody(): vscode.MarkdownString {
    return inertMarkdown(this.reply?.body ?? '');
  }
}

/**
 * Markdown from the notes (the other side of a sync may have written it): rendered as the
 * Review renders notes — no HTML, no command links, no theme icons.
 */
export function inertMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

export function personName(email: string, people: ThreadPeople): string {
  const agreement = people.agreement;
  const lower = email.toLowerCase();
  if (agreement) {
    for (const person of [agreement.mentee, agreement.mentor]) {
      if (person.email && person.email.toLowerCase() === lower && person.name) return person.name;
    }
  }
  return email || 'someone';
}

/** The question (first comment), then the replies oldest first, then unreadable reply files. */
export function threadComments(root: string, item: AgendaItem, replies: readonly AgendaReply[], problems: readonly ReplyProblem[], people: ThreadPeople): AgendaComment[] {
  const question = new AgendaComment(root, item.id, undefined, {
    body: inertMarkdown(item.question),
    author: personName(item.author, people),
    contextValue: 'agendaQuestion',
    label: 'asked',
    timestamp: new Date(item.created),
  });
  const language = fenceLanguage(item.anchor.language);
  const answers = replies.map((reply) => {
    const mine = isReplyBy(reply, people.myEmail);
    const suggestion = suggestedChanges(reply.body).length > 0;
    return new AgendaComment(root, item.id, reply, {
      body: inertMarkdown(displayBody(reply.body, language)),
      author: reply.author.toLowerCase() === reply.authorName.toLowerCase() ? personName(reply.author, people) : reply.authorName,
      contextValue: `agendaReply:${mine ? 'mine' : 'theirs'}${suggestion ? ':suggestion' : ''}`,
      ...(reply.edited ? { label: 'edited' } : {}),
      timestamp: new Date(reply.created),
    });
  });
  const unreadable = problems.map(
    (problem) =>
      new AgendaComment(root, item.id, undefined, {
        body: inertMarkdown(`A reply file could not be read and is left as it is:\n\n\`${problem.file.replace(/`/g, "'")}\`, line ${problem.problem.line}: ${problem.problem.reason.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)}`),
        author: 'Mentorship',
        contextValue: 'agendaReplyProblem',
        label: 'needs attention',
      }),
  );
  return [question, ...answers, ...unreadable];
}
