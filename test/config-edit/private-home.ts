/**
 * The CLI without --config, as `ssh host` reads: in a private mount namespace
 * where /etc/passwd gives root a temporary home, so the real ssh and the tool
 * both take `~/.ssh/config` from there and the real one is never touched
 * (ssh takes the home from the passwd entry, not $HOME). As in
 * test/lab/paths-default-config.test.ts. Needs root.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CLI, type CliRun } from '../cli/run-cli.ts';
import { stateDirOf } from './helpers.ts';

/** Makes `dir/home/.ssh` (0700) and a passwd copy naming it root's home; returns the config's path. */
export async function privateHome(dir: string): Promise<{ home: string; configFile: string }> {
  const home = path.join(dir, 'home');
  await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const passwd = await readFile('/etc/passwd', 'utf8');
  await writeFile(
    path.join(dir, 'passwd'),
    passwd.replace(/^root:([^:]*):0:0:([^:]*):[^:]*:/m, `root:$1:0:0:$2:${home}:`),
  );
  return { home, configFile: path.join(home, '.ssh', 'config') };
}

export function runCliAsHome(dir: string, args: readonly string[], timeoutMs = 60_000): Promise<CliRun> {
  const script = 'mount --bind "$1" /etc/passwd && shift && exec "$@"';
  const argv = [
    ...['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', path.join(dir, 'passwd')],
    ...[process.execPath, CLI, ...args],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', argv, {
      env: { ...process.env, HOME: path.join(dir, 'home'), IPQOS_DOCTOR_STATE_DIR: stateDirOf(dir) },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Root is needed for the mount namespace; in CI nothing may be skipped. */
export function needsRoot(t: { skip: (message: string) => void }): boolean {
  if (process.getuid?.() === 0) return false;
  if (process.env.CI === 'true') throw new Error('this test needs root (unshare -m) in CI');
  t.skip('needs root for a private passwd home (unshare -m)');
  return true;
}
