import { UserError } from '../core/errors.ts';
import { cliHint } from './cli-hints.ts';
import { processIo, type CliIo } from './cli-io.ts';

export const USAGE = `Usage:
  ipqos-doctor check [HOST...] [--config FILE] [--json] [--concurrency N]
                     [--mode screen|session|thorough] [--thorough] [--verbose] [--ssh PATH]
  ipqos-doctor fix HOST... [--config FILE] [--dry-run] [--yes] [--ssh PATH]
  ipqos-doctor undo [HOST...] [--config FILE] [--dry-run] [--yes] [--ssh PATH]
  ipqos-doctor watch [--config FILE] [--interval DURATION] [--json] [--state-dir DIR]
                     [--ssh PATH]

Finds the ssh hosts whose connections break when the IP TOS/DSCP byte changes,
and sets IPQoS 0 for them in your ssh config (previewed, verified, reversible).

Exit status: 0 all good, 1 a host needs IPQoS 0 (check) or a fix failed and was
rolled back (fix/undo), 2 bad usage or unreadable input, 3 (check) no host needs
IPQoS 0 but one breaks on its server's own marking (for the server's admin).
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Loaded on use: `check` need not compile the fix or the watch controller. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check-command.ts')).checkCommand,
  fix: async () => (await import('./fix-commands.ts')).fixCommand,
  undo: async () => (await import('./fix-commands.ts')).undoCommand,
  watch: async () => (await import('./watch-command.ts')).watchCommand,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`ipqos-doctor: unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    if (error instanceof UserError) {
      const hint = cliHint(error);
      io.err(`ipqos-doctor: ${error.message}\n${hint ? `  ${hint}\n` : ''}`);
      return 2;
    }
    io.err(
      `ipqos-doctor: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}

/** Runs the command line in this process: its arguments, its streams, its exit code. */
export async function runFromProcess(): Promise<number> {
  return main(process.argv.slice(2), processIo());
}
