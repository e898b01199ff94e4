import * as vscode from 'vscode';

/**
 * A Markdown editor beside the current one, prefilled with `content`, for text longer than an
 * input box holds. `action` (in a notification that stays until answered) takes the text;
 * Discard or closing the notification drops it. The draft is never saved as a file of its own.
 */
export async function writeInEditor(instructions: string, content: string, action: string): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const choice = await vscode.window.showInformationMessage(instructions, action, 'Discard');
  const text = document.getText().trim();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString()) {
        await vscode.window.showTextDocument(document, { viewColumn: group.viewColumn, preview: false });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  }
  return choice === action && text ? text : undefined;
}
