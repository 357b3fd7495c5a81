/**
 * Whether a notification may be shown (off, muted, unsupported), in the
 * user's language, and what the system answered: a refusal (an unsigned app)
 * becomes the state's "not-allowed" with the system's reason, logged once.
 */
import type { AppState, Message, Settings } from '../shared/ipc-contract.ts';
import type { AppStateStore } from './state-store.ts';
import type { AlertNotification, Clock, Logger, Notifier, Unsubscribe } from './ports.ts';

export interface GateDeps {
  notifier: Notifier;
  log: Logger;
  clock: Clock;
  settings(): Settings;
  localize(message: Message): Message;
  /** The state store (built after the gate: the state reads `view`). */
  store(): AppStateStore;
}

export class NotificationGate {
  readonly #deps: GateDeps;
  #failure: string | null = null;

  constructor(deps: GateDeps) {
    this.#deps = deps;
  }

  view(): AppState['notifications'] {
    const { settings, notifier, clock } = this.#deps;
    const { muteUntil, notifications } = settings();
    const muted = muteUntil !== null && Date.parse(muteUntil) > clock.now();
    const base = { mutedUntil: muted ? muteUntil : null, detail: null };
    if (!notifications) return { ...base, status: 'off' };
    if (!notifier.isSupported()) return { ...base, status: 'unsupported' };
    // The system's own words; the popover's banner says what to do in the user's language.
    if (this.#failure !== null)
      return { ...base, status: 'not-allowed', detail: this.#failure.slice(0, 1000) };
    return { ...base, status: muted ? 'muted' : 'on' };
  }

  /** A clicked notification asks for its host (the popover opens at it). */
  onFocusHost(listener: (alias: string) => void): Unsubscribe {
    return this.#deps.notifier.onClick((alert) => {
      const alias = alert.focusAlias ?? alert.hosts[0];
      if (alias) listener(alias);
    });
  }

  async notify(alert: AlertNotification): Promise<void> {
    const { log, notifier, clock, localize } = this.#deps;
    const store = this.#deps.store();
    const status = this.view().status;
    if (status === 'off' || status === 'muted' || status === 'unsupported') {
      log.info('notification not shown', { status, kind: alert.kind, hosts: alert.hosts });
      return;
    }
    const shown = { ...alert, title: localize(alert.title), body: localize(alert.body) };
    const result = await notifier
      .show(shown)
      .catch((error: unknown) => ({ shown: false as const, reason: String(error) }));
    if (result.shown) {
      log.info('notification', { kind: alert.kind, hosts: alert.hosts, title: alert.title.text });
      if (this.#failure !== null) {
        this.#failure = null;
        store.emit();
      }
      return;
    }
    this.#failure = result.reason;
    if (store.persisted.notifyFailureToldAt === null) {
      store.update((persisted) => {
        persisted.notifyFailureToldAt = new Date(clock.now()).toISOString();
      });
      log.warn('notifications cannot be shown', { reason: result.reason });
    }
    store.emit();
  }
}
