/**
 * The app without Electron, assembled: the schedule, one check run, the edit
 * session, the notification gate and the state store, wired to the ports. The
 * Electron adapters, the preview server and `ipqos-doctor watch` all drive it
 * through `handlers` (via the dispatcher) and the state it emits.
 */
import { sshHome } from '../core/inventory/inventory.ts';
import { backupDirOf, toolStateDir } from '../core/config-edit/index.ts';
import type {
  AppState,
  InvokeChannel,
  Message,
  RequestOf,
  ResponseOf,
  Settings,
} from '../shared/ipc-contract.ts';
import { RECHECK_DELAY_MS } from './alert-policy.ts';
import { appLanguage, localeLanguages, localize, type Lang } from './app-language.ts';
import { CheckRun } from './check-run.ts';
import { ConfigFacts } from './config-facts.ts';
import { EditSession } from './edit-session.ts';
import { consentNeeded } from './login-consent.ts';
import { NotificationGate } from './notification-gate.ts';
import type { ControllerDeps } from './controller-deps.ts';
import type { Unsubscribe } from './ports.ts';
import { requestHandlers, type RequestHandlers } from './request-handlers.ts';
import { Schedule, type RunRequest, type TriggerReason } from './schedule.ts';
import { SettingsKeeper } from './settings-keeper.ts';
import { AppStateStore } from './state-store.ts';
import { trayText, type TrayText } from './tray-model.ts';

export type { PersistedState } from './network-results.ts';
export { HEADLESS_SHELL, type ControllerDeps } from './controller-deps.ts';
export { mergeRequests, type RunRequest, type TriggerReason } from './schedule.ts';
export { PROGRESS_EVERY_MS } from './state-store.ts';

/** Network changes come in bursts (Wi-Fi flaps, DHCP, VPN): one check once it settles. */
export const NETWORK_DEBOUNCE_MS = 3000;
/** On battery the schedule stretches by this factor. */
export const BATTERY_STRETCH = 2;

const stopping = (): DOMException => new DOMException('The app is stopping', 'AbortError');

export class AppController {
  readonly #deps: ControllerDeps;
  readonly #settings: SettingsKeeper;
  readonly #facts: ConfigFacts;
  readonly #gate: NotificationGate;
  readonly #store: AppStateStore;
  readonly #schedule: Schedule;
  readonly #run: CheckRun;
  readonly #edits: EditSession;
  /** The one dispatcher's handlers (request-dispatch.ts): a request is validated before it gets here. */
  readonly handlers: RequestHandlers;
  readonly #recheckDelayMs: number;
  #abort: AbortController | null = null;
  readonly #lifetime = new AbortController();
  #subscriptions: Unsubscribe[] = [];
  #started = false;

  constructor(deps: ControllerDeps) {
    this.#deps = deps;
    const { clock, log } = deps;
    const home = deps.core?.home ?? sshHome();
    const whenStarted = (effect: () => void) => () => void (this.#started && effect());
    this.#settings = new SettingsKeeper(deps.settings, {
      launchAtLogin: (on) => deps.shell.setLaunchAtLogin(on),
      interval: whenStarted(() => this.#armInterval()),
      muteEnd: whenStarted(() => this.#armMuteEnd()),
      changed: () => this.#store.emit(),
      // A plan shown for another file must not be applied; the new file is checked at once.
      configFile: whenStarted(() => {
        this.#edits.forget();
        this.trigger('manual');
      }),
      // Issue 17: the first-run view was answered: the first check starts now.
      consentGiven: whenStarted(() => this.trigger('launch')),
    });
    const settings = (): Settings => this.#settings.current;
    this.#facts = new ConfigFacts(() => deps.core?.ssh, home, settings);
    const localizeNow = (message: Message): Message => this.localize(message);
    this.#gate = new NotificationGate({ ...deps, settings, localize: localizeNow, store: () => this.#store });
    this.#schedule = new Schedule(
      clock,
      (request) => this.#runOnce(request),
      () => this.#store.emit(),
      // Issue 17: no run (no screen, no login) before the user has answered the first-run view.
      () => !consentNeeded(this.#settings.current),
    );
    this.#store = new AppStateStore(deps.store, log, {
      settings,
      facts: this.#facts,
      notifications: () => this.#gate.view(),
      queued: () => this.#schedule.queued,
      ...(deps.sshClients ? { sshClients: deps.sshClients } : {}),
    });
    const recheckDelayMs = (this.#recheckDelayMs = deps.timing?.recheckDelayMs ?? RECHECK_DELAY_MS);
    // `ssh` stays a getter: main/electron's follows the client chosen in Preferences from the next check.
    const core = {
      get ssh() {
        return deps.core?.ssh;
      },
      home,
      ...(deps.core?.runner ? { runner: deps.core.runner } : {}),
    };
    const shared = { clock, log, settings, facts: this.#facts, store: this.#store };
    this.#run = new CheckRun({ ...shared, network: deps.network, core, gate: this.#gate, recheckDelayMs });
    this.#edits = new EditSession({
      ...shared,
      home,
      signal: this.#lifetime.signal,
      notify: (alert) => this.#gate.notify(alert),
      request: (request) => void this.#schedule.request(request),
    });
    this.handlers = requestHandlers({
      clock,
      state: () => this.state(),
      settings,
      updateSettings: (change) => this.#settings.update(change),
      request: (request) => this.#schedule.request(request),
      edits: this.#edits,
      results: () => this.#store.results(),
      sshPath: () => this.#facts.client?.bin ?? deps.core?.ssh ?? null,
      backupDir: () => backupDirOf(toolStateDir(home)),
      shell: deps.shell,
      cancel: () => this.#cancel(),
    });
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const { network, power, log } = this.#deps;
    this.#subscriptions.push(network.onChange(() => this.#schedule.settleNetwork(NETWORK_DEBOUNCE_MS)));
    if (power) this.#subscriptions.push(power.onWake(() => this.trigger('wake')));
    try {
      this.#store.network = await network.current();
    } catch (error) {
      log.warn('cannot tell which network this is', { error: String(error) });
    }
    // An unreadable config becomes the launch check's problem, with its reason.
    await this.#facts.refresh(this.#lifetime.signal).catch(() => undefined);
    this.#armMuteEnd();
    this.#store.emit();
    this.trigger('launch');
  }

  async stop(): Promise<void> {
    if (this.#schedule.stopped) return;
    this.#schedule.stop();
    this.#subscriptions.splice(0).forEach((unsubscribe) => unsubscribe());
    this.#abort?.abort(stopping());
    this.#lifetime.abort(stopping());
    await this.#schedule.whenIdle();
    this.#store.save();
  }

  /** Resolves once no check runs and none is queued (tests, and a clean quit). */
  whenIdle(): Promise<void> {
    return this.#schedule.whenIdle();
  }

  state(): AppState {
    return this.#store.state();
  }

  onState(listener: (state: AppState) => void): Unsubscribe {
    return this.#store.onState(listener);
  }

  onFocusHost(listener: (alias: string) => void): Unsubscribe {
    return this.#gate.onFocusHost(listener);
  }

  setMenuBarIconHidden(hidden: boolean): void {
    if (this.#store.menuBarIconHidden === hidden) return;
    this.#store.menuBarIconHidden = hidden;
    this.#store.emit();
  }

  /** The hosts the app fixed most recently, for "Undo last fix". */
  lastFixHosts(): string[] {
    return [...this.#edits.lastFixHosts];
  }

  /** The language the main process speaks: the setting, or the system's. */
  language(): Lang {
    const system = this.#deps.systemLanguages?.() ?? localeLanguages(process.env);
    return appLanguage(this.#settings.current.language, system);
  }

  /** A message with its text in that language (tray, menus, notifications, dialogs). */
  localize(message: Message): Message {
    return localize(this.language(), message);
  }

  /** The tray's tooltip and menu for a state, in that language. */
  tray(state: AppState = this.state()): TrayText {
    return trayText(state, this.lastFixHosts(), (message) => this.localize(message));
  }

  /** One request by channel, already validated (tests; the transports go through dispatchRequest). */
  handle<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    return this.handlers[channel](request);
  }

  trigger(reason: TriggerReason): void {
    this.#schedule.request({ reason });
  }

  /** Issue 17: Stop — the running check is aborted, a queued one dropped. */
  #cancel(): void {
    this.#schedule.dropQueued();
    this.#abort?.abort(new DOMException('Stopped by the user', 'AbortError'));
  }

  async #runOnce(request: RunRequest): Promise<void> {
    const abort = (this.#abort = new AbortController());
    try {
      const record = await this.#run.run(request, abort.signal);
      if (record.status === 'checked' || this.#run.pending.size === 0)
        this.#schedule.armRecheck(() => [...this.#run.pending.keys()], this.#recheckDelayMs);
      if (record.fullRun || !this.#schedule.interval.armed) this.#armInterval();
    } finally {
      this.#abort = null;
      this.#store.emit();
    }
  }

  #armInterval(): void {
    const stretch = this.#deps.power?.onBattery?.() ? BATTERY_STRETCH : 1;
    this.#schedule.armInterval(
      (this.#deps.timing?.intervalMs ?? this.#settings.current.intervalMinutes * 60_000) * stretch,
    );
  }

  /** The tray and popover show "muted" until the mute runs out, then "on" again by themselves. */
  #armMuteEnd(): void {
    const until =
      this.#settings.current.muteUntil === null ? NaN : Date.parse(this.#settings.current.muteUntil);
    this.#schedule.armMuteEnd(until - this.#deps.clock.now(), () => this.#store.emit());
  }
}
