import { createHash } from 'node:crypto';

/** The settings `ssh -G` prints, one entry per key (lower case), values in order. */
export type SshOptions = ReadonlyMap<string, readonly string[]>;

export function parseSshG(stdout: string): Map<string, string[]> {
  const options = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const space = trimmed.indexOf(' ');
    const key = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
    const value = space === -1 ? '' : trimmed.slice(space + 1);
    const values = options.get(key);
    if (values) values.push(value);
    else options.set(key, [value]);
  }
  return options;
}

export function firstValue(options: SshOptions, key: string): string | undefined {
  return options.get(key)?.[0];
}

/** The effective settings the probes and verdicts need. */
export interface EffectiveHost {
  hostname: string;
  port: number;
  user: string;
  /** `ssh -G`'s `ipqos` pair, e.g. `af21 cs1`, `lowdelay throughput`, `cs0 cs0`, `none none`. */
  ipqos: { interactive: string; bulk: string };
  proxyJump: string | undefined;
  proxyCommand: string | undefined;
  connectTimeout: string | undefined;
  userKnownHostsFiles: string[];
  /** Key exchange algorithms in the client's order of preference. */
  kexAlgorithms: string[];
  /** inet, inet6 or any: which addresses of the name ssh connects to. */
  addressFamily: string;
  /**
   * Every setting `ssh -G` printed except the alias itself: two aliases with
   * the same digest are the same ssh (path, marking, user, keys, known_hosts).
   */
  settingsDigest: string;
}

export function toEffectiveHost(options: SshOptions): EffectiveHost {
  const ipqos = (firstValue(options, 'ipqos') ?? 'none none').split(/\s+/);
  const interactive = ipqos[0] ?? 'none';
  const proxyJump = firstValue(options, 'proxyjump');
  const proxyCommand = firstValue(options, 'proxycommand');
  const connectTimeout = firstValue(options, 'connecttimeout');
  return {
    hostname: firstValue(options, 'hostname') ?? '',
    port: Number(firstValue(options, 'port') ?? '22'),
    user: firstValue(options, 'user') ?? '',
    ipqos: { interactive, bulk: ipqos[1] ?? interactive },
    proxyJump: proxyJump && proxyJump !== 'none' ? proxyJump : undefined,
    proxyCommand: proxyCommand && proxyCommand !== 'none' ? proxyCommand : undefined,
    connectTimeout: connectTimeout && connectTimeout !== 'none' ? connectTimeout : undefined,
    userKnownHostsFiles: (firstValue(options, 'userknownhostsfile') ?? '').split(/\s+/).filter(Boolean),
    kexAlgorithms: (firstValue(options, 'kexalgorithms') ?? '').split(',').filter(Boolean),
    addressFamily: firstValue(options, 'addressfamily') ?? 'any',
    settingsDigest: createHash('sha256')
      .update(
        [...options]
          .filter(([key]) => key !== 'host')
          .map(([key, values]) => `${key} ${values.join('\n')}`)
          .join('\n'),
      )
      .digest('base64url'),
  };
}
