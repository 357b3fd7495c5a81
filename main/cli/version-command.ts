import { readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { locateSsh } from '../core/ssh/ssh-client.ts';
import type { CliIo } from './cli-io.ts';
import { parseCliArgs } from './parse-cli-args.ts';

/** package.json beside the sources (main/cli) or the build (dist/main/cli). */
async function toolVersion(): Promise<string> {
  for (const up of ['../..', '../../..']) {
    const file = path.resolve(import.meta.dirname, up, 'package.json');
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const json = JSON.parse(text) as { name?: string; version?: string };
    if (json.name === 'ipqos-doctor' && typeof json.version === 'string') return json.version;
  }
  return 'unknown';
}

/** The executable a bare name runs, found on PATH the way the shell would. */
async function onPath(bin: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (bin.includes('/')) return path.resolve(bin);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, bin);
    if (
      await access(file, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return null;
}

/** `ipqos-doctor --version [--ssh PATH]`: this tool's version, and the ssh it would use with its version. */
export async function versionCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs('--version', args, {
    version: { type: 'boolean' },
    ssh: { type: 'string' },
  });
  io.out(`ipqos-doctor ${await toolVersion()} (Node ${process.versions.node})\n`);
  const bin = values.ssh ?? 'ssh';
  const where = (await onPath(bin, io.env)) ?? bin;
  try {
    const ssh = await locateSsh(bin);
    io.out(`ssh: ${where} (${ssh.version.raw})\n`);
    return 0;
  } catch (error) {
    io.out(`ssh: ${where} cannot be used: ${(error as Error).message}\n`);
    return 2;
  }
}
