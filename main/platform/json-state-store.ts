import type { Logger, StateStore } from '../app/ports.ts';
import { keepAside, readJson, writeJsonAtomic } from './atomic-json-file.ts';

/**
 * The controller's memory (results per network, alert memory) in one JSON
 * file. It returns what it reads; the controller validates the shape. An
 * unreadable file is kept aside and the memory starts empty.
 */
export class JsonStateStore<T> implements StateStore<T> {
  readonly file: string;
  readonly #log: Logger;

  constructor(file: string, log: Logger) {
    this.file = file;
    this.#log = log;
  }

  read(): T | null {
    const read = readJson(this.file);
    if (read.kind === 'ok') return read.data as T;
    if (read.kind === 'corrupt') {
      const aside = keepAside(this.file, Date.now());
      this.#log.warn('saved results are unreadable; starting with none', { file: this.file, keptAs: aside });
    }
    return null;
  }

  write(state: T): void {
    writeJsonAtomic(this.file, state);
  }
}
