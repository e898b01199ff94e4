import * as vscode from 'vscode';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import { MessageNode, RelationshipNode } from './nodes';

/**
 * Base of the three Mentorship trees: one relationship shows its items at the top level;
 * several are grouped under a node each. An empty result lets the view's welcome content
 * explain the next step.
 */
export abstract class RelationshipTree implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  protected readonly subscriptions: { dispose(): void }[];
  /** The relationship nodes as last rendered (several relationships): a change redraws one. */
  private readonly relationshipNodes = new Map<Relationship, RelationshipNode>();

  constructor(
    protected readonly directory: MentorshipDirectory,
    protected readonly report: (error: unknown) => void,
  ) {
    this.subscriptions = [
      directory.onDidChangeRelationships(() => this.refresh()),
      directory.onDidChangeRelationship((relationship) => this.refresh(relationship)),
    ];
  }

  /** Whether this view lists notes repos that cannot be used (one view says it, not three). */
  protected readonly showsRepoProblems: boolean = false;

  protected abstract childrenOf(relationship: Relationship): Promise<vscode.TreeItem[]>;

  /**
   * Renders again what shows `relationship` (its node when several are shown, else the whole
   * tree), or the whole tree without one (e.g. when work started by a render has finished).
   */
  refresh(relationship?: Relationship): void {
    const node = relationship && this.relationshipNodes.get(relationship);
    if (relationship && !node && this.relationshipNodes.size > 0) return; // not shown here
    this.changed.fire(node);
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    // A redrawn relationship node shows the agreement's names as they are now.
    if (element instanceof RelationshipNode) element.label = element.relationship.label;
    return element;
  }

  /** Each node's parent as last rendered; TreeView.reveal walks up through getParent. */
  private readonly parents = new WeakMap<vscode.TreeItem, vscode.TreeItem | undefined>();

  getParent(element: vscode.TreeItem): vscode.TreeItem | undefined {
    return this.parents.get(element);
  }

  /** Finds a rendered node by id, looking into relationship and group nodes. */
  async find(id: string): Promise<vscode.TreeItem | undefined> {
    const queue = [...(await this.getChildren())];
    for (let node = queue.shift(); node; node = queue.shift()) {
      if (node.id === id) return node;
      if (node.collapsibleState !== vscode.TreeItemCollapsibleState.None) queue.push(...(await this.getChildren(node)));
    }
    return undefined;
  }

  async getChildren(element?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    const children = await this.childrenOrMessage(element);
    for (const child of children) this.parents.set(child, element);
    return children;
  }

  private async childrenOrMessage(element?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    try {
      if (element instanceof RelationshipNode) {
        await this.directory.relationships(); // waits for the agreement re-read after a commit
        return await this.childrenOf(element.relationship);
      }
      if (element && 'children' in element && typeof element.children === 'function') return (element.children as () => vscode.TreeItem[])();
      if (element) return [];
      const [relationships, unusable] = await Promise.all([this.directory.relationships(), this.directory.unusable()]);
      // Said in one view (Next Sync), short enough for the default sidebar width, with its fix a click away.
      const warnings = this.showsRepoProblems
        ? unusable.map((repo) => {
            // A refused location is fixed in the settings: a short label, the setting a click away.
            const refused = /inside the workspace folder|contains the workspace folder/.test(repo.reason);
            const label = refused ? 'Notes repo not used — select to fix' : (repo.reason.split(/(?<=\.)\s/)[0] ?? repo.reason);
            const node = new MessageNode(label, `${repo.root}\n\n${repo.reason}`, 'error', refused ? { command: 'workbench.action.openSettings', title: 'Open Setting', arguments: ['mentorship.notesRepo'] } : undefined);
            node.description = repo.root;
            return node;
          })
        : [];
      this.relationshipNodes.clear();
      if (relationships.length === 0) return warnings;
      if (relationships.length === 1 && relationships[0]) return [...warnings, ...(await this.childrenOf(relationships[0]))];
      const nodes = relationships.map((relationship) => new RelationshipNode(relationship));
      for (const node of nodes) this.relationshipNodes.set(node.relationship, node);
      return [...warnings, ...nodes];
    } catch (error) {
      this.report(error);
      return [new MessageNode('Could not read the notes repo — see the Mentorship output', String(error), 'error')];
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
