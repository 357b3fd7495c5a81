/**
 * The one contract between the main process (or the preview server) and the
 * popover: channel names, payload schemas, and the types derived from them.
 * Main validates every request against it before acting; the renderer
 * validates every response and event before showing it. No Node, no Electron:
 * the renderer bundle, the preload and the controller all import this file.
 */
import * as v from 'valibot';
import { CHECK_MODES, type CheckMode } from './check-modes.ts';
import { ipcMessage } from './ipc-messages.ts';

// ---------- building blocks ----------

/** A concrete ssh alias as it appears on a Host line: no spaces, no controls, never a leading '-'. */
export const AliasSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(255),
  v.regex(/^[^\s\p{Cc}-][^\s\p{Cc}]*$/u, 'not an ssh alias'),
);
const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const ListOf = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
/** Hex sha256 of the plan the user was shown; a confirmation must carry it back. */
export const PlanHashSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'not a plan hash'));
const AbsolutePath = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(4096),
  v.startsWith('/', 'must be absolute'),
);

/** A sentence with a stable code (translated in the popover) and its English text (the fallback). */
export const MessageSchema = v.object({
  code: Text(120),
  params: v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.null()])),
  text: Text(4000),
});
export type Message = v.InferOutput<typeof MessageSchema>;

export { CHECK_MODES, type CheckMode };
export const CheckModeSchema = v.picklist(CHECK_MODES);

/** What the popover shows for a host, problems first in this order. */
export const HOST_STATUSES = [
  'needs-ipqos-0', // the marking breaks this path; IPQoS 0 cures it: Fix button
  'server-side', // breaks even with IPQoS 0: the server marks its own packets; no Fix button
  'unreachable', // even an unmarked connection fails: not a QoS problem
  'inconclusive', // the probes could not tell; the evidence says why
  'screened', // the screen passed but no login was possible: never a plain OK
  'ok', // a session with the user's own ssh worked on this network
  'not-applicable', // ProxyCommand: ssh sets no TOS
  'excluded', // the user excluded it in Preferences
  'unchecked', // not checked on this network yet
] as const;
export const HostStatusSchema = v.picklist(HOST_STATUSES);
export type HostStatus = v.InferOutput<typeof HostStatusSchema>;

export const HostViewSchema = v.object({
  alias: AliasSchema,
  hostname: Text(255),
  port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
  user: Text(255),
  status: HostStatusSchema,
  summary: v.nullable(MessageSchema),
  evidence: ListOf(MessageSchema, 100),
  /** Where `IPQoS 0` goes: this alias, or the jump host it connects through; null when no fix applies. */
  fixAlias: v.nullable(AliasSchema),
  /** The config holds this tool's marked IPQoS 0 block for the alias: Undo is offered. */
  fixedByTool: v.boolean(),
  lastCheckedAt: v.nullable(Timestamp),
  /** Last working session with the user's own ssh on this network. */
  lastSessionAt: v.nullable(Timestamp),
});
export type HostView = v.InferOutput<typeof HostViewSchema>;

export const TRAY_STATES = ['idle', 'needs-fix', 'checking', 'problem'] as const;
export const TrayStateSchema = v.picklist(TRAY_STATES);
export type TrayState = v.InferOutput<typeof TrayStateSchema>;

export const PROBLEM_KINDS = ['ssh-missing', 'config-unreadable', 'no-hosts', 'check-failed'] as const;

/** An OpenSSH client found on this machine (main/platform/user-ssh.ts). */
export const SshClientSchema = v.object({ path: Text(4096), version: v.nullable(Text(200)) });
export type SshClientView = v.InferOutput<typeof SshClientSchema>;

export const AppStateSchema = v.object({
  /** Grows with every change, so a late event never replaces a newer state. */
  revision: Count,
  configFile: Text(4096),
  sshVersion: v.nullable(Text(200)),
  network: v.nullable(v.object({ id: Text(200), label: Text(200) })),
  check: v.object({
    running: v.boolean(),
    mode: v.nullable(CheckModeSchema),
    done: Count,
    total: Count,
    /** A trigger came during the run: one more run follows. */
    queued: v.boolean(),
  }),
  lastCheck: v.nullable(v.object({ finishedAt: Timestamp, durationMs: Count, mode: CheckModeSchema })),
  hosts: ListOf(HostViewSchema, 5000),
  problem: v.nullable(v.object({ kind: v.picklist(PROBLEM_KINDS), message: MessageSchema })),
  notifications: v.object({
    status: v.picklist(['on', 'off', 'muted', 'not-allowed', 'unsupported']),
    mutedUntil: v.nullable(Timestamp),
    /** The system's reason when a notification failed (unsigned app, denied in System Settings). */
    detail: v.nullable(Text(1000)),
  }),
  tray: TrayStateSchema,
  /** macOS 26 may hide the icon ("Allow in the Menu Bar" off): the popover then says how to bring it back. */
  menuBarIconHidden: v.boolean(),
  /** Which ssh the app runs and the others found (the app only; `watch` and the preview leave it out). */
  sshClient: v.optional(v.nullable(v.object({ path: Text(4096), choices: ListOf(SshClientSchema, 10) }))),
  /** Issue 17: no login policy chosen yet, so nothing is checked until the first-run view is answered. */
  consentNeeded: v.boolean(),
});
export type AppState = v.InferOutput<typeof AppStateSchema>;

export const LANGUAGES = ['system', 'en', 'ja'] as const;
export const INTERVAL_MINUTES = { min: 1, max: 1440, default: 15 } as const;
/** The check intervals Settings offers (a pop-up, never a free number). */
export const INTERVAL_CHOICES = [5, 15, 30, 60, 240, 1440] as const;
/**
 * When the app may log in with the user's own ssh (issue 17): at most daily per host and network,
 * only on Check now, or never (screen only). null: not chosen yet, the first-run view asks.
 */
export const LOGIN_POLICIES = ['daily', 'manual', 'never'] as const;
export const LoginPolicySchema = v.picklist(LOGIN_POLICIES);
export type LoginPolicy = v.InferOutput<typeof LoginPolicySchema>;

export const SettingsSchema = v.strictObject({
  intervalMinutes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(INTERVAL_MINUTES.min),
    v.maxValue(INTERVAL_MINUTES.max),
  ),
  notifications: v.boolean(),
  muteUntil: v.nullable(Timestamp),
  launchAtLogin: v.boolean(),
  excludedHosts: ListOf(AliasSchema, 1000),
  /** null: ssh's default (~/.ssh/config). */
  configFile: v.nullable(AbsolutePath),
  language: v.picklist(LANGUAGES),
  /** The ssh client the app runs; null: the login shell's (main/platform/user-ssh.ts). */
  sshPath: v.optional(v.nullable(AbsolutePath)),
  loginPolicy: v.nullable(LoginPolicySchema),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  intervalMinutes: INTERVAL_MINUTES.default,
  notifications: true,
  muteUntil: null,
  launchAtLogin: false,
  excludedHosts: [],
  configFile: null,
  language: 'system',
  sshPath: null,
  loginPolicy: null,
}) as Settings;

export const EditPreviewSchema = v.object({
  kind: v.picklist(['fix', 'undo']),
  planHash: PlanHashSchema,
  hosts: ListOf(AliasSchema, 500),
  configFile: Text(4096),
  /** Where the dated backup is written before the change. */
  backupDir: v.nullable(Text(4096)),
  /** Unified diff of the config; empty when there is nothing to do. */
  diff: Text(2_000_000),
  nothingToDo: v.boolean(),
  decisions: ListOf(
    v.object({
      host: Text(255),
      action: v.picklist(['add', 'already', 'remove', 'not-found', 'blocked']),
      detail: Text(2000),
    }),
    500,
  ),
  notes: ListOf(Text(2000), 100),
  writable: v.boolean(),
  /** The same change as steps for a person, when the file cannot be written. */
  manual: v.nullable(Text(100_000)),
});
export type EditPreview = v.InferOutput<typeof EditPreviewSchema>;

export const EditOutcomeSchema = v.object({
  kind: v.picklist(['fix', 'undo']),
  status: v.picklist(['verified', 'restored', 'nothing-to-do', 'refused']),
  message: MessageSchema,
  backupPath: v.nullable(Text(4096)),
  /** `ssh -G`'s ipqos for each changed alias after the write: the proof. */
  proof: ListOf(v.object({ alias: AliasSchema, ipqos: Text(100) }), 500),
});
export type EditOutcome = v.InferOutput<typeof EditOutcomeSchema>;

// ---------- channels ----------

const Empty = v.strictObject({});
const HostsRequest = v.strictObject({
  hosts: v.pipe(v.array(AliasSchema), v.minLength(1), v.maxLength(500)),
});
const ApplyRequest = v.strictObject({
  hosts: v.pipe(v.array(AliasSchema), v.minLength(1), v.maxLength(500)),
  planHash: PlanHashSchema,
});

/** Request → response, renderer to main. Every channel has both schemas, checked by the type below. */
export const INVOKE_CONTRACT = {
  'state:get': { request: Empty, response: AppStateSchema },
  'check:run': {
    request: v.strictObject({ mode: v.optional(v.picklist(['session', 'thorough'])) }),
    response: v.object({ started: v.boolean(), queued: v.boolean() }),
  },
  'fix:plan': { request: HostsRequest, response: EditPreviewSchema },
  'fix:apply': { request: ApplyRequest, response: EditOutcomeSchema },
  'undo:plan': { request: HostsRequest, response: EditPreviewSchema },
  'undo:apply': { request: ApplyRequest, response: EditOutcomeSchema },
  'settings:get': { request: Empty, response: SettingsSchema },
  'settings:set': { request: v.strictObject(v.partial(SettingsSchema).entries), response: SettingsSchema },
  'notifications:mute': {
    request: v.strictObject({ hours: v.picklist([0, 1, 4, 8]) }),
    response: SettingsSchema,
  },
  'report:markdown': {
    request: v.strictObject({ alias: AliasSchema }),
    response: v.object({ markdown: Text(200_000) }),
  },
  'app:open-log': { request: Empty, response: v.null() },
  'app:open-system-settings': {
    request: v.strictObject({ pane: v.picklist(['menu-bar', 'notifications', 'local-network']) }),
    response: v.null(),
  },
  'window:hide': { request: Empty, response: v.null() },
  /** Issue 17: Stop (the running check is aborted, a queued one dropped). */
  'check:cancel': { request: Empty, response: v.null() },
  /** Issue 17: the popover's ⋯ menu items that main carries out. */
  'app:menu': {
    request: v.strictObject({ item: v.picklist(['check-updates', 'about', 'quit']) }),
    response: v.null(),
  },
  /** Issue 17: the popover's content height, so the window fits it (empty states are not a 560 px box). */
  'window:fit': {
    request: v.strictObject({ height: v.pipe(v.number(), v.integer(), v.minValue(120), v.maxValue(800)) }),
    response: v.null(),
  },
  /** Issue 17: the backup of the last edit, revealed in Finder (nothing is opened or run). */
  'app:show-in-finder': { request: v.strictObject({ path: AbsolutePath }), response: v.null() },
} as const satisfies Record<string, { request: v.GenericSchema; response: v.GenericSchema }>;

/** Main to renderer pushes. */
export const EVENT_CONTRACT = {
  state: AppStateSchema,
  /** A notification was clicked: show this host. */
  'focus-host': v.strictObject({ alias: AliasSchema }),
  /** A menu item leads to a view of the popover (Preferences… in the tray menu). */
  'show-view': v.strictObject({ view: v.picklist(['preferences']) }),
} as const satisfies Record<string, v.GenericSchema>;

export type InvokeChannel = keyof typeof INVOKE_CONTRACT;
export type EventChannel = keyof typeof EVENT_CONTRACT;
export type RequestOf<C extends InvokeChannel> = v.InferOutput<(typeof INVOKE_CONTRACT)[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = v.InferOutput<(typeof INVOKE_CONTRACT)[C]['response']>;
export type EventOf<E extends EventChannel> = v.InferOutput<(typeof EVENT_CONTRACT)[E]>;

/** Channel names on the wire carry a prefix, so nothing else on ipcMain can collide. */
export const wireChannel = (channel: InvokeChannel | EventChannel): string => `ipqos:${channel}`;
export const INVOKE_CHANNELS = Object.keys(INVOKE_CONTRACT) as InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(EVENT_CONTRACT) as EventChannel[];

export const isInvokeChannel = (name: unknown): name is InvokeChannel =>
  typeof name === 'string' && Object.hasOwn(INVOKE_CONTRACT, name);

/** Errors cross the boundary as data (Electron would otherwise prefix and mangle thrown messages). */
export const IPC_ERROR_CODES = ['invalid-request', 'not-allowed', 'stale-plan', 'busy', 'failed'] as const;
/** What failed and what to do next, as Messages: each side says them in the user's language. */
export const IpcErrorSchema = v.object({
  code: v.picklist(IPC_ERROR_CODES),
  message: MessageSchema,
  hint: v.nullable(MessageSchema),
});
export type IpcError = v.InferOutput<typeof IpcErrorSchema>;
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Human-readable list of what failed validation, for logs and the invalid-request error. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${v.getDotPath(issue) ?? '(payload)'}: ${issue.message}`)
    .join('; ');
}

export function parseRequest<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
): { ok: true; value: RequestOf<C> } | { ok: false; error: IpcError } {
  // Every request is a plain object; valibot's (strict) object schemas let an empty array through.
  if (Array.isArray(payload)) {
    return {
      ok: false,
      error: { code: 'invalid-request', message: ipcMessage('ipc.not-an-object', { channel }), hint: null },
    };
  }
  const result = v.safeParse(INVOKE_CONTRACT[channel].request, payload);
  if (result.success) return { ok: true, value: result.output as RequestOf<C> };
  return {
    ok: false,
    error: {
      code: 'invalid-request',
      message: ipcMessage('ipc.invalid-request', { channel, issues: describeIssues(result.issues) }),
      hint: null,
    },
  };
}

export function parseResult<C extends InvokeChannel>(channel: C, payload: unknown): IpcResult<ResponseOf<C>> {
  const envelope = v.safeParse(
    v.variant('ok', [
      v.object({ ok: v.literal(true), value: INVOKE_CONTRACT[channel].response }),
      v.object({ ok: v.literal(false), error: IpcErrorSchema }),
    ]),
    payload,
  );
  if (envelope.success) return envelope.output as IpcResult<ResponseOf<C>>;
  return {
    ok: false,
    error: {
      code: 'failed',
      message: ipcMessage('ipc.bad-reply', { channel, issues: describeIssues(envelope.issues) }),
      hint: null,
    },
  };
}

export function parseEvent<E extends EventChannel>(event: E, payload: unknown): EventOf<E> | null {
  const result = v.safeParse(EVENT_CONTRACT[event], payload);
  return result.success ? (result.output as EventOf<E>) : null;
}

/**
 * The API the preload exposes as `window.ipqos` (and the preview bridge
 * imitates over HTTP): one typed call and one subscription, nothing else. Both
 * are pipes: what they deliver is as main sent it, and renderer/src/api.ts
 * checks it against this contract before the popover sees it.
 */
export interface IpqosApi {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}
