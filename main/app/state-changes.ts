/**
 * What changed between two AppStates, as events: a check started or finished,
 * the network changed, a host's status changed, a problem appeared or cleared.
 * `watch` prints these; anything else that wants a log of the app can too.
 */
import type { AppState, HostStatus, Message } from '../shared/ipc-contract.ts';

export type StateChange =
  | { type: 'check-started'; network: string | null; mode: string | null }
  | {
      type: 'check-finished';
      network: string | null;
      hosts: { alias: string; verdict: HostStatus; summary: string | null }[];
      durationMs: number | null;
      problem: string | null;
    }
  | { type: 'network-changed'; network: { id: string; label: string } | null }
  | {
      type: 'host-changed';
      alias: string;
      from: HostStatus;
      to: HostStatus;
      network: string | null;
      summary: string | null;
    }
  | { type: 'problem'; kind: string; message: string }
  | { type: 'problem-cleared' };

const networkLabel = (state: AppState): string | null => state.network?.label ?? null;

/**
 * `say`: the messages' text in the user's language (`watch`'s human lines); by default their English.
 * `hint`: the words for a problem's hint from its params (`hint`, `hintCode`); `watch` says the CLI's,
 * which name its flags; by default the core's English.
 */
export function stateChanges(
  previous: AppState | null,
  next: AppState,
  say: (message: Message) => string = (message) => message.text,
  hint: (params: Message['params']) => string | undefined = (params) =>
    typeof params.hint === 'string' ? params.hint : undefined,
): StateChange[] {
  const changes: StateChange[] = [];
  if (previous?.network?.id !== next.network?.id && next.network) {
    changes.push({ type: 'network-changed', network: next.network });
  }
  const wasRunning = previous?.check.running ?? false;
  if (!wasRunning && next.check.running) {
    changes.push({ type: 'check-started', network: networkLabel(next), mode: next.check.mode });
  }
  const before = new Map((previous?.hosts ?? []).map((host) => [host.alias, host]));
  const sameNetwork = previous?.network?.id === next.network?.id;
  for (const host of next.hosts) {
    const from = before.get(host.alias)?.status ?? 'unchecked';
    // A network switch shows that network's memory: not a change of the host.
    if (from !== host.status && sameNetwork) {
      changes.push({
        type: 'host-changed',
        alias: host.alias,
        from,
        to: host.status,
        network: networkLabel(next),
        summary: host.summary ? say(host.summary) : null,
      });
    }
  }
  if (next.problem && next.problem.message.text !== previous?.problem?.message.text) {
    // The CLI says the core's hint too (it names the CLI's flags); the app's lines leave it out.
    const words = hint(next.problem.message.params);
    const message = say(next.problem.message) + (words === undefined ? '' : ` ${words}`);
    changes.push({ type: 'problem', kind: next.problem.kind, message });
  } else if (!next.problem && previous?.problem) {
    changes.push({ type: 'problem-cleared' });
  }
  if (wasRunning && !next.check.running) {
    changes.push({
      type: 'check-finished',
      network: networkLabel(next),
      hosts: next.hosts.map((host) => ({
        alias: host.alias,
        verdict: host.status,
        summary: host.summary ? say(host.summary) : null,
      })),
      // Only a run of every host updates lastCheck; a re-check of a few leaves it.
      durationMs:
        next.lastCheck && next.lastCheck.finishedAt !== previous?.lastCheck?.finishedAt
          ? next.lastCheck.durationMs
          : null,
      problem: next.problem?.kind ?? null,
    });
  }
  return changes;
}
