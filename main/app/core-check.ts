/**
 * The controller's one door to the core's check: runs `checkHosts` in a mode
 * and turns each HostReport into the plain result the controller keeps. Any
 * drift in the core's report shape is absorbed here, nowhere else.
 */
import { checkHosts, type CheckEvent, type CheckOptions } from '../core/diagnosis/check-hosts.ts';
import { readConfigTree } from '../core/inventory/config-files.ts';
import { concreteAliases } from '../core/inventory/host-aliases.ts';
import type { HostReport } from '../core/verdicts/host-report.ts';
import type { CheckMode, Message } from '../shared/ipc-contract.ts';

export type CoreVerdict =
  'ok' | 'needs-ipqos-0' | 'unreachable' | 'server-side' | 'inconclusive' | 'not-applicable';

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

type CodedMessage = { code: string; params: Record<string, string | number> };

/** The report as the core sends it, read defensively: older cores lack the codes and sessionOk. */
type ReportFields = Omit<HostReport, 'verdict' | 'provenBy'> & {
  verdict: string;
  provenBy: string;
  summaryCode?: CodedMessage;
  evidenceCodes?: CodedMessage[];
  sessionOk?: boolean;
};

function toMessage(coded: CodedMessage | undefined, text: string, fallbackCode: string): Message {
  return coded
    ? { code: coded.code, params: { ...coded.params }, text }
    : { code: fallbackCode, params: {}, text };
}

export function toHostResult(report: HostReport): HostResult {
  const fields = report as unknown as ReportFields;
  const evidence = fields.evidence.map((text, index) =>
    toMessage(fields.evidenceCodes?.[index], text, 'evidence.text'),
  );
  const verdict = fields.verdict as CoreVerdict;
  return {
    alias: fields.alias,
    hostname: fields.hostname,
    port: fields.port,
    user: fields.user,
    verdict,
    summary: toMessage(fields.summaryCode, fields.summary, `verdict.${verdict}`),
    evidence,
    fixAlias: fields.fixAlias,
    alreadyFixed: fields.alreadyFixed,
    // Before the core reported sessionOk, only a thorough run's ok rested on a session.
    sessionOk: fields.sessionOk ?? (fields.verdict === 'ok' && fields.provenBy === 'openssh'),
    provenBy: fields.provenBy,
    ipqos: { ...fields.ipqos },
    durationMs: fields.durationMs,
  };
}

export async function runCoreCheck(request: CoreCheckRequest): Promise<CoreCheckResult> {
  const options: CheckOptions & { mode: CheckMode } = {
    ...(request.configFile !== undefined ? { configFile: request.configFile } : {}),
    hosts: request.hosts,
    mode: request.mode,
    thorough: request.mode === 'thorough',
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

/** The concrete aliases of the config (and its Includes), without running ssh: cheap, for planning a run. */
export async function configAliases(configFile: string, home: string): Promise<string[]> {
  const files = await readConfigTree(configFile, { home, allowMissingRoot: false });
  return [...new Set(concreteAliases(files).map((alias) => alias.alias))];
}

const TOOL_MARKER = /^[ \t]*# Added by ipqos-doctor on \d{4}-\d{2}-\d{2} \(this line and the next \d+\)/;

/** Aliases on the Host line right below one of the tool's markers: what Undo can take back. */
export function aliasesFixedByTool(configText: string): Set<string> {
  const lines = configText.split(/\r?\n/);
  const found = new Set<string>();
  lines.forEach((line, index) => {
    if (!TOOL_MARKER.test(line)) return;
    const host = /^\s*Host\s+(.+)$/i.exec(lines[index + 1] ?? '');
    for (const alias of host?.[1]?.trim().split(/\s+/) ?? []) found.add(alias);
  });
  return found;
}
