import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Kill the whole process group after this many milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

export interface RunResult {
  exitCode: number | null;
  /** The signal that ended the process, if any. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: NodeJS.ErrnoException;
}

/**
 * Runs a program without a shell and collects its output. The child leads its
 * own process group so a timeout or an abort kills everything it started
 * (ssh may run a ProxyCommand or a ProxyJump `ssh -W` of its own).
 */
export function runProcess(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const child = spawn(file, args, {
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup();
          }, options.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // A grandchild (ProxyCommand) may outlive ssh; never leave it behind.
      if (exitCode === null || timedOut || aborted) killGroup();
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        aborted,
        durationMs: Math.round(performance.now() - started),
        ...(spawnError ? { spawnError: spawnError as NodeJS.ErrnoException } : {}),
      });
    };
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
