/**
 * A deadline that counts from when the work starts, not from when it was
 * queued, and that can be moved closer once a reference run shows how long
 * the work really takes: two ssh runs start together, and when the one with
 * IPQoS 0 finishes, the other's deadline follows from its time.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private started: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private limitMs: number;

  constructor(ms: number) {
    this.signal = this.controller.signal;
    this.limitMs = ms;
  }

  get expired(): boolean {
    return this.signal.aborted;
  }

  /** Starts the clock; call it when the work itself begins. */
  start(): void {
    if (this.started !== undefined) return;
    this.started = performance.now();
    this.arm();
  }

  /** Moves the deadline to `ms` after the start, if that is sooner than the one set. */
  tighten(ms: number): void {
    if (this.expired || ms >= this.limitMs) return;
    this.limitMs = ms;
    if (this.started !== undefined) this.arm();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    const remaining = Math.max(0, this.limitMs - (performance.now() - (this.started ?? 0)));
    this.timer = setTimeout(
      () => this.controller.abort(new DOMException('deadline', 'TimeoutError')),
      remaining,
    );
    this.timer.unref();
  }
}
