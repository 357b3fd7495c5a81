/** Request handlers for a fixed state (the popover's UI tests and bench): every other request is refused. */
import { IpcFailure } from '../../main/app/ipc-failure.ts';
import type { RequestHandlers } from '../../main/app/request-handlers.ts';
import { DEFAULT_SETTINGS, INVOKE_CHANNELS, type AppState } from '../../main/shared/ipc-contract.ts';

export function fixtureHandlers(state: () => AppState): RequestHandlers {
  const refuse = async (): Promise<never> => {
    throw new IpcFailure('not-allowed', {
      code: 'test.not-in-fixture',
      params: {},
      text: 'not in the fixture',
    });
  };
  const refusing = Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, refuse]));
  return {
    ...(refusing as unknown as RequestHandlers),
    'state:get': async () => state(),
    'settings:get': async () => ({ ...DEFAULT_SETTINGS }),
  };
}
