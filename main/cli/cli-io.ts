import { createInterface } from 'node:readline/promises';

/** What a command may touch: its streams, its environment, a y/N prompt. Tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when the user is at a terminal: colour, progress and prompts are allowed. */
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  /** Asks a yes/no question; resolves false on anything but y/yes. */
  confirm: (question: string) => Promise<boolean>;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true && process.stdin.isTTY === true,
    env: process.env,
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
      } finally {
        rl.close();
      }
    },
  };
}

/** How long Ctrl-C waits for the work to stop on its own before the process exits anyway. */
export const INTERRUPT_GRACE_MS = 800;

/**
 * Runs a command with Ctrl-C wired to an AbortSignal: the work stops what it
 * started, and the user reads what state things were left in (exit 130). If
 * the work has not ended within INTERRUPT_GRACE_MS (a read the signal cannot
 * reach), the process exits anyway: Ctrl-C always ends a command within a
 * second (issue 15 §1). A second Ctrl-C is the default one.
 */
export async function interruptible(
  io: CliIo,
  message: string,
  work: (signal: AbortSignal) => Promise<number>,
): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => {
    controller.abort(new DOMException('Interrupted', 'AbortError'));
    setTimeout(() => {
      io.err(`ipqos-doctor: ${message}\n`);
      process.exit(130);
    }, INTERRUPT_GRACE_MS).unref();
  };
  process.once('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    io.err(`ipqos-doctor: ${message}\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
