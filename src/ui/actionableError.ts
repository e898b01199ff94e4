/** A command the user can run to fix what went wrong, shown as a button on the error. */
export interface FixAction {
  readonly title: string;
  readonly command: string;
  readonly args?: readonly unknown[];
}

/** An error that names its fix: the message says what happened, the actions what to do. */
export class ActionableError extends Error {
  constructor(
    message: string,
    readonly actions: readonly FixAction[],
    /** Shown as a warning rather than an error when the rest of the product keeps working. */
    readonly severity: 'error' | 'warning' = 'error',
  ) {
    super(message);
    this.name = 'ActionableError';
  }
}
