/**
 * The settings: validated against the contract on every change, written
 * through the port, and what each change sets off (the login item, the
 * interval, the end of a mute, a new config file to check, the first check
 * once the first-run view is answered).
 */
import * as v from 'valibot';
import { SettingsSchema, type Settings } from '../shared/ipc-contract.ts';
import type { SettingsStore } from './ports.ts';

export interface SettingsEffects {
  launchAtLogin(on: boolean): void;
  interval(): void;
  muteEnd(): void;
  /** After any change, once the new settings are current. */
  changed(): void;
  configFile(): void;
  /** Issue 17: the first-run view was answered (the login policy went from null to a choice). */
  consentGiven(): void;
}

export class SettingsKeeper {
  readonly #store: SettingsStore;
  readonly #effects: SettingsEffects;
  #current: Settings;

  constructor(store: SettingsStore, effects: SettingsEffects) {
    this.#store = store;
    this.#effects = effects;
    this.#current = store.read();
  }

  get current(): Settings {
    return this.#current;
  }

  update(change: Partial<Settings>): Settings {
    const next = v.parse(SettingsSchema, { ...this.#current, ...change });
    const previous = this.#current;
    this.#store.write(next);
    this.#current = next;
    const effects = this.#effects;
    if (next.launchAtLogin !== previous.launchAtLogin) effects.launchAtLogin(next.launchAtLogin);
    if (next.intervalMinutes !== previous.intervalMinutes) effects.interval();
    if (next.muteUntil !== previous.muteUntil) effects.muteEnd();
    effects.changed();
    if (previous.loginPolicy === null && next.loginPolicy !== null) effects.consentGiven();
    if (next.configFile !== previous.configFile) effects.configFile();
    return { ...next };
  }
}
