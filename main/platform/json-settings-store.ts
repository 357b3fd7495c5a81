/**
 * Settings in one JSON file, validated on every read against the contract's
 * SettingsSchema. A file that is not JSON or does not match (hand-edited, from
 * a newer version, truncated) gives the defaults, and the bad file is kept
 * aside beside it, so the app keeps working and nothing is lost. (`conf`
 * validates with JSON Schema and can only clear an invalid file, not keep it
 * aside; this store is the few lines that do exactly that.)
 */
import * as v from 'valibot';
import { DEFAULT_SETTINGS, SettingsSchema, describeIssues, type Settings } from '../shared/ipc-contract.ts';
import type { Logger, SettingsStore } from '../app/ports.ts';
import { keepAside, readJson, writeJsonAtomic } from './atomic-json-file.ts';

export class JsonSettingsStore implements SettingsStore {
  readonly file: string;
  readonly #log: Logger;
  #cached: Settings | null = null;

  constructor(file: string, log: Logger) {
    this.file = file;
    this.#log = log;
  }

  read(): Settings {
    if (this.#cached) return { ...this.#cached };
    const read = readJson(this.file);
    let settings: Settings = { ...DEFAULT_SETTINGS, excludedHosts: [] };
    if (read.kind === 'ok') {
      // Keys added by a later version default; anything present must be valid.
      const result = v.safeParse(SettingsSchema, { ...DEFAULT_SETTINGS, ...(read.data as object) });
      if (
        result.success &&
        typeof read.data === 'object' &&
        read.data !== null &&
        !Array.isArray(read.data)
      ) {
        settings = result.output;
      } else {
        this.#setAside(result.success ? 'not an object' : describeIssues(result.issues));
      }
    } else if (read.kind === 'corrupt') {
      this.#setAside(read.reason);
    }
    this.#cached = settings;
    return { ...settings };
  }

  write(settings: Settings): void {
    const valid = v.parse(SettingsSchema, settings);
    writeJsonAtomic(this.file, valid);
    this.#cached = valid;
  }

  #setAside(reason: string): void {
    const aside = keepAside(this.file, Date.now());
    this.#log.warn('settings file is not valid; using the defaults', {
      file: this.file,
      reason,
      keptAs: aside,
    });
  }
}
