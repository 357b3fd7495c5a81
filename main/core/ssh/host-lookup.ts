import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';

/**
 * Name resolution shared by everything one check does with a host: the path
 * key that lets aliases share a probe resolves the name, and the raw probe
 * connects to it a moment later. A name that does not resolve would otherwise
 * cost the resolver's timeout twice. Answers are kept only briefly, so a
 * long-running app sees the network change.
 */
const KEEP_MS = 10_000;
const answers = new Map<string, Promise<LookupAddress[]>>();

export function lookupAll(hostname: string, family: 0 | 4 | 6 = 0): Promise<LookupAddress[]> {
  const key = `${family}/${hostname.toLowerCase()}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = lookup(hostname, { all: true, family });
    answers.set(key, answer);
    const forget = (): void => {
      setTimeout(() => answers.delete(key), KEEP_MS).unref();
    };
    answer.then(forget, forget);
  }
  return answer;
}

/** The same answers as a `net.connect` lookup function (Node asks with `all` for happy eyeballs). */
export const sharedLookup: LookupFunction = (hostname, options, callback) => {
  const family = options.family === 4 || options.family === 6 ? options.family : 0;
  lookupAll(hostname, family).then(
    (addresses) => {
      const first = addresses[0];
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    },
    (error: NodeJS.ErrnoException) => callback(error, '', 0),
  );
};
