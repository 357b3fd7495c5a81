import type { Unsubscribe } from '../app/ports.ts';

/**
 * Listeners behind a poll that runs only while someone listens: the first
 * subscriber starts it, the last one to leave stops it. The timer is unref'd,
 * so a poll alone never keeps a process alive.
 */
export class PolledListeners {
  readonly #listeners = new Set<() => void>();
  readonly #everyMs: number;
  readonly #start: () => void;
  readonly #poll: () => void;
  #timer: NodeJS.Timeout | null = null;

  /** `start` takes the first sample; `poll` compares with it and calls `fire()` on a change. */
  constructor(everyMs: number, start: () => void, poll: () => void) {
    this.#everyMs = everyMs;
    this.#start = start;
    this.#poll = poll;
  }

  add(listener: () => void): Unsubscribe {
    this.#listeners.add(listener);
    if (!this.#timer) {
      this.#start();
      this.#timer = setInterval(this.#poll, this.#everyMs);
      this.#timer.unref();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
      }
    };
  }

  size(): number {
    return this.#listeners.size;
  }

  fire(): void {
    for (const listener of this.#listeners) listener();
  }
}
