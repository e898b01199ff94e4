import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AsyncUpdate } from '../core/asyncUpdate';
import { programRows, type ProgramRow } from '../core/programView';
import type { Clock } from '../core/nextSync';
import { COMMANDS } from '../constants';
import type { ProgramSnapshot } from './programRepo';
import { OPEN_CHARTS, type ProgramSource } from './programSource';

/** One consenting relationship: "Sam Rivera ↔ Alex Chen — 4 of 6 sessions · last 12 days ago · next Tue". */
export class ProgramRelationshipNode extends vscode.TreeItem {
  constructor(readonly row: ProgramRow) {
    super(row.label, vscode.TreeItemCollapsibleState.None);
    this.contextValue = 'programRelationship';
    this.description = row.flags.length > 0 ? `${row.description} · ${row.flags.join(', ')}` : row.description;
    this.tooltip = `${row.label}\n${row.description}\nState: ${row.state}${row.flags.length > 0 ? `\nNeeds attention: ${row.flags.join(', ')}` : ''}`;
    this.iconPath =
      row.flags.length > 0 ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon(row.state === 'closed' ? 'archive' : 'person');
  }
}

/** A group row with its children ready (the tree asks `children()`). */
class GroupNode extends vscode.TreeItem {
  constructor(
    label: string,
    description: string,
    icon: vscode.ThemeIcon,
    readonly children: () => vscode.TreeItem[],
    contextValue: string,
  ) {
    super(label, vscode.TreeItemCollapsibleState.Expanded);
    this.description = description;
    this.iconPath = icon;
    this.contextValue = contextValue;
    this.id = `program:${contextValue}`;
  }
}

function leaf(label: string, description: string, icon: vscode.ThemeIcon, tooltip: string, command?: vscode.Command): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.description = description;
  item.iconPath = icon;
  item.tooltip = tooltip;
  item.command = command;
  return item;
}

const UPDATE_SECTIONS_SHOWN = ['Blockers', 'Achievements', 'Challenges', 'Celebrations'] as const;

function updateNode(root: string, file: string, update: AsyncUpdate): vscode.TreeItem {
  const said = UPDATE_SECTIONS_SHOWN.filter((section) => update.sections[section]);
  const first = said[0];
  const line = first ? `${first}: ${(update.sections[first] ?? '').split(/\r?\n/)[0]}` : 'empty';
  return leaf(`${update.date} · ${update.author || 'someone'}`, line, new vscode.ThemeIcon(update.sections.Blockers ? 'debug-pause' : 'comment'), said.map((s) => `${s}: ${update.sections[s]}`).join('\n\n'), {
    command: 'vscode.open',
    title: 'Open Update',
    arguments: [vscode.Uri.file(path.join(root, file))],
  });
}

/**
 * The champion's Program view: one row per relationship whose two people consented, flags for
 * those needing attention, malformed files listed (never trusted), and program-wide updates.
 */
export class ProgramTree implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly program: ProgramSource,
    private readonly clock: Clock,
    private readonly report: (error: unknown) => void,
  ) {
    this.subscription = program.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  async getChildren(element?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    if (element instanceof GroupNode) return element.children();
    if (element) return [];
    if (!this.program.configuredPath()) return [];
    try {
      const problem = await this.program.problem();
      if (problem) return [leaf(problem.split(/(?<=\.)\s/)[0] ?? problem, '', new vscode.ThemeIcon('error'), problem)];
      const root = (await this.program.repo()).root;
      return this.rowsOf(root, await this.program.read());
    } catch (error) {
      this.report(error);
      return [leaf('Could not read the program repo — see the Mentorship output', '', new vscode.ThemeIcon('error'), String(error))];
    }
  }

  /** The top-level rows for a snapshot (separate so the benchmark can time it). */
  rowsOf(root: string, snapshot: ProgramSnapshot): vscode.TreeItem[] {
    const now = new Date(this.clock.now());
    const rows: vscode.TreeItem[] = programRows(
      snapshot.summaries.map((s) => s.summary),
      now,
    ).map((row) => new ProgramRelationshipNode(row));
    if (rows.length === 0) rows.push(leaf('No relationship has published a summary yet', '', new vscode.ThemeIcon('info'), 'A summary is published only when both people of a mentorship consent.'));
    const head: vscode.TreeItem[] = [leaf('Program charts', `${snapshot.summaries.length} relationships`, new vscode.ThemeIcon('graph'), 'Sessions per month, rating distribution, relationships by state', OPEN_CHARTS)];
    if (snapshot.officeHours) {
      const today = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][now.getDay()] === snapshot.officeHours;
      head.push(
        leaf(`Async office hours: ${snapshot.officeHours[0]?.toUpperCase()}${snapshot.officeHours.slice(1)}s`, today ? 'today — post an update' : '', new vscode.ThemeIcon('calendar'), 'Mentors post achievements, challenges, blockers and celebrations.', {
          command: COMMANDS.postProgramUpdate,
          title: 'Post Program Update',
        }),
      );
    }
    if (snapshot.malformed.length > 0) {
      rows.unshift(
        new GroupNode(
          'Needs attention',
          `${snapshot.malformed.length} file${snapshot.malformed.length === 1 ? '' : 's'} not trusted`,
          new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
          () => snapshot.malformed.map((m) => leaf(path.posix.basename(m.file), m.reason, new vscode.ThemeIcon('warning'), `${m.file}: ${m.reason}\n\nNot shown as a relationship: the file is not a valid summary.`)),
          'programMalformed',
        ),
      );
    }
    if (snapshot.updates.length > 0) {
      rows.push(new GroupNode('Async updates', `${snapshot.updates.length}`, new vscode.ThemeIcon('comment-discussion'), () => snapshot.updates.map((u) => updateNode(root, u.file, u.update)), 'programUpdates'));
    }
    return [...head, ...rows];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
