/** The first hop of a ProxyJump value: the one whose socket carries our TOS. */
export interface JumpHop {
  host: string;
  user: string | undefined;
  port: number | undefined;
}

/** Parses `[user@]host[:port]` or `ssh://[user@]host[:port]`, the forms ssh_config(5) allows. */
export function firstJumpHop(proxyJump: string): JumpHop | undefined {
  const first = proxyJump
    .split(',')[0]
    ?.trim()
    .replace(/^ssh:\/\//, '');
  if (!first) return undefined;
  const at = first.lastIndexOf('@');
  const user = at === -1 ? undefined : first.slice(0, at);
  let rest = first.slice(at + 1);
  let port: number | undefined;
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(rest);
  if (bracketed?.[1]) {
    rest = bracketed[1];
    port = bracketed[2] ? Number(bracketed[2]) : undefined;
  } else {
    const colon = /^([^:]+):(\d+)$/.exec(rest);
    if (colon?.[1]) {
      rest = colon[1];
      port = Number(colon[2]);
    }
  }
  if (rest === '' || rest.startsWith('-')) return undefined;
  return { host: rest, user, port };
}

/** The `-o` options `ssh -W` gets for the hop: ssh passes only -l and -p from the jump spec. */
export function hopOptions(hop: JumpHop): string[] {
  const options: string[] = [];
  if (hop.user !== undefined) options.push(`User=${hop.user}`);
  if (hop.port !== undefined) options.push(`Port=${hop.port}`);
  return options;
}
