/**
 * Wake from sleep without Electron's powerMonitor: the monotonic clock stands
 * still while the machine sleeps and the wall clock does not, so a wall-clock
 * jump well beyond the monotonic time passed means the machine slept (or the
 * clock was set), and the network may be another one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { PowerEvents, Unsubscribe } from '../app/ports.ts';
import { PolledListeners } from './polled-listeners.ts';

export interface WallClockWakeOptions {
  checkEveryMs?: number;
  /** How far the wall clock must run ahead of the monotonic one to count as a wake. */
  jumpMs?: number;
  wall?: () => number;
  monotonic?: () => number;
}

export class WallClockWake implements PowerEvents {
  readonly #jumpMs: number;
  readonly #wall: () => number;
  readonly #monotonic: () => number;
  readonly #listeners: PolledListeners;
  #last = { wall: 0, monotonic: 0 };

  constructor(options: WallClockWakeOptions = {}) {
    this.#jumpMs = options.jumpMs ?? 20_000;
    this.#wall = options.wall ?? Date.now;
    this.#monotonic = options.monotonic ?? (() => performance.now());
    this.#listeners = new PolledListeners(
      options.checkEveryMs ?? 5000,
      () => (this.#last = { wall: this.#wall(), monotonic: this.#monotonic() }),
      () => this.sample(),
    );
  }

  onWake(listener: () => void): Unsubscribe {
    return this.#listeners.add(listener);
  }

  /** One comparison of the two clocks (the timer calls it; tests may too). */
  sample(): void {
    const now = { wall: this.#wall(), monotonic: this.#monotonic() };
    const drift = now.wall - this.#last.wall - (now.monotonic - this.#last.monotonic);
    this.#last = now;
    if (Math.abs(drift) >= this.#jumpMs) this.#listeners.fire();
  }

  onBattery(): boolean {
    return onBatteryLinux();
  }
}

/** Linux: a mains supply exists and none is online. Elsewhere (or unknown): false, assume mains. */
export function onBatteryLinux(root = '/sys/class/power_supply'): boolean {
  try {
    const supplies = readdirSync(root).map((name) => {
      const read = (file: string): string => {
        try {
          return readFileSync(path.join(root, name, file), 'utf8').trim();
        } catch {
          return '';
        }
      };
      return { type: read('type'), online: read('online') };
    });
    const mains = supplies.filter((supply) => supply.type === 'Mains');
    return mains.length > 0 && mains.every((supply) => supply.online === '0');
  } catch {
    return false;
  }
}
