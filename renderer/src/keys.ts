/** The popover's timing and keys that several views share (no view imports app.tsx). */

/** A toast goes away by itself after this long; an error stays until dismissed. */
export const TOAST_MS = 4000;

/** Esc and ⌘. cancel, as in every Mac dialog. */
export function isCancelKey(event: KeyboardEvent): boolean {
  return event.key === 'Escape' || (event.metaKey && event.key === '.');
}
