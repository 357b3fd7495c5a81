import { abortError } from './errors.ts';

/** A counting semaphore whose waiters can be cancelled. */
export class Semaphore {
  private available: number;
  private readonly waiters: (() => void)[] = [];

  constructor(permits: number) {
    this.available = permits;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw abortError(signal);
    if (this.available > 0) {
      this.available--;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(wake);
        if (index !== -1) this.waiters.splice(index, 1);
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(wake);
    });
    return this.releaser();
  }

  async use<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next)
        next(); // hand the permit straight over
      else this.available++;
    };
  }
}

/**
 * Bounds the connections we hold open: a global limit keeps file descriptors
 * in check (a macOS app starts with 256), and a per-server limit keeps us well
 * under sshd's MaxStartups (10 unauthenticated connections by default), since
 * our probes never authenticate and several aliases often name one server.
 * A server is an endpoint, address and port (see `forEndpoint`): Vagrant and
 * container port forwards are many servers on one address, and several names
 * for one address are one server.
 */
export class ConnectionLimiter {
  private readonly global: Semaphore;
  private readonly perServer = new Map<string, Semaphore>();
  private readonly perServerLimit: number;

  constructor(globalLimit: number, perServerLimit: number) {
    this.global = new Semaphore(globalLimit);
    this.perServerLimit = perServerLimit;
  }

  async use<T>(server: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let serverSlots = this.perServer.get(server);
    if (!serverSlots) {
      serverSlots = new Semaphore(this.perServerLimit);
      this.perServer.set(server, serverSlots);
    }
    return serverSlots.use(() => this.global.use(work, signal), signal);
  }

  /** The same limits, with every connection counted against `endpoint` whatever server name the caller passes. */
  forEndpoint(endpoint: string): ConnectionLimiter {
    return new EndpointLimiter(this, endpoint);
  }
}

class EndpointLimiter extends ConnectionLimiter {
  private readonly shared: ConnectionLimiter;
  private readonly endpoint: string;

  constructor(shared: ConnectionLimiter, endpoint: string) {
    super(1, 1); // unused: every call goes to the shared limiter
    this.shared = shared;
    this.endpoint = endpoint;
  }

  override use<T>(_server: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.shared.use(this.endpoint, work, signal);
  }
}

/** Maps items with at most `limit` in flight, keeping input order in the result. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (signal?.aborted) throw abortError(signal);
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Runs each key's work once; later callers with the same key share its promise. */
export function sharedByKey<T>(): (key: string, work: () => Promise<T>) => Promise<T> {
  const started = new Map<string, Promise<T>>();
  return (key, work) => {
    let promise = started.get(key);
    if (!promise) {
      promise = work();
      started.set(key, promise);
    }
    return promise;
  };
}
