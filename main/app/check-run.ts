/**
 * One check run: which network this is, what stops the check, which hosts get
 * a screen and which a session, the core's results recorded per network, and
 * the alerts a confirmed change earns. It returns what it recorded.
 */
import { isAbortError } from '../core/errors.ts';
import type { CheckMode, Settings } from '../shared/ipc-contract.ts';
import { alertNotification, problemNotification } from './alert-notifications.ts';
import { RECHECK_DELAY_MS, RECHECK_MIN_MS, evaluateAlerts, type PendingChange } from './alert-policy.ts';
import { appMessage } from './app-messages.ts';
import type { ConfigFacts, Problem } from './config-facts.ts';
import { runCoreCheck, type HostResult } from './core-check.ts';
import { applyResult, needsSession } from './host-status.ts';
import { allowedSessionHosts } from './login-consent.ts';
import type { NetworkResults } from './network-results.ts';
import type { NotificationGate } from './notification-gate.ts';
import type { Clock, Logger, NetworkFingerprint, NetworkMonitor } from './ports.ts';
import type { RunRequest } from './schedule.ts';
import type { AppStateStore } from './state-store.ts';
import { runCoreCheckInWorker } from './worker-core-check.ts';

export interface CheckRunDeps {
  clock: Clock;
  log: Logger;
  network: NetworkMonitor;
  core: { ssh?: string; home: string; runner?: 'in-process' | 'worker' };
  settings(): Settings;
  facts: ConfigFacts;
  store: AppStateStore;
  gate: NotificationGate;
  recheckDelayMs: number;
}

/** What a run recorded: the hosts it checked, and whether it was a run of every host. */
export interface CheckRecord {
  status: 'checked' | 'problem' | 'cancelled' | 'failed';
  targets: string[];
  fullRun: boolean;
}

export class CheckRun {
  readonly #deps: CheckRunDeps;
  /** Changes seen once and waiting for their re-check, per alias. */
  pending = new Map<string, PendingChange>();

  constructor(deps: CheckRunDeps) {
    this.#deps = deps;
  }

  async run(request: RunRequest, signal: AbortSignal): Promise<CheckRecord> {
    const { clock, log, store, facts } = this.#deps;
    const started = clock.now();
    store.check = { running: true, mode: request.mode ?? null, done: 0, total: 0 };
    store.emit();
    log.info('check started', {
      reason: request.reason,
      ...(request.hosts ? { hosts: request.hosts.length } : {}),
    });
    const record: CheckRecord = { status: 'checked', targets: [], fullRun: request.hosts === undefined };
    try {
      await this.#switchNetwork();
      store.emit();
      const problem = await facts.findProblem(signal);
      if (problem) {
        this.#setProblem(problem);
        return { ...record, status: 'problem' };
      }
      const network = store.network as NetworkFingerprint;
      const results = store.resultsFor(network);
      record.targets = this.#targets(request);
      await this.#check(request, record.targets, results, signal);
      const finished = clock.now();
      if (record.fullRun)
        results.lastCheck = {
          finishedAt: new Date(finished).toISOString(),
          durationMs: Math.max(0, finished - started),
          mode: store.check.mode ?? 'screen',
        };
      store.problem = null;
      store.update((persisted) => (persisted.problemAlerted = null));
      // A result counts as the re-check from two thirds of the delay on (30 s of 45 s).
      const recheckMinMs = Math.round((this.#deps.recheckDelayMs * RECHECK_MIN_MS) / RECHECK_DELAY_MS);
      const policy = evaluateAlerts(results.hosts, record.targets, this.pending, finished, recheckMinMs);
      this.pending = policy.pending;
      store.save(); // the alert memory is on disk before any alert is shown
      for (const alert of policy.alerts)
        await this.#deps.gate.notify(alertNotification(alert, network.label));
      log.info('check finished', {
        reason: request.reason,
        hosts: record.targets.length,
        ms: finished - started,
        pending: [...this.pending.keys()],
      });
      return record;
    } catch (error) {
      if (signal.aborted || isAbortError(error)) {
        log.info('check cancelled');
        return { ...record, status: 'cancelled', fullRun: false };
      }
      log.error('check failed', {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      this.#setProblem({
        kind: 'check-failed',
        message: appMessage('problem.check-failed', {
          reason: error instanceof Error ? error.message : String(error),
        }),
      });
      return { ...record, status: 'failed' };
    } finally {
      store.check = { running: false, mode: null, done: 0, total: 0 };
    }
  }

  /** The hosts this run checks: those asked for, else every host of the config not excluded. */
  #targets(request: RunRequest): string[] {
    const excluded = new Set(this.#deps.settings().excludedHosts);
    const aliases = this.#deps.facts.aliases ?? [];
    const known = new Set(aliases);
    return (request.hosts ?? aliases).filter(
      (alias) => known.has(alias) && (request.hosts !== undefined || !excluded.has(alias)),
    );
  }

  /** Screens where no session is due, logs in where one is (or where the request's mode says). */
  async #check(
    request: RunRequest,
    targets: string[],
    results: NetworkResults,
    signal: AbortSignal,
  ): Promise<void> {
    const { clock, store, facts, core } = this.#deps;
    const now = clock.now();
    // Issue 17: sessions only where the login policy and the host's keys allow (login-consent.ts).
    const sessionHosts = await allowedSessionHosts({
      policy: this.#deps.settings().loginPolicy,
      reason: request.reason,
      hosts: request.mode ? targets : targets.filter((alias) => needsSession(results.hosts[alias], now)),
      client: facts.client,
      configFile: this.#deps.settings().configFile ?? undefined,
      home: core.home,
      signal,
    });
    const screenHosts = targets.filter((alias) => !sessionHosts.includes(alias));
    store.check = {
      ...store.check,
      mode: sessionHosts.length > 0 ? (request.mode ?? 'session') : 'screen',
      total: targets.length,
    };
    store.emit();
    const batches: { mode: CheckMode; hosts: string[] }[] = [
      { mode: 'screen' as const, hosts: screenHosts },
      { mode: request.mode ?? ('session' as const), hosts: sessionHosts },
    ].filter((batch) => batch.hosts.length > 0);
    for (const batch of batches) {
      const run = core.runner === 'worker' ? runCoreCheckInWorker : runCoreCheck;
      const outcome = await run({
        configFile: this.#deps.settings().configFile ?? undefined,
        hosts: batch.hosts,
        mode: batch.mode,
        signal,
        ...(core.ssh !== undefined ? { ssh: core.ssh } : {}),
        home: core.home,
        onHostFinished: () => store.hostFinished(),
      });
      facts.sshVersion = outcome.sshVersion;
      results.sshVersion = outcome.sshVersion;
      this.#record(results, outcome.hosts, batch.mode);
    }
  }

  /** The core's results into this network's memory (saved with the next emit). */
  #record(results: NetworkResults, hosts: readonly HostResult[], mode: CheckMode): void {
    const now = this.#deps.clock.now();
    this.#deps.store.update(() => {
      for (const result of hosts)
        results.hosts[result.alias] = applyResult(results.hosts[result.alias], result, mode, now);
    });
  }

  async #switchNetwork(): Promise<void> {
    const { store, log } = this.#deps;
    let fingerprint: NetworkFingerprint;
    try {
      fingerprint = await this.#deps.network.current();
    } catch (error) {
      log.warn('cannot tell which network this is', { error: String(error) });
      fingerprint = store.network ?? { id: 'unknown', label: 'unknown network' };
    }
    if (fingerprint.id !== store.network?.id) {
      // A change seen on another network proves nothing here.
      this.pending.clear();
      log.info('network', { id: fingerprint.id, label: fingerprint.label });
    }
    store.network = fingerprint;
  }

  #setProblem(problem: Problem): void {
    const { store, log, gate } = this.#deps;
    store.problem = problem;
    log.warn('problem', { kind: problem.kind, message: problem.message.text });
    if (store.persisted.problemAlerted !== problem.kind) {
      store.update((persisted) => (persisted.problemAlerted = problem.kind));
      store.save();
      void gate.notify(problemNotification(problem.message));
    }
  }
}
