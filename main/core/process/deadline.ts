/**
 * A deadline that can be moved closer once a reference run shows how long
 * the work really takes: two ssh runs start together, and when the one with
 * IPQoS 0 finishes, the other's deadline follows from its time.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private limitMs: number;

  constructor(ms: number) {
    this.signal = this.controller.signal;
    this.limitMs = ms;
    this.arm();
  }

  get expired(): boolean {
    return this.signal.aborted;
  }

  /** The deadline in force, in ms from the start. */
  get limit(): number {
    return this.limitMs;
  }

  /** Moves the deadline to `ms` after the start, if that is sooner than now set. */
  tighten(ms: number): void {
    if (this.expired || ms >= this.limitMs) return;
    this.limitMs = ms;
    this.arm();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    const remaining = Math.max(0, this.limitMs - (performance.now() - this.started));
    this.timer = setTimeout(
      () => this.controller.abort(new DOMException('deadline', 'TimeoutError')),
      remaining,
    );
    this.timer.unref();
  }
}
