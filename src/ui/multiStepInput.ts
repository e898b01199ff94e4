import * as vscode from 'vscode';

/** Thrown when the user goes back a step with the Back button; keeps what was typed so far. */
class GoBack extends Error {
  constructor(readonly typed?: string) {
    super('back');
  }
}

export interface PickStep<T> {
  readonly kind: 'pick';
  readonly prompt: string;
  readonly items: ReadonlyArray<vscode.QuickPickItem & { value: T }>;
}

export interface InputStep {
  readonly kind: 'input';
  readonly prompt: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly validate?: (value: string) => string | undefined;
}

/**
 * A multi-step quick input with a title, "step n of m" and a Back button, as VS Code's own
 * wizards do. Each step is a function of the answers so far; undefined means cancelled.
 */
export async function runSteps(
  title: string,
  steps: ReadonlyArray<(answers: readonly unknown[]) => PickStep<unknown> | InputStep | undefined>,
): Promise<unknown[] | undefined> {
  const answers: unknown[] = [];
  // What was typed in a step left with Back before it was accepted: shown again on return.
  const typed: (string | undefined)[] = [];
  let index = 0;
  while (index < steps.length) {
    const stepAt = steps[index];
    const step = stepAt?.(answers);
    if (!step) {
      answers[index] = undefined;
      index++;
      continue;
    }
    try {
      // A step shown again (after Back) shows the answer given before, not its default.
      const answer = await show(title, step, index + 1, steps.length, typed[index] ?? answers[index]);
      if (answer === undefined) return undefined;
      answers[index] = answer;
      index++;
    } catch (error) {
      if (!(error instanceof GoBack)) throw error;
      typed[index] = error.typed;
      // Skip back over steps that were not shown.
      do {
        index--;
      } while (index > 0 && steps[index]?.(answers) === undefined);
      index = Math.max(index, 0);
    }
  }
  return answers;
}

function show(title: string, step: PickStep<unknown> | InputStep, number: number, total: number, previous: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const disposables: vscode.Disposable[] = [];
    let settled = false;
    // Disposing the widget hides it, which fires onDidHide: settle once, first answer wins.
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      disposables.forEach((d) => d.dispose());
    };
    if (step.kind === 'pick') {
      const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: unknown }>();
      Object.assign(pick, { title, step: number, totalSteps: total, placeholder: step.prompt, items: step.items, ignoreFocusOut: true });
      pick.buttons = number > 1 ? [vscode.QuickInputButtons.Back] : [];
      const chosenBefore = step.items.find((item) => previous !== undefined && item.value === previous);
      if (chosenBefore) pick.activeItems = [chosenBefore];
      disposables.push(
        pick,
        pick.onDidTriggerButton(() => finish(() => reject(new GoBack()))),
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0];
          if (chosen) finish(() => resolve(chosen.value));
        }),
        pick.onDidHide(() => finish(() => resolve(undefined))),
      );
      pick.show();
      return;
    }
    const input = vscode.window.createInputBox();
    const value = typeof previous === 'string' ? previous : (step.value ?? '');
    Object.assign(input, { title, step: number, totalSteps: total, prompt: step.prompt, value, placeholder: step.placeholder ?? '', ignoreFocusOut: true });
    input.buttons = number > 1 ? [vscode.QuickInputButtons.Back] : [];
    disposables.push(
      input,
      input.onDidTriggerButton(() => finish(() => reject(new GoBack(input.value)))),
      input.onDidChangeValue((value) => {
        input.validationMessage = step.validate?.(value);
      }),
      input.onDidAccept(() => {
        const problem = step.validate?.(input.value);
        if (problem) {
          input.validationMessage = problem;
          return;
        }
        const value = input.value.trim();
        finish(() => resolve(value));
      }),
      input.onDidHide(() => finish(() => resolve(undefined))),
    );
    input.show();
  });
}
