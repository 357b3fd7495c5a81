import net from 'node:net';
import { Client } from 'ssh2';
import { formatTos } from '../ssh/ipqos-values.ts';
import { outcomeOfSocketError, type NetOutcome } from './probe-outcome.ts';

export interface TosProbeRequest {
  host: string;
  port: number;
  username: string;
  /** TOS byte to switch to after key exchange, before the `none` auth request; undefined = stay at 0. */
  tosAfterKex: number | undefined;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type TosProbeStage = 'connect' | 'version' | 'kex' | 'auth' | 'reply';

export interface TosProbeResult {
  outcome: NetOutcome;
  /** How far the exchange got before it ended. */
  stage: TosProbeStage;
  /** What the server said, or what went wrong. */
  detail: string;
  /** Time to the `none` reply (or to the failure). */
  durationMs: number;
  tosAfterKex: number | undefined;
}

const IDENT = 'IPQoSDoctor_probe';

/**
 * The credential-free probe. It opens the TCP socket itself (so it owns the
 * TOS byte), runs the SSH key exchange with ssh2, optionally switches TOS the
 * way OpenSSH does mid-connection, then sends a `none` authentication request.
 * Any reply (a failure listing methods, a banner, success) proves the path
 * carried the changed marking. It never sends a key or password and records
 * no host key. Node applies a TOS set before connect only once connected, so
 * the SYN always leaves unmarked.
 */
export function runTosProbe(request: TosProbeRequest): Promise<TosProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let stage: TosProbeStage = 'connect';
    let settled = false;
    const socket = net.connect({ host: request.host, port: request.port });
    const client = new Client();

    const finish = (outcome: NetOutcome, detail: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      client.removeAllListeners();
      client.on('error', () => {}); // late errors after we decided
      socket.destroy();
      client.end();
      resolve({
        outcome,
        stage,
        detail,
        durationMs: Math.round(performance.now() - started),
        tosAfterKex: request.tosAfterKex,
      });
    };
    const timer = setTimeout(
      () => finish('timeout', `no answer within ${request.timeoutMs} ms (stuck at ${stage})`),
      request.timeoutMs,
    );
    const onAbort = (): void => finish('error', 'cancelled');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();

    socket.once('connect', () => {
      stage = 'version';
      socket.setTypeOfService(0);
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish(outcomeOfSocketError(error.code), `${error.code ?? 'socket error'} during ${stage}`),
    );
    socket.on('close', () => finish('closed', `the server closed the connection during ${stage}`));
    client.on('greeting', () => (stage = 'kex'));
    client.on('handshake', () => (stage = 'auth'));
    client.on('banner', (message: string) => finish('ok', `banner: ${message.trim().slice(0, 80)}`));
    client.on('ready', () => finish('ok', 'the server accepted authentication "none"'));
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (error.level === 'client-authentication') return; // handled in authHandler
      if (error.code) return finish(outcomeOfSocketError(error.code), `${error.code} during ${stage}`);
      finish(stage === 'connect' ? 'error' : 'closed', `${error.message} during ${stage}`);
    });

    let askedNone = false;
    client.connect({
      sock: socket,
      username: request.username,
      ident: IDENT,
      readyTimeout: 0, // we time out ourselves, from outside
      keepaliveInterval: 0,
      hostVerifier: () => true, // nothing is recorded: no known_hosts is read or written
      authHandler: (methodsLeft, _partial, next) => {
        if (!askedNone) {
          askedNone = true;
          if (request.tosAfterKex !== undefined) socket.setTypeOfService(request.tosAfterKex);
          return next({ type: 'none', username: request.username });
        }
        const methods = (methodsLeft ?? []).join(',') || 'none';
        stage = 'reply';
        // The reply is all we wanted; finish() closes the connection without trying anything else.
        finish('ok', `the server answered the "none" request (methods: ${methods})`);
      },
    });
  });
}

export function describeTosProbe(result: TosProbeResult): string {
  const marking =
    result.tosAfterKex === undefined
      ? 'TOS 0 throughout'
      : `TOS 0 through key exchange, then ${formatTos(result.tosAfterKex)}`;
  return `raw probe (${marking}): ${result.outcome === 'ok' ? 'answered' : result.outcome} in ${result.durationMs} ms — ${result.detail}`;
}
