/**
 * Fix and undo behind a confirmation: the plan shown (kept with its hash),
 * the one change written at a time, the apply of exactly that plan, and what
 * follows a verified edit (the notification, a session re-check of the hosts
 * it touched).
 */
import { applyPlan, planFix, planUndo, type EditPlan } from '../core/config-edit/index.ts';
import { UserError } from '../core/errors.ts';
import { systemConfigAfter } from '../core/ssh/default-paths.ts';
import type { AppState, EditOutcome, EditPreview, Settings } from '../shared/ipc-contract.ts';
import { appMessage, listAliases } from './app-messages.ts';
import type { ConfigFacts } from './config-facts.ts';
import { changedHosts, planHash, toOutcome, toPreview } from './edit-preview.ts';
import { IpcFailure, coreMessage } from './ipc-failure.ts';
import type { AlertNotification, Clock, Logger } from './ports.ts';
import type { RunRequest } from './schedule.ts';
import type { AppStateStore } from './state-store.ts';

export type EditKind = 'fix' | 'undo';

/**
 * The core's codes for "the file is not the one the plan was made from" (changed, or its symlink
 * now points elsewhere): the popover asks for the change again instead of showing a failure.
 */
export const STALE_PLAN_CODES: ReadonlySet<string> = new Set([
  'core.error.config-changed-since-plan',
  'core.error.config-deleted-since-plan',
  'core.error.config-now-points',
  'core.error.include-changed-since-plan',
]);

export interface EditDeps {
  clock: Clock;
  log: Logger;
  home: string;
  signal: AbortSignal;
  settings(): Settings;
  facts: ConfigFacts;
  store: AppStateStore;
  notify(alert: AlertNotification): Promise<void>;
  request(request: RunRequest): void;
}

export class EditSession {
  readonly #deps: EditDeps;
  readonly #plans = new Map<EditKind, { plan: EditPlan; hash: string; hosts: string[] }>();
  #applying = false;
  /** The hosts the app fixed most recently, for "Undo last fix". */
  lastFixHosts: string[] = [];

  constructor(deps: EditDeps) {
    this.#deps = deps;
  }

  /** A plan shown for another config file must not be applied. */
  forget(): void {
    this.#plans.clear();
  }

  async plan(kind: EditKind, hosts: string[]): Promise<EditPreview> {
    const { facts, signal, home, settings } = this.#deps;
    if (kind === 'undo') await facts.refresh(signal).catch(() => undefined);
    this.#assertAllowed(kind, hosts);
    const request = {
      configFile: facts.configFile(),
      hosts,
      ssh: await facts.ssh(signal),
      home,
      signal,
      // ssh's default config: the proof reads it as `ssh host` does, with the system config after it.
      ...systemConfigOption(settings().configFile),
    };
    const plan = kind === 'fix' ? await planFix(request) : await planUndo(request);
    const hash = planHash(plan, hosts);
    this.#plans.set(kind, { plan, hash, hosts: [...new Set(hosts)].sort() });
    return toPreview(plan, hosts, hash);
  }

  async apply(kind: EditKind, request: { hosts: string[]; planHash: string }): Promise<EditOutcome> {
    this.#assertAllowed(kind, request.hosts);
    const shown = this.#plans.get(kind);
    const hosts = [...new Set(request.hosts)].sort();
    if (!shown || shown.hash !== request.planHash || shown.hosts.join('\n') !== hosts.join('\n')) {
      throw new IpcFailure('stale-plan', appMessage('fix.stale-plan'), appMessage('ipc.hint.plan-again'));
    }
    if (this.#applying)
      throw new IpcFailure('busy', appMessage('ipc.busy'), appMessage('ipc.hint.try-again'));
    this.#applying = true;
    this.#plans.delete(kind); // a plan is applied once
    try {
      const { plan } = shown;
      if (plan.edits.length > 0 && !plan.writable.ok) {
        throw new IpcFailure(
          'not-allowed',
          appMessage('fix.not-writable', { configFile: plan.realPath, reason: plan.writable.reason }),
          appMessage('ipc.hint.manual', { steps: toPreview(plan, hosts, shown.hash).manual ?? '' }),
        );
      }
      const result = await applyPlan(plan, { signal: this.#deps.signal }).catch((error: unknown) => {
        if (error instanceof UserError && STALE_PLAN_CODES.has(error.code)) {
          throw new IpcFailure('stale-plan', coreMessage(error), appMessage('ipc.hint.plan-again'));
        }
        throw error;
      });
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

  /** The hosts a request may name: fix, the current diagnosis' fixAlias values; undo, the tool's blocks. */
  #allowedHosts(kind: EditKind, state: AppState): Set<string> {
    if (kind === 'undo') return new Set(this.#deps.facts.fixedByTool);
    return new Set(
      state.hosts.flatMap((host) =>
        host.status === 'needs-ipqos-0' && host.fixAlias ? [host.fixAlias] : [],
      ),
    );
  }

  #assertAllowed(kind: EditKind, hosts: readonly string[]): void {
    const allowed = this.#allowedHosts(kind, this.#deps.store.state());
    const refused = hosts.filter((alias) => !allowed.has(alias));
    if (refused.length === 0) return;
    const message = appMessage(kind === 'fix' ? 'fix.not-in-diagnosis' : 'fix.not-fixed-by-tool', {
      aliases: listAliases(refused),
    });
    throw new IpcFailure('not-allowed', message, kind === 'fix' ? appMessage('ipc.hint.check-first') : null);
  }

  async #afterEdit(kind: EditKind, plan: EditPlan, outcome: EditOutcome, changed: string[]): Promise<void> {
    const { facts, store, clock, signal } = this.#deps;
    await facts.refresh(signal).catch(() => undefined);
    const results = store.results();
    const now = new Date(clock.now()).toISOString();
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
        this.lastFixHosts = changed;
        store.update(() => {
          for (const alias of affected) {
            const record = results?.hosts[alias];
            if (record) record.fixedAt = now;
          }
        });
      }
      await this.#deps.notify({
        kind: 'fix-verified',
        hosts: changed,
        title: appMessage('notify.fix-verified.title', { aliases: listAliases(changed) }),
        body: appMessage('notify.fix-verified.body', { configFile: plan.realPath }),
        quiet: true,
        focusAlias: changed[0] ?? null,
      });
    } else if (outcome.status === 'restored') {
      await this.#deps.notify({
        kind: 'fix-restored',
        hosts: changed,
        title: appMessage('notify.fix-restored.title', { configFile: plan.realPath }),
        body: appMessage('notify.fix-restored.body', { reason: outcome.message.text }),
        quiet: false,
        focusAlias: changed[0] ?? null,
      });
    }
    store.emit();
    const recheck = [...new Set([...affected, ...changed])].filter((alias) =>
      (facts.aliases ?? []).includes(alias),
    );
    if (outcome.status === 'verified' && recheck.length > 0)
      this.#deps.request({ reason: 'after-fix', mode: 'session', hosts: recheck });
  }
}

/** `systemConfig` for the core when the config is ssh's default (the system config is read after it). */
function systemConfigOption(configFile: string | null): { systemConfig?: string } {
  const system = systemConfigAfter(configFile);
  return system === null ? {} : { systemConfig: system };
}
