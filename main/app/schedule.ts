/**
 * When checks run: the re-armable timers (interval, re-check, network settle,
 * end of a mute) and the run queue — never two checks at once, and a trigger
 * during a run queues at most one more, merged with what is already queued.
 */
import type { CheckMode } from '../shared/ipc-contract.ts';
import type { Clock } from './ports.ts';

export type TriggerReason = 'launch' | 'interval' | 'wake' | 'network' | 'manual';

export interface RunRequest {
  reason: TriggerReason | 'recheck' | 'after-fix';
  /** A mode for every host (Check now with a mode); otherwise screen, and a session where one is due. */
  mode?: CheckMode;
  /** Only these hosts (a re-check, after a fix); otherwise every host not excluded. */
  hosts?: string[];
}

const MODE_RANK: Record<CheckMode, number> = { screen: 0, session: 1, thorough: 2 };

/**
 * A trigger during a run queues at most one more run, which covers both. A
 * run of every host absorbs a run of a few; a mode asked for a few hosts (a
 * session after a fix) is not forced on all of them.
 */
export function mergeRequests(queued: RunRequest | null, next: RunRequest): RunRequest {
  if (!queued) return next;
  const parts = [queued, next];
  const full = parts.filter((part) => part.hosts === undefined);
  const hosts = full.length > 0 ? undefined : [...new Set(parts.flatMap((part) => part.hosts ?? []))];
  const modes = (full.length > 0 ? full : parts).flatMap((part) => (part.mode ? [part.mode] : []));
  const mode = modes.sort((a, b) => MODE_RANK[b] - MODE_RANK[a])[0];
  const reason = (full.at(-1) ?? next).reason;
  return { reason, ...(mode ? { mode } : {}), ...(hosts ? { hosts } : {}) };
}

/** One timer that re-arming replaces: the one copy of "cancel, set, clear when it fires". */
export class Timer {
  readonly #clock: Clock;
  #cancel: (() => void) | null = null;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get armed(): boolean {
    return this.#cancel !== null;
  }

  arm(ms: number, fire: () => void): void {
    this.cancel();
    const cancel = this.#clock.setTimer(() => {
      if (this.#cancel === cancel) this.#cancel = null;
      fire();
    }, ms);
    this.#cancel = cancel;
  }

  cancel(): void {
    this.#cancel?.();
    this.#cancel = null;
  }
}

export class Schedule {
  readonly interval: Timer;
  readonly recheck: Timer;
  readonly network: Timer;
  readonly muteEnd: Timer;
  readonly #run: (request: RunRequest) => Promise<void>;
  readonly #onQueued: () => void;
  readonly #mayRun: () => boolean;
  #queued: RunRequest | null = null;
  #loop: Promise<void> | null = null;
  #stopped = false;

  /**
   * `run` does one check; `onQueued` tells the state a run now follows the current one; while
   * `mayRun` says no (issue 17: the first-run view is not answered yet), no request starts or queues.
   */
  constructor(
    clock: Clock,
    run: (request: RunRequest) => Promise<void>,
    onQueued: () => void,
    mayRun: () => boolean = () => true,
  ) {
    this.interval = new Timer(clock);
    this.recheck = new Timer(clock);
    this.network = new Timer(clock);
    this.muteEnd = new Timer(clock);
    this.#run = run;
    this.#onQueued = onQueued;
    this.#mayRun = mayRun;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** A run waits behind the current one. */
  get queued(): boolean {
    return this.#queued !== null;
  }

  request(request: RunRequest): { started: boolean; queued: boolean } {
    if (this.#stopped || !this.#mayRun()) return { started: false, queued: false };
    if (this.#loop) {
      this.#queued = mergeRequests(this.#queued, request);
      this.#onQueued();
      return { started: false, queued: true };
    }
    this.#loop = this.#drain(request).finally(() => {
      this.#loop = null;
    });
    return { started: true, queued: false };
  }

  async #drain(first: RunRequest): Promise<void> {
    let next: RunRequest | null = first;
    while (next && !this.#stopped) {
      await this.#run(next);
      next = this.#queued;
      this.#queued = null;
    }
  }

  /** The run waiting behind the current one is dropped (Stop). */
  dropQueued(): void {
    this.#queued = null;
  }

  /** Resolves once no check runs and none is queued. */
  async whenIdle(): Promise<void> {
    while (this.#loop) await this.#loop.catch(() => undefined);
  }

  /** Arms `timer` unless stopped; a delay that is not positive leaves it cancelled. */
  arm(timer: Timer, ms: number, fire: () => void): void {
    if (this.#stopped || !(ms > 0)) timer.cancel();
    else timer.arm(ms, fire);
  }

  /** The next scheduled check, `ms` from now (re-armed: a run of every host restarts the interval). */
  armInterval(ms: number): void {
    this.arm(this.interval, ms, () => this.request({ reason: 'interval' }));
  }

  /** Network changes come in bursts (Wi-Fi flaps, DHCP, VPN): one check once they settle for `ms`. */
  settleNetwork(ms: number): void {
    this.arm(this.network, ms, () => this.request({ reason: 'network' }));
  }

  /** `onEnd` when a mute runs out (`leftMs` from now; none when it is over or there is none). */
  armMuteEnd(leftMs: number, onEnd: () => void): void {
    this.arm(this.muteEnd, leftMs, onEnd);
  }

  /**
   * One re-check of the hosts whose change waits for one: armed once, not pushed back by later
   * runs; cancelled when nothing waits. No forced mode: the screen sees a path break, and a
   * suspected server-side host logs in anyway.
   */
  armRecheck(waiting: () => string[], delayMs: number): void {
    if (waiting().length === 0) return this.recheck.cancel();
    if (this.recheck.armed) return;
    this.arm(this.recheck, delayMs, () => {
      const hosts = waiting();
      if (hosts.length > 0) this.request({ reason: 'recheck', hosts });
    });
  }

  /** No timer fires and nothing more runs (the current run ends on its own: `whenIdle`). */
  stop(): void {
    this.#stopped = true;
    this.#queued = null;
    for (const timer of [this.interval, this.recheck, this.network, this.muteEnd]) timer.cancel();
  }
}
