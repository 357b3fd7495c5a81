// Starts the packaged app itself — "IPQoS Doctor.app/Contents/MacOS/IPQoS Doctor" — and checks that it
// comes up: its log says `ready`, a check ran (which loads the core's worker from app.asar), no error was
// logged, the IPQOS_TEST_* switches did nothing, and it quits on SIGTERM. Only this binary has the flipped
// fuses, the asar-only loading and the ad-hoc or Developer ID signature; Playwright cannot drive it (the
// enableNodeCliInspectArguments fuse is off), so this watches the log instead.
// macOS only (the macOS workflows run it after verify-app.ts):
//   node build/scripts/launch-packaged.ts "release/mac-arm64/IPQoS Doctor.app"
// It points the app at a temporary ssh config through settings.json, and only where the app has no data
// folder yet (a fresh runner); elsewhere it leaves the user's settings alone and checks `ready` only.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT = 'IPQoS Doctor';

/** What the new part of the log shows is wrong; empty when the app came up as it should. */
export function launchLogProblems(log: string, expectCheck: boolean): string[] {
  const problems: string[] = [];
  const lines = log.split('\n').filter((line) => line.trim() !== '');
  if (!lines.some((line) => /\bready \{.*"packaged":true/.test(line)))
    problems.push('the log never says `ready` from the packaged app');
  if (expectCheck && !lines.some((line) => /\bcheck finished\b/.test(line)))
    problems.push('no check finished (the core worker did not run from app.asar?)');
  for (const line of lines.filter((line) => /\[error\]/.test(line))) problems.push(`logged: ${line}`);
  return problems;
}

function wait(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

async function main(appPath: string): Promise<number> {
  const executable = join(appPath, 'Contents', 'MacOS', PRODUCT);
  if (!existsSync(executable)) {
    console.error(`launch-packaged: no ${executable}`);
    return 2;
  }
  const home = userInfo().homedir;
  const dataDir = join(home, 'Library', 'Application Support', PRODUCT);
  const logFile = join(home, 'Library', 'Logs', PRODUCT, 'main.log');
  const temp = mkdtempSync(join(tmpdir(), 'ipqos-launch-'));
  const ignored = join(temp, 'ignored-user-data');
  const fresh = !existsSync(dataDir);
  if (fresh) {
    // One host on a closed loopback port: the check has something to do and reaches nothing outside.
    const config = join(temp, 'ssh_config');
    writeFileSync(config, 'Host launch-check\n  HostName 127.0.0.1\n  Port 9\n', { mode: 0o600 });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify({ configFile: config })}\n`);
  }
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const child = spawn(executable, [], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // Switches a development run honours: the installed app must not (test-hooks.ts).
    env: { ...process.env, IPQOS_TEST_HOOKS: '1', IPQOS_TEST_USER_DATA: ignored },
  });
  let exited: string | null = null;
  child.on('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  const newLog = (): string =>
    existsSync(logFile) ? readFileSync(logFile).subarray(logStart).toString() : '';

  let problems: string[];
  const deadline = Date.now() + 120_000;
  for (;;) {
    await wait(1000);
    problems = launchLogProblems(newLog(), fresh);
    if (problems.length === 0 || exited || Date.now() > deadline) break;
  }
  if (exited) problems.push(`the app ended on its own (${exited})`);
  if (existsSync(ignored)) problems.push('IPQOS_TEST_USER_DATA was honoured by the installed app');
  if (!exited) {
    // Electron quits gracefully on SIGTERM (before-quit and all: electron/electron
    // shell/browser/electron_browser_main_parts_posix.cc, SIGTERMHandler → GracefulShutdownHandler).
    child.kill('SIGTERM');
    for (let i = 0; i < 20 && !exited; i++) await wait(500);
    if (!exited) {
      problems.push('the app did not quit within 10 s of SIGTERM');
      child.kill('SIGKILL');
    }
  }
  console.log(`launch-packaged: log ${logFile}:\n${newLog()}`);
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
  for (const problem of problems) console.error(`launch-packaged: ${problem}`);
  if (problems.length === 0) console.log(`launch-packaged: ${appPath} starts, checks and quits`);
  return problems.length === 0 ? 0 : 1;
}

if (import.meta.main) {
  const appPath = process.argv[2];
  if (!appPath || process.platform !== 'darwin') {
    console.error('usage (macOS): node build/scripts/launch-packaged.ts "path/to/IPQoS Doctor.app"');
    process.exit(2);
  }
  process.exitCode = await main(resolve(appPath));
}
