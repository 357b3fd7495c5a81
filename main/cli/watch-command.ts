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
import { expandTilde } from '../core/inventory/config-files.ts';
import { sshHome } from '../core/inventory/inventory.ts';
import { defaultUserConfigPath } from '../core/ssh/default-paths.ts';
import { JsonStateStore } from '../platform/json-state-store.ts';
import { PollingNetworkMonitor } from '../platform/network-monitor.ts';
import { systemClock } from '../platform/system-clock.ts';
import { WallClockWake } from '../platform/wall-clock-wake.ts';
import { DEFAULT_SETTINGS, type AppState, type Message, type Settings } from '../shared/ipc-contract.ts';
import { cliHintText } from './cli-hints.ts';
import type { CliIo } from './cli-io.ts';
import { localeWords, type CliWords } from './cli-words.ts';
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

function describe(change: StateChange, words: CliWords): string {
  switch (change.type) {
    case 'check-started':
      return change.network
        ? words.say('cli.watch.checking-on', { network: change.network })
        : words.say('cli.watch.checking');
    case 'check-finished': {
      if (change.problem) return words.say('cli.watch.check-stopped', { problem: change.problem });
      const counts = new Map<string, number>();
      for (const host of change.hosts) counts.set(host.verdict, (counts.get(host.verdict) ?? 0) + 1);
      const said = [...counts].map(([verdict, count]) =>
        words.say('cli.count', { count, verdict: words.status(verdict) }),
      );
      const params = { count: change.hosts.length, summary: words.list(said) || words.say('cli.watch.none') };
      return change.network
        ? words.say('cli.watch.checked-on', { ...params, network: change.network })
        : words.say('cli.watch.checked', params);
    }
    case 'network-changed':
      return words.say('cli.watch.network', {
        label: change.network?.label ?? words.say('cli.watch.unknown'),
      });
    case 'host-changed':
      return `${change.alias}: ${words.status(change.from)} → ${words.status(change.to)}${change.summary ? ` — ${change.summary}` : ''}`;
    case 'problem':
      return `problem (${change.kind}): ${change.message}`;
    case 'problem-cleared':
      return words.say('cli.watch.problem-cleared');
  }
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
  const words = localeWords(io.env);

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
    // Running `watch` is the consent; it logs in daily, as its --help says (issue 17's policy).
    settings: new ArgumentSettings({
      ...DEFAULT_SETTINGS,
      excludedHosts: [],
      configFile,
      loginPolicy: 'daily',
    }),
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
    for (const change of stateChanges(previous, state, say, cliHintText)) {
      const { type, ...fields } = change;
      emit(type, fields, describe(change, words));
    }
    previous = state;
  });

  const shown = configFile ?? defaultUserConfigPath(home);
  emit(
    'watch-started',
    { config: shown, intervalMs, stateDir, pid: process.pid },
    words.say('cli.watch.started', { config: shown, interval: values.interval ?? '15m', stateDir }),
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
    emit('watch-stopped', { signal }, words.say('cli.watch.stopped', { signal }));
    return 0;
  } finally {
    process.off('SIGUSR2', checkNow);
    await controller.stop();
  }
}
