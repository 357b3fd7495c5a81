/**
 * The app without Electron: when to check, what to remember per network,
 * when to notify, and the fix/undo flow behind a confirmation. The Electron
 * adapters, the preview server and `ipqos-doctor watch` all drive this one
 * class through its ports and `handle`.
 */
import path from 'node:path';
import * as v from 'valibot';
import { applyPlan } from '../core/config-edit/apply-plan.ts';
import { planFix, planUndo, type EditPlan } from '../core/config-edit/edit-plan.ts';
import { DEFAULT_SYSTEM_CONFIG } from '../core/config-edit/system-config.ts';
import { UserError, isAbortError } from '../core/errors.ts';
import { sshHome } from '../core/inventory/inventory.ts';
import { locateSsh, type SshClient } from '../core/ssh/ssh-client.ts';
import { readFile } from 'node:fs/promises';
import {
  HOST_STATUSES,
  SettingsSchema,
  type AppState,
  type CheckMode,
  type EditOutcome,
  type EditPreview,
  type InvokeChannel,
  type Message,
  type RequestOf,
  type ResponseOf,
  type Settings,
} from '../shared/ipc-contract.ts';
import { alertNotification, problemNotification } from './alert-notifications.ts';
import { RECHECK_DELAY_MS, RECHECK_MIN_MS, evaluateAlerts, type PendingChange } from './alert-policy.ts';
import { appMessage, listAliases } from './app-messages.ts';
import { aliasesFixedByTool, configAliases, runCoreCheck, type HostResult } from './core-check.ts';
import { changedHosts, planHash, toOutcome, toPreview } from './edit-preview.ts';
import { applyResult, hostView, needsSession } from './host-status.ts';
import { IpcFailure } from './ipc-failure.ts';
import { allowedSessionHosts, consentNeeded } from './login-consent.ts';
import {
  emptyPersistedState,
  parsePersistedState,
  type NetworkResults,
  type PersistedState,
} from './network-results.ts';
import type {
  AlertNotification,
  Clock,
  Logger,
  NetworkFingerprint,
  NetworkMonitor,
  Notifier,
  PowerEvents,
  SettingsStore,
  StateStore,
  Unsubscribe,
} from './ports.ts';
import { hostReportMarkdown } from './report-markdown.ts';
import { trayStateOf } from './tray-model.ts';
import { runCoreCheckInWorker } from './worker-core-check.ts';

export type { PersistedState } from './network-results.ts';

export interface ControllerDeps {
  clock: Clock;
  network: NetworkMonitor;
  power?: PowerEvents;
  notifier: Notifier;
  settings: SettingsStore;
  store: StateStore<PersistedState>;
  log: Logger;
  /**
   * Passed to checkHosts / planFix. `runner: 'worker'` runs each check in a
   * worker thread, so the ssh spawns never stall this thread's event loop.
   */
  core?: { ssh?: string; home?: string; runner?: 'in-process' | 'worker' };
  /**
   * Overrides for `watch` and tests: the interval (watch takes seconds, the
   * app's setting whole minutes) and the re-check delay.
   */
  timing?: { intervalMs?: number; recheckDelayMs?: number };
  /** Platform actions; no-ops or logs outside Electron. */
  shell: {
    openLog(): Promise<void>;
    openSystemSettings(pane: 'menu-bar' | 'notifications'): Promise<void>;
    hideWindow(): void;
    setLaunchAtLogin(on: boolean): void;
    /** Issue 17: the popover's ⋯ menu (Check for Updates…, About, Quit) and Show in Finder. */
    appMenu?(item: 'check-updates' | 'about' | 'quit'): void;
    showInFinder?(path: string): Promise<void>;
    /** Issue 17: the popover window's height to fit its content (capped at its maximum). */
    fitHeight?(height: number): void;
  };
}

/** The platform actions where there is no window, log viewer or login item (`watch`, tests): none. */
export const HEADLESS_SHELL: ControllerDeps['shell'] = Object.freeze({
  openLog: () => Promise.resolve(),
  openSystemSettings: () => Promise.resolve(),
  hideWindow: () => undefined,
  setLaunchAtLogin: () => undefined,
});

export type TriggerReason = 'launch' | 'interval' | 'wake' | 'network' | 'manual';

/** Network changes come in bursts (Wi-Fi flaps, DHCP, VPN): one check once it settles. */
export const NETWORK_DEBOUNCE_MS = 3000;
/** The popover's progress ("12 of 30") updates at most this often. */
export const PROGRESS_EVERY_MS = 100;
/** On battery the schedule stretches by this factor. */
export const BATTERY_STRETCH = 2;

export interface RunRequest {
  reason: TriggerReason | 'recheck' | 'after-fix';
  /** A mode for every host (Check now with a mode); otherwise screen, and a session where one is due. */
  mode?: CheckMode;
  /** Only these hosts (a re-check, after a fix); otherwise every host not excluded. */
  hosts?: string[];
}

interface Problem {
  kind: 'ssh-missing' | 'config-unreadable' | 'no-hosts' | 'check-failed';
  message: Message;
}

const MODE_RANK: Record<CheckMode, number> = { screen: 0, session: 1, thorough: 2 };

/**
 * A trigger during a run queues at most one more run, which covers both. A
 * run of every host absorbs a run of a few; a mode asked for a few hosts (a
 * session after a fix) is not forced on all of them.
 */
export function mergeRequests(queued: RunRequest | null, next: RunRequest): RunRequest {
  if (!queued) return next;
  const parts = [queued, next];
  const full = parts.filter((part) => part.hosts === undefined);
  const hosts = full.length > 0 ? undefined : [...new Set(parts.flatMap((part) => part.hosts ?? []))];
  const modes = (full.length > 0 ? full : parts).flatMap((part) => (part.mode ? [part.mode] : []));
  const mode = modes.sort((a, b) => MODE_RANK[b] - MODE_RANK[a])[0];
  const reason = (full.at(-1) ?? next).reason;
  return { reason, ...(mode ? { mode } : {}), ...(hosts ? { hosts } : {}) };
}

/** An error's message and, for a UserError, what the user can do about it. */
/**
 * `reason` carries the core's hint, which names CLI flags (`--config FILE`): right for `watch`, which
 * prints the text. `cause` is the error alone, for the popover, whose own line says what to do next.
 */
function problemParams(error: unknown): { reason: string; cause: string } {
  const cause = error instanceof Error ? error.message : String(error);
  return { reason: error instanceof UserError && error.hint ? `${cause} ${error.hint}` : cause, cause };
}

const STATUS_ORDER = new Map(HOST_STATUSES.map((status, index) => [status, index]));

export class AppController {
  readonly #deps: ControllerDeps;
  readonly #home: string;
  #settings: Settings;
  #persisted: PersistedState = emptyPersistedState();
  #network: NetworkFingerprint | null = null;
  #aliases: string[] | null = null;
  #fixedByTool = new Set<string>();
  #sshVersion: string | null = null;
  /** The user's ssh, found again at every check (it may have been installed or updated since). */
  #client: SshClient | null = null;
  #problem: Problem | null = null;
  #pending = new Map<string, PendingChange>();
  #notifyFailure: string | null = null;
  #menuBarIconHidden = false;
  #check = { running: false, mode: null as CheckMode | null, done: 0, total: 0 };
  #queued: RunRequest | null = null;
  #loop: Promise<void> | null = null;
  #abort: AbortController | null = null;
  #lifetime = new AbortController();
  #stopped = false;
  #started = false;
  #revision = 0;
  #current: AppState | null = null;
  #lastFixHosts: string[] = [];
  #plans = new Map<'fix' | 'undo', { plan: EditPlan; hash: string; hosts: string[] }>();
  #applying = false;
  #progressAt = 0;
  #timers = {
    interval: null as (() => void) | null,
    recheck: null as (() => void) | null,
    network: null as (() => void) | null,
    muteEnd: null as (() => void) | null,
  };
  #subscriptions: Unsubscribe[] = [];
  #stateListeners = new Set<(state: AppState) => void>();
  #focusListeners = new Set<(alias: string) => void>();

  constructor(deps: ControllerDeps) {
    this.#deps = deps;
    this.#home = deps.core?.home ?? sshHome();
    this.#settings = deps.settings.read();
    const stored = deps.store.read();
    if (stored !== null) {
      const parsed = parsePersistedState(stored);
      if (parsed) this.#persisted = parsed;
      else deps.log.warn('the saved results do not match this version; starting with none');
    }
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const { network, power, notifier } = this.#deps;
    this.#subscriptions.push(
      network.onChange(() => this.#onNetworkChange()),
      notifier.onClick((alert) => {
        const alias = alert.focusAlias ?? alert.hosts[0];
        if (alias) this.#focusListeners.forEach((listener) => listener(alias));
      }),
    );
    if (power) this.#subscriptions.push(power.onWake(() => this.trigger('wake')));
    try {
      this.#network = await network.current();
    } catch (error) {
      this.#deps.log.warn('cannot tell which network this is', { error: String(error) });
    }
    // An unreadable config becomes the launch check's problem, with its reason.
    await this.#refreshConfigFacts().catch(() => undefined);
    this.#armMuteEnd();
    this.#emit();
    this.trigger('launch');
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#queued = null;
    for (const cancel of Object.values(this.#timers)) cancel?.();
    this.#timers = { interval: null, recheck: null, network: null, muteEnd: null };
    this.#subscriptions.splice(0).forEach((unsubscribe) => unsubscribe());
    this.#abort?.abort(new DOMException('The app is stopping', 'AbortError'));
    this.#lifetime.abort(new DOMException('The app is stopping', 'AbortError'));
    await this.#loop?.catch(() => undefined);
    this.#flush();
  }

  /** Resolves once no check runs and none is queued (tests, and a clean quit). */
  async whenIdle(): Promise<void> {
    while (this.#loop) await this.#loop.catch(() => undefined);
  }

  // ── State ─────────────────────────────────────────────────────────────────

  state(): AppState {
    this.#current ??= this.#buildState();
    return this.#current;
  }

  onState(listener: (state: AppState) => void): Unsubscribe {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  onFocusHost(listener: (alias: string) => void): Unsubscribe {
    this.#focusListeners.add(listener);
    return () => this.#focusListeners.delete(listener);
  }

  setMenuBarIconHidden(hidden: boolean): void {
    if (this.#menuBarIconHidden === hidden) return;
    this.#menuBarIconHidden = hidden;
    this.#emit();
  }

  /** The hosts the app fixed most recently, for "Undo last fix". */
  lastFixHosts(): string[] {
    return [...this.#lastFixHosts];
  }

  #networkResults(): NetworkResults | undefined {
    return this.#network ? this.#persisted.networks[this.#network.id] : undefined;
  }

  #emit(): void {
    this.#revision += 1;
    this.#current = this.#buildState();
    const state = this.#current;
    for (const listener of this.#stateListeners) {
      try {
        listener(state);
      } catch (error) {
        this.#deps.log.error('a state listener failed', { error: String(error) });
      }
    }
  }

  #configFile(): string {
    return this.#settings.configFile ?? path.join(this.#home, '.ssh', 'config');
  }

  #notificationsView(): AppState['notifications'] {
    const now = this.#deps.clock.now();
    const muteUntil = this.#settings.muteUntil;
    const muted = muteUntil !== null && Date.parse(muteUntil) > now;
    const base = { mutedUntil: muted ? muteUntil : null, detail: null };
    if (!this.#settings.notifications) return { ...base, status: 'off' };
    if (!this.#deps.notifier.isSupported()) return { ...base, status: 'unsupported' };
    if (this.#notifyFailure !== null) {
      // The system's own words; the popover's banner says what to do in the user's language.
      return { ...base, status: 'not-allowed', detail: this.#notifyFailure.slice(0, 1000) };
    }
    return { ...base, status: muted ? 'muted' : 'on' };
  }

  #buildState(): AppState {
    const results = this.#networkResults();
    const records = results?.hosts ?? {};
    const aliases = this.#aliases ?? Object.keys(records);
    const excluded = new Set(this.#settings.excludedHosts);
    const hosts = aliases
      .slice(0, 5000)
      .map((alias) => hostView(alias, records[alias], excluded.has(alias), this.#fixedByTool.has(alias)))
      .sort(
        (a, b) =>
          (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) ||
          a.alias.localeCompare(b.alias),
      );
    const state: AppState = {
      revision: this.#revision,
      configFile: this.#configFile(),
      sshVersion: this.#sshVersion ?? results?.sshVersion ?? null,
      network: this.#network ? { id: this.#network.id, label: this.#network.label } : null,
      check: { ...this.#check, queued: this.#queued !== null },
      lastCheck: results?.lastCheck ?? null,
      hosts,
      problem: this.#problem,
      notifications: this.#notificationsView(),
      tray: 'idle',
      menuBarIconHidden: this.#menuBarIconHidden,
      consentNeeded: consentNeeded(this.#settings), // issue 17: the first-run view
    };
    state.tray = trayStateOf(state);
    return state;
  }

  // ── Triggers and runs ─────────────────────────────────────────────────────

  trigger(reason: TriggerReason): void {
    this.#request({ reason });
  }

  #request(request: RunRequest): { started: boolean; queued: boolean } {
    if (this.#stopped) return { started: false, queued: false };
    // Issue 17: no run (no screen, no login) before the user has answered the first-run view.
    if (consentNeeded(this.#settings)) return { started: false, queued: false };
    if (this.#loop) {
      this.#queued = mergeRequests(this.#queued, request);
      this.#emit();
      return { started: false, queued: true };
    }
    this.#loop = this.#runLoop(request).finally(() => {
      this.#loop = null;
    });
    return { started: true, queued: false };
  }

  async #runLoop(first: RunRequest): Promise<void> {
    let next: RunRequest | null = first;
    while (next && !this.#stopped) {
      await this.#runOnce(next);
      next = this.#queued;
      this.#queued = null;
    }
  }

  #onNetworkChange(): void {
    this.#timers.network?.();
    this.#timers.network = this.#deps.clock.setTimer(() => {
      this.#timers.network = null;
      this.trigger('network');
    }, NETWORK_DEBOUNCE_MS);
  }

  #armInterval(): void {
    this.#timers.interval?.();
    if (this.#stopped) return;
    const stretch = this.#deps.power?.onBattery?.() ? BATTERY_STRETCH : 1;
    const ms = (this.#deps.timing?.intervalMs ?? this.#settings.intervalMinutes * 60_000) * stretch;
    this.#timers.interval = this.#deps.clock.setTimer(() => {
      this.#timers.interval = null;
      this.trigger('interval');
    }, ms);
  }

  /** The tray and popover show "muted" until the mute runs out, then "on" again by themselves. */
  #armMuteEnd(): void {
    this.#timers.muteEnd?.();
    this.#timers.muteEnd = null;
    const until = this.#settings.muteUntil === null ? NaN : Date.parse(this.#settings.muteUntil);
    const left = until - this.#deps.clock.now();
    if (this.#stopped || !(left > 0)) return;
    this.#timers.muteEnd = this.#deps.clock.setTimer(() => {
      this.#timers.muteEnd = null;
      this.#emit();
    }, left);
  }

  #armRecheck(): void {
    if (this.#pending.size === 0) {
      this.#timers.recheck?.();
      this.#timers.recheck = null;
      return;
    }
    if (this.#timers.recheck || this.#stopped) return;
    this.#timers.recheck = this.#deps.clock.setTimer(() => {
      this.#timers.recheck = null;
      if (this.#pending.size > 0)
        // No forced mode: the screen sees a path break, and a suspected server-side host logs in anyway.
        this.#request({ reason: 'recheck', hosts: [...this.#pending.keys()] });
    }, this.#recheckDelayMs());
  }

  #recheckDelayMs(): number {
    return this.#deps.timing?.recheckDelayMs ?? RECHECK_DELAY_MS;
  }

  /** Reads what the config says without running ssh: its aliases and the tool's blocks. */
  async #refreshConfigFacts(): Promise<void> {
    const configFile = this.#configFile();
    try {
      this.#client ??= await locateSsh(this.#deps.core?.ssh, this.#lifetime.signal);
      this.#aliases = await configAliases(this.#client, this.#settings.configFile ?? undefined, this.#home);
      this.#fixedByTool = aliasesFixedByTool(await readFile(configFile, 'latin1').catch(() => ''));
    } catch (error) {
      this.#aliases = null;
      this.#fixedByTool = new Set();
      throw error;
    }
  }

  async #switchNetwork(): Promise<void> {
    let fingerprint: NetworkFingerprint;
    try {
      fingerprint = await this.#deps.network.current();
    } catch (error) {
      this.#deps.log.warn('cannot tell which network this is', { error: String(error) });
      fingerprint = this.#network ?? { id: 'unknown', label: 'unknown network' };
    }
    if (fingerprint.id !== this.#network?.id) {
      // A change seen on another network proves nothing here.
      this.#pending.clear();
      this.#armRecheck();
      this.#deps.log.info('network', { id: fingerprint.id, label: fingerprint.label });
    }
    this.#network = fingerprint;
  }

  async #runOnce(request: RunRequest): Promise<void> {
    const { clock, log } = this.#deps;
    const started = clock.now();
    const abort = new AbortController();
    this.#abort = abort;
    this.#check = { running: true, mode: request.mode ?? null, done: 0, total: 0 };
    this.#emit();
    log.info('check started', {
      reason: request.reason,
      ...(request.hosts ? { hosts: request.hosts.length } : {}),
    });
    let fullRun = request.hosts === undefined;
    try {
      await this.#switchNetwork();
      this.#emit();
      const problem = await this.#findProblem(abort.signal);
      if (problem) {
        this.#setProblem(problem);
        return;
      }
      const network = this.#network as NetworkFingerprint;
      const results = (this.#persisted.networks[network.id] ??= {
        label: network.label,
        sshVersion: null,
        hosts: {},
        lastCheck: null,
      });
      results.label = network.label;
      const excluded = new Set(this.#settings.excludedHosts);
      const known = new Set(this.#aliases ?? []);
      const targets = (request.hosts ?? this.#aliases ?? []).filter(
        (alias) => known.has(alias) && (request.hosts !== undefined || !excluded.has(alias)),
      );
      const now = clock.now();
      // Issue 17: sessions only where the login policy and the host's keys allow (login-consent.ts).
      const sessionHosts = await allowedSessionHosts({
        policy: this.#settings.loginPolicy,
        reason: request.reason,
        hosts: request.mode ? targets : targets.filter((alias) => needsSession(results.hosts[alias], now)),
        client: this.#client,
        configFile: this.#settings.configFile ?? undefined,
        home: this.#home,
        signal: abort.signal,
      });
      const screenHosts = targets.filter((alias) => !sessionHosts.includes(alias));
      this.#check = {
        ...this.#check,
        mode: sessionHosts.length > 0 ? (request.mode ?? 'session') : 'screen',
        total: targets.length,
      };
      this.#emit();
      const batches: { mode: CheckMode; hosts: string[] }[] = [
        { mode: 'screen' as const, hosts: screenHosts },
        { mode: request.mode ?? ('session' as const), hosts: sessionHosts },
      ].filter((batch) => batch.hosts.length > 0);
      for (const batch of batches) {
        const run = this.#deps.core?.runner === 'worker' ? runCoreCheckInWorker : runCoreCheck;
        const outcome = await run({
          configFile: this.#settings.configFile ?? undefined,
          hosts: batch.hosts,
          mode: batch.mode,
          signal: abort.signal,
          ...(this.#deps.core?.ssh !== undefined ? { ssh: this.#deps.core.ssh } : {}),
          home: this.#home,
          onHostFinished: () => this.#onHostFinished(),
        });
        this.#sshVersion = outcome.sshVersion;
        results.sshVersion = outcome.sshVersion;
        this.#record(results, outcome.hosts, batch.mode);
      }
      const finished = clock.now();
      if (fullRun)
        results.lastCheck = {
          finishedAt: new Date(finished).toISOString(),
          durationMs: Math.max(0, finished - started),
          mode: this.#check.mode ?? 'screen',
        };
      this.#clearProblem();
      // A result counts as the re-check from two thirds of the delay on (30 s of 45 s).
      const recheckMinMs = Math.round((this.#recheckDelayMs() * RECHECK_MIN_MS) / RECHECK_DELAY_MS);
      const policy = evaluateAlerts(results.hosts, targets, this.#pending, finished, recheckMinMs);
      this.#pending = policy.pending;
      this.#armRecheck();
      this.#flush();
      for (const alert of policy.alerts) await this.#notify(alertNotification(alert, network.label));
      log.info('check finished', {
        reason: request.reason,
        hosts: targets.length,
        ms: finished - started,
        pending: [...this.#pending.keys()],
      });
    } catch (error) {
      if (abort.signal.aborted || isAbortError(error)) {
        fullRun = false;
        log.info('check cancelled');
      } else {
        log.error('check failed', {
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        this.#setProblem({
          kind: 'check-failed',
          message: appMessage('problem.check-failed', {
            reason: error instanceof Error ? error.message : String(error),
          }),
        });
      }
    } finally {
      this.#abort = null;
      this.#check = { running: false, mode: null, done: 0, total: 0 };
      if (fullRun || !this.#timers.interval) this.#armInterval();
      this.#emit();
    }
  }

  #onHostFinished(): void {
    this.#check = { ...this.#check, done: Math.min(this.#check.done + 1, this.#check.total) };
    // Progress is shown at most every PROGRESS_EVERY_MS: a check of thousands of hosts would
    // otherwise rebuild and send the whole state thousands of times. The run's end always emits.
    const now = performance.now();
    if (now - this.#progressAt < PROGRESS_EVERY_MS) return;
    this.#progressAt = now;
    this.#emit();
  }

  #record(results: NetworkResults, hosts: readonly HostResult[], mode: CheckMode): void {
    const now = this.#deps.clock.now();
    for (const result of hosts)
      results.hosts[result.alias] = applyResult(results.hosts[result.alias], result, mode, now);
  }

  /** What stops a check before it starts: no ssh, an unreadable config, no hosts. */
  async #findProblem(signal: AbortSignal): Promise<Problem | null> {
    try {
      this.#client = await locateSsh(this.#deps.core?.ssh, signal);
      this.#sshVersion = this.#client.version.raw;
    } catch (error) {
      if (isAbortError(error)) throw error;
      this.#client = null;
      return {
        kind: 'ssh-missing',
        message: appMessage('problem.ssh-missing', problemParams(error)),
      };
    }
    try {
      await this.#refreshConfigFacts();
    } catch (error) {
      return {
        kind: 'config-unreadable',
        message: appMessage('problem.config-unreadable', problemParams(error)),
      };
    }
    if ((this.#aliases ?? []).length === 0) {
      return {
        kind: 'no-hosts',
        message: appMessage('problem.no-hosts', { configFile: this.#configFile() }),
      };
    }
    return null;
  }

  #setProblem(problem: Problem): void {
    this.#problem = problem;
    this.#deps.log.warn('problem', { kind: problem.kind, message: problem.message.text });
    if (this.#persisted.problemAlerted !== problem.kind) {
      this.#persisted.problemAlerted = problem.kind;
      this.#flush();
      void this.#notify(problemNotification(problem.message.text));
    }
  }

  #clearProblem(): void {
    this.#problem = null;
    this.#persisted.problemAlerted = null;
  }

  #flush(): void {
    try {
      this.#deps.store.write(this.#persisted);
    } catch (error) {
      this.#deps.log.error('cannot save the results', { error: String(error) });
    }
  }

  // ── Notifications ─────────────────────────────────────────────────────────

  async #notify(alert: AlertNotification): Promise<void> {
    const { log, notifier, clock } = this.#deps;
    const view = this.#notificationsView();
    if (view.status === 'off' || view.status === 'muted' || view.status === 'unsupported') {
      log.info('notification not shown', { status: view.status, kind: alert.kind, hosts: alert.hosts });
      return;
    }
    const result = await notifier
      .show(alert)
      .catch((error: unknown) => ({ shown: false as const, reason: String(error) }));
    if (result.shown) {
      log.info('notification', { kind: alert.kind, hosts: alert.hosts, title: alert.title.text });
      if (this.#notifyFailure !== null) {
        this.#notifyFailure = null;
        this.#emit();
      }
      return;
    }
    this.#notifyFailure = result.reason;
    if (this.#persisted.notifyFailureToldAt === null) {
      this.#persisted.notifyFailureToldAt = new Date(clock.now()).toISOString();
      this.#flush();
      log.warn('notifications cannot be shown', { reason: result.reason });
    }
    this.#emit();
  }

  // ── Requests ──────────────────────────────────────────────────────────────

  /** The one dispatcher behind Electron IPC and the preview server; requests are already validated. */
  async handle<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const respond = await this.#dispatch(channel, request as never);
    return respond as ResponseOf<C>;
  }

  async #dispatch(channel: InvokeChannel, request: never): Promise<unknown> {
    switch (channel) {
      case 'state:get':
        return this.state();
      case 'check:run': {
        const { mode } = request as RequestOf<'check:run'>;
        return this.#request({ reason: 'manual', ...(mode ? { mode } : {}) });
      }
      case 'fix:plan':
        return this.#plan('fix', (request as RequestOf<'fix:plan'>).hosts);
      case 'undo:plan':
        return this.#plan('undo', (request as RequestOf<'undo:plan'>).hosts);
      case 'fix:apply':
        return this.#apply('fix', request as RequestOf<'fix:apply'>);
      case 'undo:apply':
        return this.#apply('undo', request as RequestOf<'undo:apply'>);
      case 'settings:get':
        return { ...this.#settings };
      case 'settings:set':
        return this.#updateSettings(request as RequestOf<'settings:set'>);
      case 'notifications:mute': {
        const { hours } = request as RequestOf<'notifications:mute'>;
        const muteUntil =
          hours === 0 ? null : new Date(this.#deps.clock.now() + hours * 3_600_000).toISOString();
        return this.#updateSettings({ muteUntil });
      }
      case 'report:markdown':
        return this.#markdown((request as RequestOf<'report:markdown'>).alias);
      case 'app:open-log':
        await this.#deps.shell.openLog();
        return null;
      case 'app:open-system-settings':
        await this.#deps.shell.openSystemSettings((request as RequestOf<'app:open-system-settings'>).pane);
        return null;
      case 'window:hide':
        this.#deps.shell.hideWindow();
        return null;
      // Issue 17: Stop, the ⋯ menu, Show in Finder.
      case 'check:cancel':
        this.#queued = null;
        this.#abort?.abort(new DOMException('Stopped by the user', 'AbortError'));
        return null;
      case 'app:menu':
        this.#deps.shell.appMenu?.((request as RequestOf<'app:menu'>).item);
        return null;
      case 'window:fit':
        this.#deps.shell.fitHeight?.((request as RequestOf<'window:fit'>).height);
        return null;
      case 'app:show-in-finder':
        await this.#deps.shell.showInFinder?.((request as RequestOf<'app:show-in-finder'>).path);
        return null;
    }
  }

  #updateSettings(change: Partial<Settings>): Settings {
    const next = v.parse(SettingsSchema, { ...this.#settings, ...change });
    const previous = this.#settings;
    this.#deps.settings.write(next);
    this.#settings = next;
    if (next.launchAtLogin !== previous.launchAtLogin) this.#deps.shell.setLaunchAtLogin(next.launchAtLogin);
    if (next.intervalMinutes !== previous.intervalMinutes && this.#started) this.#armInterval();
    if (next.muteUntil !== previous.muteUntil && this.#started) this.#armMuteEnd();
    this.#emit();
    // Issue 17: the first-run view was answered: the first check starts now.
    if (previous.loginPolicy === null && next.loginPolicy !== null && this.#started) this.trigger('launch');
    if (next.configFile !== previous.configFile && this.#started) {
      this.#plans.clear();
      this.trigger('manual');
    }
    return { ...next };
  }

  #markdown(alias: string): { markdown: string } {
    const record = this.#networkResults()?.hosts[alias];
    if (!record) {
      throw new IpcFailure(
        'not-allowed',
        `${alias} has no result on this network yet.`,
        'Run a check first.',
      );
    }
    return {
      markdown: hostReportMarkdown(record, {
        sshVersion: this.#sshVersion,
        network: this.#network,
        configFile: this.#configFile(),
        generatedAt: new Date(this.#deps.clock.now()).toISOString(),
      }),
    };
  }

  /** The hosts a request may name: fix, the current diagnosis' fixAlias values; undo, the tool's blocks. */
  #allowedHosts(kind: 'fix' | 'undo'): Set<string> {
    if (kind === 'undo') return new Set(this.#fixedByTool);
    return new Set(
      this.state().hosts.flatMap((host) =>
        host.status === 'needs-ipqos-0' && host.fixAlias ? [host.fixAlias] : [],
      ),
    );
  }

  #assertAllowed(kind: 'fix' | 'undo', hosts: readonly string[]): void {
    const allowed = this.#allowedHosts(kind);
    const refused = hosts.filter((alias) => !allowed.has(alias));
    if (refused.length === 0) return;
    const message = appMessage(kind === 'fix' ? 'fix.not-in-diagnosis' : 'fix.not-fixed-by-tool', {
      aliases: listAliases(refused),
    });
    throw new IpcFailure(
      'not-allowed',
      message.text,
      kind === 'fix' ? 'Run a check, then fix what it found.' : null,
    );
  }

  async #plan(kind: 'fix' | 'undo', hosts: string[]): Promise<EditPreview> {
    if (kind === 'undo') await this.#refreshConfigFacts().catch(() => undefined);
    this.#assertAllowed(kind, hosts);
    const ssh = (this.#client ??= await locateSsh(this.#deps.core?.ssh, this.#lifetime.signal));
    const request = {
      configFile: this.#configFile(),
      hosts,
      ssh,
      home: this.#home,
      signal: this.#lifetime.signal,
      // ssh's default config: the proof reads it as `ssh host` does, with the system config after it.
      ...(this.#settings.configFile === null ? { systemConfig: DEFAULT_SYSTEM_CONFIG } : {}),
    };
    const plan = kind === 'fix' ? await planFix(request) : await planUndo(request);
    const hash = planHash(plan, hosts);
    this.#plans.set(kind, { plan, hash, hosts: [...new Set(hosts)].sort() });
    return toPreview(plan, hosts, hash);
  }

  async #apply(kind: 'fix' | 'undo', request: { hosts: string[]; planHash: string }): Promise<EditOutcome> {
    this.#assertAllowed(kind, request.hosts);
    const shown = this.#plans.get(kind);
    const hosts = [...new Set(request.hosts)].sort();
    if (!shown || shown.hash !== request.planHash || shown.hosts.join('\n') !== hosts.join('\n')) {
      throw new IpcFailure('stale-plan', appMessage('fix.stale-plan').text, 'Ask for the change again.');
    }
    if (this.#applying)
      throw new IpcFailure('busy', 'Another change is being written.', 'Try again in a moment.');
    this.#applying = true;
    this.#plans.delete(kind); // a plan is applied once
    try {
      const { plan } = shown;
      if (plan.edits.length > 0 && !plan.writable.ok) {
        throw new IpcFailure(
          'not-allowed',
          appMessage('fix.not-writable', { configFile: plan.realPath, reason: plan.writable.reason }).text,
          toPreview(plan, hosts, shown.hash).manual,
        );
      }
      let result;
      try {
        result = await applyPlan(plan, { signal: this.#lifetime.signal });
      } catch (error) {
        if (error instanceof UserError && /changed|now points/i.test(error.message)) {
          throw new IpcFailure('stale-plan', error.message, error.hint ?? 'Ask for the change again.');
        }
        throw error;
      }
      const changed = changedHosts(plan);
      // The core re-ran ssh -G for the changed hosts on the written file: that is the proof to show.
      const proof = result.status === 'applied' ? result.recheckedIpqos : [];
      const outcome = toOutcome(plan, result, proof);
      this.#deps.log.info(`${kind} applied`, {
        status: outcome.status,
        hosts: changed,
        backup: result.backupPath,
      });
      await this.#afterEdit(kind, plan, outcome, changed);
      return outcome;
    } finally {
      this.#applying = false;
    }
  }

  async #afterEdit(
    kind: 'fix' | 'undo',
    plan: EditPlan,
    outcome: EditOutcome,
    changed: string[],
  ): Promise<void> {
    await this.#refreshConfigFacts().catch(() => undefined);
    const results = this.#networkResults();
    const now = new Date(this.#deps.clock.now()).toISOString();
    // Hosts behind a jump host take its marking: an edit of the hop changes them too, also once they
    // are fine and no longer name the hop as their fixAlias (an undo after a fix).
    const affected = Object.values(results?.hosts ?? {})
      .filter(
        (record) =>
          changed.includes(record.alias) ||
          (record.fixAlias !== null && changed.includes(record.fixAlias)) ||
          record.evidence.some((line) => line.code === 'evidence.via-jump'),
      )
      .map((record) => record.alias);
    if (outcome.status === 'verified') {
      if (kind === 'fix') {
        this.#lastFixHosts = changed;
        for (const alias of affected) {
          const record = results?.hosts[alias];
          if (record) record.fixedAt = now;
        }
      }
      await this.#notify({
        kind: 'fix-verified',
        hosts: changed,
        title: appMessage('notify.fix-verified.title', { aliases: listAliases(changed) }),
        body: appMessage('notify.fix-verified.body', { configFile: plan.realPath }),
        quiet: true,
        focusAlias: changed[0] ?? null,
      });
    } else if (outcome.status === 'restored') {
      await this.#notify({
        kind: 'fix-restored',
        hosts: changed,
        title: appMessage('notify.fix-restored.title', { configFile: plan.realPath }),
        body: appMessage('notify.fix-restored.body', { reason: outcome.message.text }),
        quiet: false,
        focusAlias: changed[0] ?? null,
      });
    }
    this.#flush();
    this.#emit();
    const recheck = [...new Set([...affected, ...changed])].filter((alias) =>
      (this.#aliases ?? []).includes(alias),
    );
    if (outcome.status === 'verified' && recheck.length > 0)
      this.#request({ reason: 'after-fix', mode: 'session', hosts: recheck });
  }
}
