/**
 * An event source for route changes where one is cheap: on macOS a long-lived
 * `route -n monitor` child, which prints a message for each change of the
 * routing table (routing socket, route(8)). Its output only wakes the
 * network poll, which decides; the child is started with the first listener
 * and ended with the last, and if it cannot start or dies the poll alone
 * carries on (it never stops). No shell, no parsing beyond "something moved".
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RouteEventSource {
  /** Starts watching; `wake` is called (at most once per `throttleMs`) when routes change. */
  start(wake: () => void): void;
  stop(): void;
}

export interface RouteMonitorOptions {
  command: string;
  args: string[];
  /** Bursts (a VPN adds a dozen routes) make one wake. */
  throttleMs?: number;
}

/** macOS's route(8); elsewhere nothing (Linux reads /proc/net/route in-process on every poll). */
export function defaultRouteMonitor(
  platform: NodeJS.Platform = process.platform,
): RouteMonitorOptions | null {
  return platform === 'darwin' ? { command: '/sbin/route', args: ['-n', 'monitor'] } : null;
}

export function routeEventSource(options: RouteMonitorOptions): RouteEventSource {
  const throttleMs = options.throttleMs ?? 500;
  let child: ChildProcess | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  return {
    start(wake) {
      if (child) return;
      stopped = false;
      const started = spawn(options.command, options.args, { stdio: ['ignore', 'pipe', 'ignore'] });
      child = started;
      // Never keeps the process alive by itself: the app's own lifetime decides.
      started.unref();
      // The pipe is a net.Socket, which has unref (the Readable type does not say so).
      (started.stdout as unknown as { unref?: () => void } | null)?.unref?.();
      started.on('error', () => (child = null)); // not there: the poll alone
      started.on('exit', () => {
        if (child === started) child = null;
      });
      started.stdout?.on('data', () => {
        if (timer || stopped) return;
        timer = setTimeout(() => {
          timer = null;
          if (!stopped) wake();
        }, throttleMs);
        timer.unref();
      });
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      child?.kill();
      child = null;
    },
  };
}
