import net from 'node:net';
import { Client } from 'ssh2';
import { sharedLookup } from '../ssh/host-lookup.ts';
import { outcomeOfSocketError, type NetOutcome } from './probe-outcome.ts';

export interface TosProbeRequest {
  host: string;
  port: number;
  username: string;
  /** TOS bytes to switch to, in turn, once the unmarked `none` request was answered; each gets its own request. */
  switches: readonly number[];
  /** Deadline for the unmarked part: connect, key exchange, first `none` reply. */
  baselineTimeoutMs: number;
  /** Deadline for the reply after the switch, from the first reply's round trip. */
  switchTimeoutMs: (noneRoundTripMs: number) => number;
  signal?: AbortSignal;
}

export type TosProbeStage = 'connect' | 'version' | 'kex' | 'auth';

export interface TosProbeResult {
  /** The unmarked part: TOS 0 through key exchange and a `none` request. */
  baseline: TosBaseline;
  /** The same connection after each switch, up to the first that broke it; empty when the baseline failed. */
  switched: SwitchResult[];
}

export interface TosBaseline {
  outcome: NetOutcome;
  /** connect: no TCP connection yet; version: connected, not one byte from the server yet; kex: bytes arrived. */
  stage: TosProbeStage;
  detail: string;
  durationMs: number;
  /** Bytes the server sent before the end: 0 after a connect means not even its version line arrived. */
  bytesReceived: number;
  /** The socket's error code when one ended the attempt (EPERM, EHOSTUNREACH, …), else null. */
  errno: string | null;
  /** The address the name resolved to (or the literal address), when known. */
  address: string | null;
}

export interface SwitchResult {
  tos: number;
  outcome: NetOutcome;
  detail: string;
  durationMs: number;
  /** The wait for the reply, derived from the baseline's round trip. */
  timeoutMs: number;
}

const IDENT = 'IPQoSDoctor_probe';

/**
 * The credential-free probe, on one connection. It opens the TCP socket itself
 * (so it owns the TOS byte), runs the SSH key exchange with ssh2 and sends a
 * `none` authentication request with TOS 0: the reply (methods, a banner,
 * success) proves the path. Then it switches TOS the way OpenSSH does
 * mid-connection and asks again, once per marking: a reply means the path
 * tolerates the change; a reset or silence means it does not. It never sends
 * a key or password and records no host key. Node applies TOS only once connected, so
 * the SYN always leaves unmarked.
 */
export function runTosProbe(request: TosProbeRequest): Promise<TosProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let stage: TosProbeStage = 'connect';
    let settled = false;
    let baseline: TosBaseline | undefined;
    let errno: string | null = null;
    let address: string | null = net.isIP(request.host) === 0 ? null : request.host;
    const switched: SwitchResult[] = [];
    let switchedAt = 0;
    let switchTimeoutMs = 0;
    // The check resolved this name a moment ago to key its path: use that answer.
    const socket = net.connect({ host: request.host, port: request.port, lookup: sharedLookup });
    socket.setNoDelay(true); // ssh2 writes small packets; Nagle would add delayed-ACK stalls to every round trip
    const client = new Client();
    const elapsed = (since: number): number => Math.round(performance.now() - since);

    const finish = (outcome: NetOutcome, detail: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      client.removeAllListeners();
      client.on('error', () => {}); // late errors after we decided
      socket.destroy();
      client.end();
      if (!baseline) {
        const bytesReceived = socket.bytesRead;
        resolve({
          baseline: { outcome, stage, detail, durationMs: elapsed(started), bytesReceived, errno, address },
          switched,
        });
        return;
      }
      recordSwitch(outcome, detail);
      resolve({ baseline, switched });
    };
    /** Closes the switch under way, if any, with what became of it. */
    const recordSwitch = (outcome: NetOutcome, detail: string): void => {
      const tos = request.switches[switched.length];
      if (switchedAt === 0 || tos === undefined) return;
      switched.push({ tos, outcome, detail, durationMs: elapsed(switchedAt), timeoutMs: switchTimeoutMs });
      switchedAt = 0;
    };
    const deadline = (ms: number): NodeJS.Timeout =>
      setTimeout(
        () => finish('timeout', `no answer within ${ms} ms${baseline ? '' : ` (stuck at ${stage})`}`),
        ms,
      );
    let timer = deadline(request.baselineTimeoutMs);
    const onAbort = (): void => finish('error', 'cancelled');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();

    socket.once('lookup', (error: Error | null, resolved: string) => {
      if (!error) address = resolved;
    });
    socket.once('connect', () => {
      stage = 'version';
      socket.setTypeOfService(0);
    });
    // ssh2 reports the server's version line only when lines precede it: the first byte is the sign.
    socket.once('data', () => {
      if (stage === 'version') stage = 'kex';
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      errno ??= error.code ?? null;
      finish(
        outcomeOfSocketError(error.code),
        `${error.code ?? 'socket error'}${baseline ? '' : ` during ${stage}`}`,
      );
    });
    socket.on('close', () =>
      finish('closed', `the server closed the connection${baseline ? '' : ` during ${stage}`}`),
    );
    client.on('greeting', () => (stage = 'kex'));
    client.on('handshake', () => (stage = 'auth'));
    client.on('ready', () => finish('ok', 'the server accepted authentication "none"'));
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (error.code) {
        errno ??= error.code;
        return finish(outcomeOfSocketError(error.code), `${error.code} during ${stage}`);
      }
      finish(stage === 'connect' ? 'error' : 'closed', `${error.message} during ${stage}`);
    });

    let noneSentAt = 0;
    let requests = 0;
    client.connect({
      sock: socket,
      username: request.username,
      ident: IDENT,
      readyTimeout: 0, // we time out ourselves, from outside
      keepaliveInterval: 0,
      hostVerifier: () => true, // nothing is recorded: no known_hosts is read or written
      authHandler: (methodsLeft, _partial, next) => {
        requests++;
        if (requests === 1) {
          noneSentAt = performance.now();
          return next({ type: 'none', username: request.username });
        }
        const methods = (methodsLeft ?? []).join(',') || 'none';
        if (requests === 2) {
          baseline = {
            outcome: 'ok',
            stage,
            detail: `the server answered "none" (methods: ${methods})`,
            durationMs: elapsed(started),
            bytesReceived: socket.bytesRead,
            errno: null,
            address: socket.remoteAddress ?? address,
          };
          switchTimeoutMs = request.switchTimeoutMs(performance.now() - noneSentAt);
        } else {
          recordSwitch('ok', 'answered');
        }
        const nextTos = request.switches[switched.length];
        if (nextTos !== undefined) {
          clearTimeout(timer);
          timer = deadline(switchTimeoutMs);
          switchedAt = performance.now();
          socket.setTypeOfService(nextTos);
          // sshd counts each repeated "none" as one failed attempt of MaxAuthTries (6): harmless here.
          return next({ type: 'none', username: request.username });
        }
        // The reply is all we wanted; finish() closes the connection without trying anything else.
        finish('ok', `the server answered "none" again (methods: ${methods})`);
      },
    });
  });
}
