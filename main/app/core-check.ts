/**
 * The controller's one door to the core's check: runs `checkHosts` in a mode
 * and turns each HostReport into the plain result the controller keeps
 * (messages as the contract carries them: code, parameters, English text).
 */
import { checkHosts, type CheckEvent, type CheckOptions } from '../core/diagnosis/check-hosts.ts';
import { UserError } from '../core/errors.ts';
import { readConfigTree } from '../core/inventory/config-files.ts';
import { concreteAliases } from '../core/inventory/host-aliases.ts';
import { planInventory } from '../core/inventory/inventory.ts';
import { defaultUserConfigPath } from '../core/ssh/default-paths.ts';
import type { SshClient } from '../core/ssh/ssh-client.ts';
import type { HostReport, Verdict } from '../core/verdicts/host-report.ts';
import type { Message as CoreMessage } from '../core/verdicts/messages.ts';
import type { CheckMode, Message } from '../shared/ipc-contract.ts';

export type CoreVerdict = Verdict;

export interface HostResult {
  alias: string;
  hostname: string;
  port: number;
  user: string;
  verdict: CoreVerdict;
  summary: Message;
  evidence: Message[];
  fixAlias: string | null;
  alreadyFixed: boolean;
  /** A session with the user's own ssh and the host's marking worked in this run. */
  sessionOk: boolean;
  provenBy: string;
  ipqos: { interactive: string; bulk: string };
  durationMs: number;
}

export interface CoreCheckRequest {
  /** undefined: ssh's own default (~/.ssh/config, then /etc/ssh/ssh_config). */
  configFile: string | undefined;
  hosts: readonly string[];
  mode: CheckMode;
  ssh?: string;
  home?: string;
  signal: AbortSignal;
  /** Progress: one call per host done. */
  onHostFinished?: () => void;
}

export interface CoreCheckResult {
  hosts: HostResult[];
  sshVersion: string;
}

/** A core message as the contract carries it: its code, its parameters, and the English text made from them. */
function toMessage(coded: CoreMessage, text: string): Message {
  return { code: coded.code, params: { ...coded.params }, text };
}

export function toHostResult(report: HostReport): HostResult {
  return {
    alias: report.alias,
    hostname: report.hostname,
    port: report.port,
    user: report.user,
    verdict: report.verdict,
    summary: toMessage(report.summaryCode, report.summary),
    evidence: report.evidenceCodes.map((coded, index) => toMessage(coded, report.evidence[index] ?? '')),
    fixAlias: report.fixAlias,
    alreadyFixed: report.alreadyFixed,
    sessionOk: report.sessionOk,
    provenBy: report.provenBy,
    ipqos: { ...report.ipqos },
    durationMs: report.durationMs,
  };
}

export async function runCoreCheck(request: CoreCheckRequest): Promise<CoreCheckResult> {
  const options: CheckOptions = {
    ...(request.configFile !== undefined ? { configFile: request.configFile } : {}),
    hosts: request.hosts,
    mode: request.mode,
    signal: request.signal,
    ...(request.ssh !== undefined ? { ssh: request.ssh } : {}),
    ...(request.home !== undefined ? { home: request.home } : {}),
    ...(request.onHostFinished
      ? { onEvent: (event: CheckEvent) => event.type === 'host-finished' && request.onHostFinished?.() }
      : {}),
  };
  const report = await checkHosts(options);
  return { hosts: report.hosts.map(toHostResult), sshVersion: report.ssh.version };
}

/**
 * The hosts a check covers, from the files alone (no ssh run): the config and
 * its Includes, and for ssh's default config the system one too, as the core
 * reads them. A config that reads fine but names no host gives [].
 */
export async function configAliases(
  client: SshClient,
  configFile: string | undefined,
  home: string,
): Promise<string[]> {
  try {
    const plan = await planInventory({ client, configFile, hosts: [], home });
    return [...new Set(plan.aliases)];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // The core refuses a config without hosts; reading the file again tells that from one it cannot read.
    const files = await readConfigTree(configFile ?? defaultUserConfigPath(home), { home });
    if (concreteAliases(files).length === 0) return [];
    throw error;
  }
}
