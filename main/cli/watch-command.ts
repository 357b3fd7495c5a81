/**
 * `ipqos-doctor watch`: the app's controller without Electron. Same triggers
 * (launch, interval, a wall-clock jump for wake, network change; SIGUSR2 for
 * "check now"), same alert policy, same per-network memory in a state dir. It
 * never edits the config: its notifier prints, its shell actions do nothing.
 */
import path from 'node:path';
import { AppController, HEADLESS_SHELL, type PersistedState } from '../app/app-controller.ts';
import type { AlertNotification, Logger, Notifier, SettingsStore } from '../app/ports.ts';
import { localeLanguages } from '../app/app-language.ts';
import { stateChanges, type StateChange } from '../app/state-changes.ts';
import { UserError } from '../core/errors.ts';
import type { HintCode } from '../core/error-messages.ts';
import { expandTilde } from '../core/inventory/config-files.ts';
import { sshHome } from '../core/inventory/inventory.ts';
import { defaultUserConfigPath } from '../core/ssh/default-paths.ts';
import { JsonStateStore } from '../platform/json-state-store.ts';
import { PollingNetworkMonitor } from '../platform/network-monitor.ts';
import { systemClock } from '../platform/system-clock.ts';
import { WallClockWake } from '../platform/wall-clock-wake.ts';
import { interpolate } from '../shared/interpolate.ts';
import { DEFAULT_SETTINGS, type AppState, type Message, type Settings } from '../shared/ipc-contract.ts';
import type { CliIo } from './cli-io.ts';
import { CLI_HINTS } from './cli-hints.ts';
import { parseCliArgs } from './parse-cli-args.ts';

export const WATCH_MIN_INTERVAL_MS = 10_000;
const WATCH_MAX_INTERVAL_MS = 24 * 3_600_000;
/** Shortens the re-check delay (tests; the default is 45 s). */
export const RECHECK_ENV = 'IPQOS_DOCTOR_RECHECK_MS';

/** `10s`, `5m`, `1h` (at least 10 s, at most 24 h) → milliseconds. */
export function parseInterval(text: string): number {
  const match = /^(\d{1,6})(s|m|h)$/.exec(text.trim());
  const unit = { s: 1000, m: 60_000, h: 3_600_000 };
  const ms = match ? Number(match[1]) * unit[match[2] as keyof typeof unit] : Number.NaN;
  if (!match || ms < WATCH_MIN_INTERVAL_MS || ms > WATCH_MAX_INTERVAL_MS) {
    throw new UserError(
      `--interval must be a duration from 10s to 24h such as 10s, 5m or 1h, not "${text}".`,
      'Run "ipqos-doctor --help" for usage.',
    );
  }
  return ms;
}

/** `$XDG_STATE_HOME/ipqos-doctor`, else `~/.local/state/ipqos-doctor`. */
export function defaultStateDir(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'ipqos-doctor');
  return path.join(home, '.local', 'state', 'ipqos-doctor');
}

/** The watch's settings come from its arguments and are never written anywhere. */
class ArgumentSettings implements SettingsStore {
  #settings: Settings;
  constructor(settings: Settings) {
    this.#settings = settings;
  }
  read(): Settings {
    return { ...this.#settings };
  }
  write(settings: Settings): void {
    this.#settings = { ...settings };
  }
}

type Emit = (type: string, fields: Record<string, unknown>, human: string) => void;

function clockTime(): string {
  return new Date().toTimeString().slice(0, 8);
}

class PrintingNotifier implements Notifier {
  readonly #emit: Emit;
  constructor(emit: Emit) {
    this.#emit = emit;
  }
  isSupported(): boolean {
    return true;
  }
  show(alert: AlertNotification): Promise<{ shown: true }> {
    this.#emit(
      'notification',
      {
        kind: alert.kind,
        hosts: alert.hosts,
        title: alert.title.text,
        body: alert.body.text,
        quiet: alert.quiet,
      },
      `notification: ${alert.title.text} — ${alert.body.text}`,
    );
    return Promise.resolve({ shown: true });
  }
  onClick(): () => void {
    return () => undefined;
  }
}

function describe(change: StateChange): string {
  switch (change.type) {
    case 'check-started':
      return `checking${change.network ? ` on ${change.network}` : ''}…`;
    case 'check-finished': {
      if (change.problem) return `check stopped: ${change.problem}`;
      const counts = new Map<string, number>();
      for (const host of change.hosts) counts.set(host.verdict, (counts.get(host.verdict) ?? 0) + 1);
      const summary = [...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ');
      return `checked ${change.hosts.length} host(s)${change.network ? ` on ${change.network}` : ''}: ${summary || 'none'}`;
    }
    case 'network-changed':
      return `network: ${change.network?.label ?? 'unknown'}`;
    case 'host-changed':
      return `${change.alias}: ${change.from} → ${change.to}${change.summary ? ` — ${change.summary}` : ''}`;
    case 'problem':
      return `problem (${change.kind}): ${change.message}`;
    case 'problem-cleared':
      return 'problem cleared';
  }
}

/**
 * A problem's hint as `watch` says it: the CLI's words where the CLI has a flag for it (`--ssh`), else
 * the core's hint in the user's language (`say`), else its English.
 */
function problemHint(
  params: Message['params'],
  say: ((message: Message) => string) | undefined,
): string | undefined {
  const code = typeof params.hintCode === 'string' ? params.hintCode : undefined;
  const english = typeof params.hint === 'string' ? params.hint : undefined;
  // The error's own params travel nested (`cause.NAME`, config-facts.ts problemParams).
  const own = Object.fromEntries(
    Object.entries(params)
      .filter(([key]) => key.startsWith('cause.'))
      .map(([key, value]) => [key.slice('cause.'.length), value]),
  ) as Record<string, string | number>;
  const flagged = code === undefined ? undefined : CLI_HINTS[code as HintCode];
  if (flagged !== undefined) return interpolate(flagged, own);
  if (code === undefined || english === undefined || say === undefined) return english;
  return say({ code, params: own, text: english });
}

/** `ipqos-doctor watch [--config FILE] [--interval DURATION] [--json] [--state-dir DIR] [--ssh PATH]` */
export async function watchCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs('watch', args, {
    config: { type: 'string', short: 'F' },
    interval: { type: 'string' },
    json: { type: 'boolean' },
    'state-dir': { type: 'string' },
    ssh: { type: 'string' },
  });
  if (positionals.length > 0) {
    throw new UserError(
      `watch checks every host of the config; it takes no host names (got "${positionals.join(' ')}").`,
      'Exclude hosts with a config of their own: ipqos-doctor watch --config FILE',
    );
  }
  const intervalMs = parseInterval(values.interval ?? '15m');
  const home = sshHome();
  const configFile = values.config === undefined ? null : path.resolve(expandTilde(values.config, home));
  const stateDir = path.resolve(expandTilde(values['state-dir'] ?? defaultStateDir(io.env, home), home));
  const recheck = Number(io.env[RECHECK_ENV]);
  const json = values.json === true;

  const emit: Emit = (type, fields, human) => {
    if (json) io.out(`${JSON.stringify({ type, time: new Date().toISOString(), ...fields })}\n`);
    else io.out(`${clockTime()} ${human}\n`);
  };
  const printLog = (message: string, data?: Record<string, unknown>): void =>
    io.err(`ipqos-doctor watch: ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`);
  const log: Logger = {
    info: () => undefined,
    // A problem is already a line (or an event) of its own on stdout.
    warn: (message, data) => (message === 'problem' ? undefined : printLog(message, data)),
    error: printLog,
  };
  const controller = new AppController({
    clock: systemClock,
    network: new PollingNetworkMonitor(),
    power: new WallClockWake(),
    notifier: new PrintingNotifier(emit),
    settings: new ArgumentSettings({ ...DEFAULT_SETTINGS, excludedHosts: [], configFile }),
    store: new JsonStateStore<PersistedState>(path.join(stateDir, 'watch-results.json'), log),
    log,
    core: { home, ...(values.ssh !== undefined ? { ssh: values.ssh } : {}) },
    timing: { intervalMs, ...(recheck >= 1000 ? { recheckDelayMs: recheck } : {}) },
    shell: HEADLESS_SHELL,
    // Notifications and the human lines follow LC_ALL / LC_MESSAGES / LANG, like the app's language setting.
    systemLanguages: () => localeLanguages(io.env),
  });

  let previous: AppState | null = null;
  controller.onState((state) => {
    const say = json ? undefined : (message: Message) => controller.localize(message).text;
    const hint = (params: Message['params']) => problemHint(params, json ? undefined : say);
    for (const change of stateChanges(previous, state, say, hint)) {
      const { type, ...fields } = change;
      emit(type, fields, describe(change));
    }
    previous = state;
  });

  const shown = configFile ?? defaultUserConfigPath(home);
  emit(
    'watch-started',
    { config: shown, intervalMs, stateDir, pid: process.pid },
    `watching the hosts in ${shown} every ${values.interval ?? '15m'} (results in ${stateDir}); Ctrl-C stops`,
  );
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const checkNow = (): void => controller.trigger('manual');
  process.on('SIGUSR2', checkNow);
  try {
    await controller.start();
    const signal = await stopped;
    await controller.stop();
    emit('watch-stopped', { signal }, `stopped (${signal})`);
    return 0;
  } finally {
    process.off('SIGUSR2', checkNow);
    await controller.stop();
  }
}
