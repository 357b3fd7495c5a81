/** `ipqos-doctor watch` as a child process, its JSON Lines events read as they come. */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../cli/run-cli.ts';

export interface WatchEvent {
  type: string;
  time: string;
  [field: string]: unknown;
}

export class WatchProcess {
  readonly child: ChildProcess;
  readonly events: WatchEvent[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #buffer = '';
  #waiters: (() => void)[] = [];

  /** Every line of stdout, as printed (human output has no events). */
  readonly lines: string[] = [];

  constructor(args: readonly string[], env: NodeJS.ProcessEnv = {}, json = true) {
    this.child = spawn(process.execPath, [CLI, 'watch', ...(json ? ['--json'] : []), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.#buffer += chunk.toString();
      const lines = this.#buffer.split('\n');
      this.#buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        this.lines.push(line);
        if (json) this.events.push(JSON.parse(line) as WatchEvent);
      }
      this.#waiters.splice(0).forEach((wake) => wake());
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.#waiters.splice(0).forEach((wake) => wake());
        resolve({ code, signal });
      });
    });
  }

  /** Waits for the `count`-th event (from `from` on) that matches; fails with what was seen. */
  async waitFor(
    match: (event: WatchEvent) => boolean,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<WatchEvent> {
    const deadline = performance.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const found = this.events.slice(options.from ?? 0).find(match);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null || performance.now() > deadline) {
        throw new Error(
          `watch: the event did not come. Events:\n${this.events.map((e) => JSON.stringify(e)).join('\n')}\nstderr:\n${this.stderr}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Asks for a check now (SIGUSR2) and waits for the check it runs to finish; returns its event. */
  async checkNow(): Promise<WatchEvent> {
    const from = this.events.length;
    this.child.kill('SIGUSR2');
    await this.waitFor((event) => event.type === 'check-started', { from });
    return this.waitFor((event) => event.type === 'check-finished', { from });
  }

  /** Stops it with a signal; resolves with the exit and how long it took. */
  async stop(signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
    const started = performance.now();
    this.child.kill(signal);
    const { code } = await this.exited;
    return { code, ms: performance.now() - started };
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
