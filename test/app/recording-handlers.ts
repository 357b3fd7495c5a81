/** Request handlers for the dispatcher's tests: they record what reached them, or all do one thing. */
import type { RequestHandlers } from '../../main/app/request-handlers.ts';
import { INVOKE_CHANNELS } from '../../main/shared/ipc-contract.ts';
import { SAMPLES } from '../electron/contract-samples.ts';

/** Handlers that record what reached the controller and answer with each channel's sample. */
export function recordingHandlers(): {
  handlers: RequestHandlers;
  calls: { channel: string; request: unknown }[];
} {
  const calls: { channel: string; request: unknown }[] = [];
  const entries = INVOKE_CHANNELS.map((channel) => [
    channel,
    async (request: unknown) => {
      calls.push({ channel, request });
      return SAMPLES[channel].response;
    },
  ]);
  return { handlers: Object.fromEntries(entries) as unknown as RequestHandlers, calls };
}

/** Handlers that all do `work` instead. */
export function handlersDoing(work: () => Promise<unknown>): RequestHandlers {
  return Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, work])) as unknown as RequestHandlers;
}
