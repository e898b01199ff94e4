import * as vscode from 'vscode';
import { normalizeTag } from '../core/agendaItem';

type TagItem = vscode.QuickPickItem & { tag: string };

/** Pick existing tags or type new ones (Enter on a typed word adds it). Undefined = cancelled. */
export function pickTags(existing: readonly string[]): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<TagItem>();
    const known: TagItem[] = [...new Set(existing)].sort().map((tag) => ({ label: tag, tag }));
    pick.title = 'Flag for Next Sync: tags';
    pick.placeholder = 'Choose tags, or type a new one (optional, Enter to finish)';
    pick.canSelectMany = true;
    pick.items = known;
    let settled = false;
    const finish = (value: string[] | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      const tag = normalizeTag(value);
      const selected = pick.selectedItems;
      const typed: TagItem[] = tag && !known.some((item) => item.tag === tag) ? [{ label: `$(add) ${tag}`, description: 'new tag', tag }] : [];
      pick.items = [...typed, ...known, ...selected.filter((item) => item.description === 'new tag' && item.tag !== tag)];
      pick.selectedItems = pick.items.filter((item) => selected.some((s) => s.tag === item.tag));
    });
    pick.onDidAccept(() => {
      const tags = new Set(pick.selectedItems.map((item) => item.tag));
      const typed = normalizeTag(pick.value);
      if (typed) tags.add(typed);
      finish([...tags]);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
