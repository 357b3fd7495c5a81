/**
 * Opening the app again (Finder, Spotlight, `open -a`: `second-instance` and
 * `activate`) during start-up must not be lost: the listeners are registered
 * before the popover loads, and a request made before it is ready is held (one
 * is enough) and carried out once it is. Pure: tested here.
 */
export interface ReopenGate {
  /** The listeners call this. */
  request(): void;
  /** Once the popover is ready: what a reopen does; a held request runs now. */
  open(action: () => void): void;
  /** Whether a request is waiting for `open`. */
  pending(): boolean;
}

export function reopenGate(): ReopenGate {
  let action: (() => void) | null = null;
  let held = false;
  return {
    request() {
      if (action) action();
      else held = true;
    },
    open(next) {
      action = next;
      if (held) {
        held = false;
        next();
      }
    },
    pending: () => held,
  };
}
