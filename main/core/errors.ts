/** Parameters of a coded message: values, never English. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** What a UserError carries besides its English text: a stable code each layer translates. */
export interface UserErrorCode {
  /** A stable id (`core.error.…`); once shipped it keeps its meaning. */
  readonly code: string;
  readonly params?: ErrorParams;
  /**
   * What the user can do next, as a code (`core.hint.…`): the CLI says it with its flag, the app with its
   * button. Absent when there is nothing to add.
   */
  readonly hintCode?: string;
}

/**
 * An error the user can act on: bad usage or unreadable input. The CLI prints
 * `message` and `hint` and exits 2; the app shows them in its window.
 * `code`/`params`/`hintCode` say the same as a code (issue 16 §2), so no layer
 * has to parse the English.
 */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly code: string;
  readonly params: ErrorParams;
  readonly hintCode: string | undefined;

  constructor(message: string, hint?: string, coded?: UserErrorCode) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
    this.code = coded?.code ?? 'core.error.generic';
    this.params = coded?.params ?? {};
    this.hintCode = coded?.hintCode;
  }
}

/** Thrown when an AbortSignal ends the work; never a verdict. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The check was cancelled', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
