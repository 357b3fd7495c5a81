/**
 * What the app knows and shows: the persisted per-network results (one save
 * path), the live facts of this run (network, check progress, problem), the
 * AppState built from them, and its listeners.
 */
import { HOST_STATUSES, type AppState, type Settings } from '../shared/ipc-contract.ts';
import type { ConfigFacts, Problem } from './config-facts.ts';
import { hostView } from './host-status.ts';
import { consentNeeded } from './login-consent.ts';
import {
  emptyPersistedState,
  parsePersistedState,
  type NetworkResults,
  type PersistedState,
} from './network-results.ts';
import type { Logger, NetworkFingerprint, StateStore, Unsubscribe } from './ports.ts';
import { trayStateOf } from './tray-model.ts';

/** The popover's progress ("12 of 30") updates at most this often. */
export const PROGRESS_EVERY_MS = 100;

const STATUS_ORDER = new Map(HOST_STATUSES.map((status, index) => [status, index]));

/** What the state is built from besides what this store holds. */
export interface StateSources {
  settings(): Settings;
  facts: ConfigFacts;
  notifications(): AppState['notifications'];
  queued(): boolean;
  sshClients?: () => AppState['sshClient'];
}

export class AppStateStore {
  readonly #store: StateStore<PersistedState>;
  readonly #log: Logger;
  readonly #sources: StateSources;
  readonly #persisted: PersistedState = emptyPersistedState();
  #dirty = false;
  network: NetworkFingerprint | null = null;
  check = { running: false, mode: null as AppState['check']['mode'], done: 0, total: 0 };
  problem: Problem | null = null;
  menuBarIconHidden = false;
  #revision = 0;
  #current: AppState | null = null;
  #progressAt = 0;
  readonly #listeners = new Set<(state: AppState) => void>();

  constructor(store: StateStore<PersistedState>, log: Logger, sources: StateSources) {
    this.#store = store;
    this.#log = log;
    this.#sources = sources;
    const stored = store.read();
    if (stored !== null) {
      const parsed = parsePersistedState(stored);
      if (parsed) this.#persisted = parsed;
      else log.warn('the saved results do not match this version; starting with none');
    }
  }

  /** The persisted memory, read-only: change it through `update`, so it is saved. */
  get persisted(): Readonly<PersistedState> {
    return this.#persisted;
  }

  /** Changes what is kept across restarts; the change is saved by the next `save` or `emit`. */
  update<T>(change: (persisted: PersistedState) => T): T {
    this.#dirty = true;
    return change(this.#persisted);
  }

  /** The one save path: writes the results when something changed since the last write. */
  save(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    try {
      this.#store.write(this.#persisted);
    } catch (error) {
      this.#log.error('cannot save the results', { error: String(error) });
    }
  }

  /** This network's results, if any. */
  results(): NetworkResults | undefined {
    return this.network ? this.#persisted.networks[this.network.id] : undefined;
  }

  /** This network's results, created on first use and labelled with its current name. */
  resultsFor(network: NetworkFingerprint): NetworkResults {
    return this.update((persisted) => {
      const results = (persisted.networks[network.id] ??= {
        label: network.label,
        sshVersion: null,
        hosts: {},
        lastCheck: null,
      });
      results.label = network.label;
      return results;
    });
  }

  state(): AppState {
    this.#current ??= this.#build();
    return this.#current;
  }

  onState(listener: (state: AppState) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Saves what changed, builds the next state and tells every listener. */
  emit(): void {
    this.save();
    this.#revision += 1;
    const state = (this.#current = this.#build());
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch (error) {
        this.#log.error('a state listener failed', { error: String(error) });
      }
    }
  }

  /**
   * One host done. Progress is shown at most every PROGRESS_EVERY_MS: a check of thousands of hosts
   * would otherwise rebuild and send the whole state thousands of times. The run's end always emits.
   */
  hostFinished(): void {
    this.check = { ...this.check, done: Math.min(this.check.done + 1, this.check.total) };
    const now = performance.now();
    if (now - this.#progressAt < PROGRESS_EVERY_MS) return;
    this.#progressAt = now;
    this.emit();
  }

  #build(): AppState {
    const { facts, settings } = this.#sources;
    const results = this.results();
    const records = results?.hosts ?? {};
    const aliases = facts.aliases ?? Object.keys(records);
    const excluded = new Set(settings().excludedHosts);
    const hosts = aliases
      .slice(0, 5000)
      .map((alias) => hostView(alias, records[alias], excluded.has(alias), facts.fixedByTool.has(alias)))
      .sort(
        (a, b) =>
          (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) ||
          a.alias.localeCompare(b.alias),
      );
    const state: AppState = {
      revision: this.#revision,
      configFile: facts.configFile(),
      sshVersion: facts.sshVersion ?? results?.sshVersion ?? null,
      network: this.network ? { id: this.network.id, label: this.network.label } : null,
      check: { ...this.check, queued: this.#sources.queued() },
      lastCheck: results?.lastCheck ?? null,
      hosts,
      problem: this.problem,
      notifications: this.#sources.notifications(),
      tray: 'idle',
      menuBarIconHidden: this.menuBarIconHidden,
      consentNeeded: consentNeeded(settings()), // issue 17: the first-run view
      ...(this.#sources.sshClients ? { sshClient: this.#sources.sshClients() } : {}),
    };
    state.tray = trayStateOf(state);
    return state;
  }
}
