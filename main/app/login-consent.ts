/**
 * Issue 17: when the app may log in with the user's own ssh. Nothing runs
 * before the user has chosen a login policy in the first-run view; then
 * sessions happen only where the policy allows, and never unasked for a host
 * whose key would prompt (Touch ID, a confirming agent, a FIDO `sk-` key):
 * those prompts would come out of nowhere, on a timer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SshClient } from '../core/ssh/ssh-client.ts';
import { sshGBatch } from '../core/ssh/ssh-g-batch.ts';
import type { SshOptions } from '../core/ssh/ssh-options.ts';
import type { LoginPolicy, Settings } from '../shared/ipc-contract.ts';

/** Why a run happens (the controller's TriggerReason and its own re-checks). */
export type RunReason = 'launch' | 'interval' | 'wake' | 'network' | 'manual' | 'recheck' | 'after-fix';

/** The user asked for this run: Check now, or the session after a fix they confirmed. */
const USER_ASKED: ReadonlySet<RunReason> = new Set(['manual', 'after-fix']);

/** No check at all, not even a screen, before the first-run view is answered. */
export function consentNeeded(settings: Pick<Settings, 'loginPolicy'>): boolean {
  return settings.loginPolicy === null;
}

/**
 * Which hosts of a run may log in: none; all of those due; or, in the
 * background under "daily", only those whose key would not prompt.
 */
export function sessionScope(policy: LoginPolicy | null, reason: RunReason): 'none' | 'all' | 'unprompted' {
  if (policy === null || policy === 'never') return 'none';
  if (USER_ASKED.has(reason)) return 'all';
  return policy === 'daily' ? 'unprompted' : 'none';
}

/** What can be seen from outside of an agent that confirms each use (`ssh-add -c` cannot be seen). */
const PROMPTING_AGENTS: ReadonlyArray<[kind: string, pattern: RegExp]> = [
  ['secretive', /secretive/i],
  ['1password', /1password/i],
  ['yubikey-agent', /yubikey-agent/i],
];

export type PromptReason = `agent:${string}` | 'key:sk';

export interface PromptContext {
  home: string;
  /** SSH_AUTH_SOCK and the variables an `IdentityAgent $VAR` names. */
  env: Readonly<Record<string, string | undefined>>;
}

/** The agent socket ssh would use for a host: IdentityAgent, else SSH_AUTH_SOCK; null for none. */
export function agentSocket(options: SshOptions, env: PromptContext['env']): string | null {
  const configured = options.get('identityagent')?.[0];
  if (configured === undefined || configured === 'SSH_AUTH_SOCK') return env.SSH_AUTH_SOCK ?? null;
  if (configured === 'none') return null;
  if (configured.startsWith('$')) return env[configured.slice(1)] ?? null;
  return configured;
}

/** Why logging in to a host would likely prompt the user, from its `ssh -G` settings; null if it would not. */
export async function promptReason(
  options: SshOptions,
  context: PromptContext,
): Promise<PromptReason | null> {
  const socket = agentSocket(options, context.env);
  if (socket !== null) {
    for (const [kind, pattern] of PROMPTING_AGENTS) if (pattern.test(socket)) return `agent:${kind}`;
  }
  for (const file of options.get('identityfile') ?? []) {
    if (await isSecurityKey(expandHome(file, context.home))) return 'key:sk';
  }
  return null;
}

function expandHome(file: string, home: string): string {
  if (file === '~' || file.startsWith('~/')) return path.join(home, file.slice(1));
  return file.replaceAll('%d', home);
}

/** A FIDO key (`sk-ssh-ed25519@openssh.com`, `sk-ecdsa-sha2-nistp256@openssh.com`): a touch per login. */
async function isSecurityKey(file: string): Promise<boolean> {
  const type = (await privateKeyType(file)) ?? (await publicKeyType(`${file}.pub`));
  return type?.startsWith('sk-') ?? false;
}

async function publicKeyType(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text?.trim().split(/\s+/)[0] ?? null;
}

/**
 * The key type an OpenSSH private key file declares: its public part is
 * stored in the clear even when the key is encrypted (PROTOCOL.key), so no
 * passphrase is needed and nothing secret is read into memory for long.
 */
async function privateKeyType(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/.exec(
    text ?? '',
  )?.[1];
  if (body === undefined) return null;
  const blob = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (blob.subarray(0, magic.length).toString('latin1') !== magic) return null;
  let at = magic.length;
  const take = (): Buffer | null => {
    if (at + 4 > blob.length) return null;
    const length = blob.readUInt32BE(at);
    const value = blob.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return value.length === length ? value : null;
  };
  take(); // cipher name
  take(); // kdf name
  take(); // kdf options
  at += 4; // number of keys
  const publicKey = take();
  if (!publicKey || publicKey.length < 4) return null;
  const typeLength = publicKey.readUInt32BE(0);
  return publicKey.subarray(4, 4 + typeLength).toString('latin1');
}

export interface SessionFilterRequest {
  policy: LoginPolicy | null;
  reason: RunReason;
  /** The hosts the controller would log in to (due, or all of a forced mode). */
  hosts: readonly string[];
  /** null: ssh was not found; then nothing is left out by its keys (the run fails anyway). */
  client: SshClient | null;
  configFile: string | undefined;
  home: string;
  env?: PromptContext['env'];
  signal?: AbortSignal;
}

/** The hosts of `hosts` that may log in on this run, by the policy and each host's keys. */
export async function allowedSessionHosts(request: SessionFilterRequest): Promise<string[]> {
  const scope = sessionScope(request.policy, request.reason);
  if (scope === 'none' || request.hosts.length === 0) return [];
  if (scope === 'all' || request.client === null) return [...request.hosts];
  const settings = await sshGBatch(request.client, request.hosts, {
    configFile: request.configFile,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const context = { home: request.home, env: request.env ?? process.env };
  const allowed: string[] = [];
  for (const [index, host] of request.hosts.entries()) {
    const options = settings[index];
    // ssh -G failing is the check's to report; it would fail before any prompt.
    if (!(options instanceof Map) || (await promptReason(options, context)) === null) allowed.push(host);
  }
  return allowed;
}
