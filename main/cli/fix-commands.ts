import path from 'node:path';
import {
  applyPlan,
  BACKUPS_KEPT,
  ConfigNotWritableError,
  planFix,
  planUndo,
  toolStateDir,
  type ApplyResult,
  type EditPlan,
  type PlanRequest,
} from '../core/config-edit/index.ts';
import { defaultUserConfigPath, systemConfigAfter } from '../core/ssh/default-paths.ts';
import { UserError } from '../core/errors.ts';
import { expandTilde } from '../core/inventory/config-files.ts';
import { sshHome } from '../core/inventory/inventory.ts';
import { assertHostArgument, locateSsh } from '../core/ssh/ssh-client.ts';
import { cliDecision } from './cli-hints.ts';
import { interruptible, type CliIo } from './cli-io.ts';
import { parseCliArgs } from './parse-cli-args.ts';

const OPTIONS = {
  config: { type: 'string', short: 'F' },
  yes: { type: 'boolean', short: 'y' },
  ssh: { type: 'string' },
  'dry-run': { type: 'boolean' },
  // Read by cli-main: the detail of a failure.
  verbose: { type: 'boolean', short: 'v' },
} as const;

/**
 * A lone `-x` where a host belongs gets assertHostArgument's message (a host
 * cannot start with "-") instead of parseArgs' "unknown option"; `--x` is
 * left to parseArgs.
 */
function rejectDashHosts(args: readonly string[], known: readonly string[]): void {
  for (const arg of args) {
    if (arg === '--') return;
    if (arg.startsWith('-') && !arg.startsWith('--') && !known.includes(arg.slice(0, 2)))
      assertHostArgument(arg);
  }
}

interface Common {
  request: Omit<PlanRequest, 'hosts'>;
  yes: boolean;
}

async function common(
  values: { config?: string; ssh?: string; yes?: boolean },
  io: CliIo,
  signal: AbortSignal,
): Promise<Common> {
  const home = sshHome();
  const configFile = path.resolve(expandTilde(values.config ?? defaultUserConfigPath(home), home));
  const ssh = await locateSsh(values.ssh, signal);
  // Without --config the change is proven as `ssh host` reads it: the system config comes after the file.
  const systemConfig = systemConfigAfter(values.config);
  const system = systemConfig === null ? {} : { systemConfig };
  return {
    request: { configFile, ssh, home, signal, stateDir: toolStateDir(home, io.env), ...system },
    yes: values.yes === true,
  };
}

// Ctrl-C cancels the ssh -G runs; applyPlan then removes its temporary file or,
// after the rename, puts the previous content back before giving up.
const INTERRUPTED = 'interrupted; the config is as it was before this command.';

/** `ipqos-doctor fix HOST... [--config FILE] [--dry-run] [--yes] [--ssh PATH]` */
export async function fixCommand(args: string[], io: CliIo): Promise<number> {
  rejectDashHosts(args, ['-F', '-y', '-v']);
  const { values, positionals } = parseCliArgs('fix', args, OPTIONS);
  if (positionals.length === 0) {
    throw new UserError(
      'fix: name the hosts to set IPQoS 0 for.',
      'ipqos-doctor fix HOST... [--config FILE]',
    );
  }
  for (const host of positionals) assertHostArgument(host);
  return interruptible(io, INTERRUPTED, async (signal) => {
    const { request, yes } = await common(values, io, signal);
    const plan = await planFix({ ...request, hosts: positionals });
    printPlan(io, plan);
    // A host only a system file can fix (before 8.7) is not done: exit 2 once the rest is.
    const blocked = plan.hosts.some((host) => host.action === 'blocked') ? 2 : 0;
    if (plan.edits.length === 0) {
      io.out(`Nothing to change in ${plan.configFile}.\n`);
      return blocked;
    }
    if (values['dry-run']) {
      io.out('Dry run: nothing was written.\n');
      return blocked;
    }
    const fixed = plan.hosts.filter((host) => host.action === 'add').map((host) => host.host);
    const undo = `ipqos-doctor undo ${fixed.join(' ')} --config ${plan.configFile}`;
    const code = await confirmAndApply(io, plan, yes, signal, undo);
    return code === 0 ? blocked : code;
  });
}

/** `ipqos-doctor undo [HOST...] [--config FILE] [--dry-run] [--yes] [--ssh PATH]` */
export async function undoCommand(args: string[], io: CliIo): Promise<number> {
  rejectDashHosts(args, ['-F', '-y', '-v']);
  const { values, positionals } = parseCliArgs('undo', args, OPTIONS);
  for (const host of positionals) assertHostArgument(host);
  return interruptible(io, INTERRUPTED, async (signal) => {
    const { request, yes } = await common(values, io, signal);
    const plan = await planUndo({ ...request, hosts: positionals });
    printPlan(io, plan);
    if (plan.edits.length === 0) return 0;
    if (values['dry-run']) {
      io.out('Dry run: nothing was written.\n');
      return 0;
    }
    return confirmAndApply(io, plan, yes, signal, undefined);
  });
}

function printPlan(io: CliIo, plan: EditPlan): void {
  const link = plan.isSymlink ? ` (a symlink; the change goes to ${plan.realPath})` : '';
  io.out(`${plan.kind === 'fix' ? 'IPQoS 0' : 'Undo'} in ${plan.configFile}${link}\n`);
  for (const host of plan.hosts) io.out(`  ${host.host}: ${cliDecision(host)}\n`);
  for (const note of plan.notes) io.out(`  note: ${note}\n`);
  if (plan.edits.length > 0 && !plan.writable.ok) {
    io.out(`  note: ${plan.writable.reason}, so this change can only be made by hand.\n`);
  }
  if (plan.leftOutOfProof.length > 0) {
    const names = plan.leftOutOfProof.map((entry) => `"${entry.alias}"`).join(', ');
    io.out(
      `  note: left out of the ssh -G proof: ${names}. This ssh refuses such names on its command line ` +
        `("${plan.leftOutOfProof[0]?.sshSays ?? ''}"), so it cannot be asked what they read; \`ssh\` with that name cannot be typed either.\n`,
    );
  }
  if (plan.runsMatchExec && plan.edits.length > 0) {
    const commands = plan.matchExec.map((entry) => `"${entry.command}"`).join(', ');
    const { plan: planned, apply } = plan.sshGRuns;
    io.out(
      `  note: this config runs commands (Match exec): ${commands}. ssh runs them each time it reads the config; ` +
        `the proof runs them ${planned + apply} times (ssh -G for each of ${plan.expectations.length} aliases, before and after).\n`,
    );
  }
  if (plan.diff) io.out(`\n${plan.diff}\n`);
  if (plan.edits.length > 0 && plan.writable.ok && plan.exists) {
    io.out(`A backup of the current file goes to ${plan.backupDir} (the newest ${BACKUPS_KEPT} are kept).\n`);
  }
}

async function confirmAndApply(
  io: CliIo,
  plan: EditPlan,
  yes: boolean,
  signal: AbortSignal,
  undoHint: string | undefined,
): Promise<number> {
  if (!plan.writable.ok) throw new ConfigNotWritableError(plan.realPath, plan.writable.reason, plan.manual);
  if (!yes) {
    if (!io.isTty) {
      throw new UserError(
        'Not applying: there is no terminal to confirm on.',
        'Run again with --yes to apply the change above, or with --dry-run to only see it.',
      );
    }
    if (!(await io.confirm(`Apply this change to ${plan.realPath}?`))) {
      io.out('Nothing was written.\n');
      return 0;
    }
  }
  return report(io, plan, await applyPlan(plan, { signal }), undoHint);
}

function report(io: CliIo, plan: EditPlan, result: ApplyResult, undoHint: string | undefined): number {
  const problems = result.problems.map((line) => `  ${line}\n`).join('');
  if (result.status === 'refused') {
    io.err(
      `ipqos-doctor: the change did not pass the ssh -G check on a temporary copy, so ${plan.realPath} was not touched:\n${problems}` +
        '  Add the lines by hand if you still want them, and check with: ssh -G -F FILE HOST | grep ipqos\n',
    );
    return 1;
  }
  if (result.status === 'restored') {
    io.err(
      `ipqos-doctor: ${plan.realPath} failed the ssh -G check after writing, and its previous content was put back:\n${problems}` +
        (result.backupPath ? `  The previous content is also kept in ${result.backupPath}\n` : ''),
    );
    return 1;
  }
  io.out(`Wrote ${plan.realPath}.\n`);
  io.out(
    result.backupPath
      ? `Previous version kept in ${result.backupPath}\n`
      : `${plan.realPath} did not exist before; undo or delete it to go back.\n`,
  );
  const view =
    plan.systemConfig === null ? `ssh -G -F ${plan.configFile}` : `ssh -G with ${plan.systemConfig} after it`;
  const changed = plan.hosts
    .filter((host) => host.action === 'add' || host.action === 'remove')
    .map((h) => h.host);
  io.out(
    `Verified with ${plan.ssh.version.raw.split(',')[0]} (${view}) on ${result.verifiedAliases} alias(es)` +
      (plan.leftOutOfProof.length > 0
        ? ` (${plan.leftOutOfProof.length} left out, see the note above)`
        : '') +
      ': ' +
      (plan.kind === 'fix'
        ? `${changed.join(', ')} now print ipqos cs0 cs0; `
        : `${changed.join(', ')} undone; `) +
      'nothing else changed.\n',
  );
  if (undoHint) io.out(`To undo: ${undoHint}\n`);
  return 0;
}
