/**
 * What a request's failure says, as codes with their English (issue 16 §2):
 * made by the dispatcher in main, the preview server, and the renderer's own
 * end of the pipe, translated like every other Message (Japanese in APP_JA).
 */
import { interpolate, type TemplateParams } from './interpolate.ts';

export const IPC_MESSAGE_TEMPLATES = {
  'ipc.invalid-request': '{{channel}}: {{issues}}',
  'ipc.not-an-object': '{{channel}}: the request must be an object, not an array.',
  'ipc.refused-sender': '{{channel}}: refused, the request did not come from the IPQoS Doctor popover.',
  'ipc.refused': '{{reason}}',
  'ipc.bad-response': '{{channel}}: the app produced an answer it cannot show.',
  'ipc.bad-reply': '{{channel}}: bad response ({{issues}})',
  'ipc.failed': '{{channel}}: {{reason}}',
  'ipc.unreachable': '{{channel}}: {{reason}}',
  'ipc.bridge-missing': 'window.ipqos is missing',
  'ipc.busy': 'Another change is being written.',
  'ipc.no-result': '{{alias}} has no result on this network yet.',
  'ipc.hint.see-log': 'Details are in the log: menu › Open log.',
  'ipc.hint.reopen': 'Quit and reopen IPQoS Doctor.',
  'ipc.hint.try-again': 'Try again in a moment.',
  'ipc.hint.plan-again': 'Ask for the change again.',
  'ipc.hint.check-first': 'Run a check, then fix what it found.',
  'ipc.hint.run-check': 'Run a check first.',
  'ipc.hint.manual': '{{steps}}',
} as const satisfies Record<string, string>;

export type IpcMessageCode = keyof typeof IPC_MESSAGE_TEMPLATES;

/** A Message (ipc-contract.ts) with its English filled in. */
export function ipcMessage(
  code: IpcMessageCode,
  params: TemplateParams = {},
): { code: string; params: TemplateParams; text: string } {
  return { code, params, text: interpolate(IPC_MESSAGE_TEMPLATES[code], params) };
}
