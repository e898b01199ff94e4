import * as vscode from 'vscode';
import { reorder } from '../core/agendaItem';
import { AgendaItemNode } from './agendaNodes';
import { AgreementNode } from './nodes';

const MIME = 'application/vnd.code.tree.mentorship.nextsync';

/**
 * Drag agenda items to set the order for the sync. The order is one small file in the notes
 * repo (agenda/order.json), committed, so both people see the same running order.
 */
export class AgendaDragAndDrop implements vscode.TreeDragAndDropController<vscode.TreeItem> {
  readonly dragMimeTypes = [MIME];
  readonly dropMimeTypes = [MIME];

  constructor(private readonly report: (error: unknown) => void) {}

  handleDrag(source: readonly vscode.TreeItem[], data: vscode.DataTransfer): void {
    const items = source.filter((node): node is AgendaItemNode => node instanceof AgendaItemNode);
    if (items.length > 0) data.set(MIME, new vscode.DataTransferItem(items));
  }

  async handleDrop(target: vscode.TreeItem | undefined, data: vscode.DataTransfer): Promise<void> {
    const dragged = data.get(MIME)?.value as AgendaItemNode[] | undefined;
    const first = dragged?.[0];
    if (!dragged || !first) return;
    const relationship = first.relationship;
    // Items move within their own relationship's agenda only.
    const moved = dragged.filter((node) => node.relationship === relationship).map((node) => node.item.id);
    const agenda = await relationship.agenda.load();
    const current = agenda.items.map((item) => item.id);
    const before = target instanceof AgendaItemNode && target.relationship === relationship ? target.item.id : target instanceof AgreementNode ? current[0] : undefined;
    const order = reorder(current, moved, before);
    if (order.join() === current.join()) return;
    try {
      await relationship.agenda.saveOrder(order); // the commit redraws the view
    } catch (error) {
      this.report(error);
      void vscode.window.showErrorMessage(`Could not save the agenda order: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
