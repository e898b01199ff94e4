import * as vscode from 'vscode';
import { writeInEditor } from './writeInEditor';

const IN_EDITOR: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Write a Longer Question in an Editor' };

/**
 * The question of an agenda item. A one-line box first (most questions fit); its button opens
 * a Markdown editor for a longer one, with what was typed so far. Undefined when cancelled.
 */
export function askQuestion(title: string, options: { readonly value?: string; readonly placeholder?: string } = {}): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    Object.assign(input, {
      title,
      value: options.value ?? '',
      placeholder: options.placeholder ?? '',
      prompt: 'What do you need help with? For several lines or code, use the editor button above.',
      ignoreFocusOut: true,
      buttons: [IN_EDITOR],
    });
    let settled = false;
    const finish = (answer: Promise<string | undefined> | string | undefined): void => {
      if (settled) return;
      settled = true;
      input.dispose();
      void Promise.resolve(answer).then(resolve, () => resolve(undefined));
    };
    input.onDidChangeValue(() => (input.validationMessage = undefined));
    input.onDidAccept(() => {
      if (!input.value.trim()) {
        input.validationMessage = 'Write the question you want to bring to the sync.';
        return;
      }
      finish(input.value.trim());
    });
    input.onDidTriggerButton(() => finish(writeInEditor(`${title}: write the question in the editor beside (Markdown, as many lines as you need), then choose Done.`, input.value, 'Done')));
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}

