import { UserError } from '../core/errors.ts';
import { cliHint } from './cli-hints.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { COMMAND_USAGE, USAGE, type CommandName } from './cli-usage.ts';
import { environmentFault } from './environment-fault.ts';

export { USAGE } from './cli-usage.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Loaded on use: `check` need not compile the fix or the watch controller. */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  check: async () => (await import('./check-command.ts')).checkCommand,
  fix: async () => (await import('./fix-commands.ts')).fixCommand,
  undo: async () => (await import('./fix-commands.ts')).undoCommand,
  watch: async () => (await import('./watch-command.ts')).watchCommand,
};

const isCommand = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.hasOwn(COMMANDS, name);

/** The options before a `--` (after it, everything is a host name). */
function optionsOf(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    if (name === 'help' && isCommand(rest[0])) {
      io.out(COMMAND_USAGE[rest[0]]);
      return 0;
    }
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const verbose = optionsOf(argv).some((arg) => arg === '--verbose' || arg === '-v');
  try {
    if (name === '--version' || name === '-V') {
      return await (await import('./version-command.ts')).versionCommand(argv, io);
    }
    if (!isCommand(name)) {
      io.err(`ipqos-doctor: unknown command "${name}".\n\n${USAGE}`);
      return 2;
    }
    if (optionsOf(rest).some((arg) => arg === '--help' || arg === '-h')) {
      io.out(COMMAND_USAGE[name]);
      return 0;
    }
    return await (
      await COMMANDS[name]()
    )(rest, io);
  } catch (error) {
    return reportError(io, error, verbose);
  }
}

/** One message, never a stack unless asked for: 2 for what the user can fix, 70 for a bug. */
function reportError(io: CliIo, error: unknown, verbose: boolean): number {
  const detail = (): string =>
    verbose
      ? `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
      : '  Run the command again with --verbose for the details.\n';
  if (error instanceof UserError) {
    const hint = cliHint(error);
    io.err(`ipqos-doctor: ${error.message}\n${hint ? `  ${hint}\n` : ''}`);
    return 2;
  }
  const fault = environmentFault(error);
  if (fault) {
    io.err(`ipqos-doctor: ${fault.what}\n  ${fault.next}\n${detail()}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(
    `ipqos-doctor: unexpected error: ${message.split('\n')[0]}\n` +
      '  This is a bug of ipqos-doctor; please report it with what the same command prints with --verbose.\n' +
      detail(),
  );
  return 70;
}

/** Runs the command line in this process: its arguments, its streams, its exit code. */
export async function runFromProcess(): Promise<number> {
  return main(process.argv.slice(2), processIo());
}
