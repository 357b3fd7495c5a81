/**
 * Issue 17: one sentence a person understands for a host, and what to do next,
 * from its status and the core's summary code. The core's own sentence and the
 * evidence stay in "Technical details".
 */
import type { UiKey } from '../../main/shared/i18n/catalog-en.ts';
import type { HostView } from '../../main/shared/ipc-contract.ts';
import type { Translator } from './i18n.ts';

/** Verdicts where the fix was tried with the user's own ssh (or the screen saw TOS 0 work and ssh confirm). */
const TESTED = /^verdict\.needs-ipqos-0\.(session-breaks|reaches-auth|screen-confirmed)/;

/** The host's ssh could not log in without a prompt: "reachable, not confirmed", with its own next step. */
export function couldNotLogIn(host: HostView): boolean {
  return (
    host.summary?.code.includes('no-login') === true ||
    host.evidence.some((line) => line.code === 'evidence.no-login')
  );
}

export function viaJumpHop(host: HostView): string | null {
  return host.fixAlias !== null && host.fixAlias !== host.alias ? host.fixAlias : null;
}

export function plainSentence(host: HostView, { t }: Pick<Translator, 't'>): string {
  const params = { alias: host.alias, hop: viaJumpHop(host) ?? '' };
  switch (host.status) {
    case 'needs-ipqos-0':
      if (viaJumpHop(host)) return t('ui.plain.needs-ipqos-0.via-jump', params);
      return t(
        TESTED.test(host.summary?.code ?? '')
          ? 'ui.plain.needs-ipqos-0.tested'
          : 'ui.plain.needs-ipqos-0.untested',
        params,
      );
    case 'screened':
      return t(couldNotLogIn(host) ? 'ui.plain.screened.no-login' : 'ui.plain.screened', params);
    case 'inconclusive':
      return t(isLocalNetworkRefusal(host) ? 'ui.plain.local-network' : 'ui.plain.inconclusive', params);
    default:
      return t(`ui.plain.${host.status}`, params);
  }
}

/** macOS's Local Network privacy refused the probe: the way forward is its switch in System Settings. */
export function isLocalNetworkRefusal(host: HostView): boolean {
  return host.status === 'inconclusive' && host.summary?.code === 'verdict.inconclusive.local-network';
}

/** Every state that is not fine has a next step; fine ones have none. */
export function nextStepKey(host: HostView): UiKey | null {
  switch (host.status) {
    case 'needs-ipqos-0':
    case 'server-side':
    case 'unreachable':
      return `ui.next.${host.status}`;
    case 'inconclusive':
      return isLocalNetworkRefusal(host) ? 'ui.next.local-network' : 'ui.next.inconclusive';
    case 'screened':
      return couldNotLogIn(host) ? 'ui.next.screened.no-login' : 'ui.next.screened';
    default:
      return null;
  }
}

/** The states that get a Why? view. */
export function hasWhy(host: HostView): boolean {
  return nextStepKey(host) !== null;
}
