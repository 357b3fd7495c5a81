/**
 * The lab's middleboxes: nftables rules in the server's namespace, one kind
 * per port (see /work/shared/notes/openssh-ipqos.md, "What middleboxes do").
 * The client→server kinds judge packets arriving at sshd (input hook); the
 * server→client kinds judge sshd's own packets as they leave (output hook).
 */
import { run, tools } from './lab-tools.ts';

export interface LabPorts {
  /** No middlebox. */
  readonly healthy: number;
  /** F2: a change of the client's DSCP answers with a TCP reset, and so does every later packet. */
  readonly reset: number;
  /** F1: a change of the client's DSCP silently drops the packet and every later one. */
  readonly drop: number;
  /** F4: every client packet with a non-zero DSCP is dropped. */
  readonly dropMarked: number;
  /** F5: the server's marked packets are dropped (the system's sshd marks af21/cs1 from the session here). */
  readonly serverMarks: number;
  /** When the server's DSCP changes after its first packet (the SYN-ACK), the client gets a reset from then on. */
  readonly serverReset: number;
  /** EF is dropped both ways (an EF-policing provider). */
  readonly dropEf: number;
}

/** The ports of the system's sshd (Debian 12: 9.2). */
export const LAB_PORTS: LabPorts = Object.freeze({
  healthy: 2201,
  reset: 2202,
  drop: 2203,
  dropMarked: 2204,
  serverMarks: 2205,
  serverReset: 2206,
  dropEf: 2207,
});

/** The same kinds in front of a current sshd (10.1+, marking EF from its banner on). */
export const CURRENT_PORTS: LabPorts = Object.freeze({
  healthy: 2211,
  reset: 2212,
  drop: 2213,
  dropMarked: 2214,
  serverMarks: 2215,
  serverReset: 2216,
  dropEf: 2217,
});

export const NFT_TABLE = 'ipqd_lab';
/** Conntrack mark FIRST | dscp remembers a connection's first DSCP; BROKEN marks one a middlebox gave up on. */
const FIRST = 0x100;
const BROKEN = 0x200;

const hex = (value: number): string => `0x${value.toString(16)}`;

interface Rule {
  chain: 'input' | 'output';
  /** The rule as written, after its direction and ports. */
  text: string;
  ports: (kind: keyof LabPorts) => number[];
  kind: keyof LabPorts | Array<keyof LabPorts>;
  /** Parts of the rule's JSON that must read back (besides direction and ports). */
  parts: string[];
}

const both = (kind: keyof LabPorts): number[] => [LAB_PORTS[kind], CURRENT_PORTS[kind]];

/**
 * nft cannot compare a packet's DSCP with a value stored at runtime, so the
 * first DSCP goes into the conntrack mark through a 64-entry map, and "same
 * DSCP as the first packet" is membership of (dscp . mark) in a 64-pair set.
 * A packet outside that set marks its connection BROKEN, which is outside the
 * set too, so every later packet meets the same fate (VMware NAT style). A
 * reset towards the client on a server packet cannot be a `reject` (that
 * answers the packet's sender, sshd): the server's packet itself is rewritten
 * into a reset, which is what reaches the client.
 */
const RULES: Rule[] = [
  { chain: 'input', kind: 'dropMarked', ports: both, text: 'ip dscp != 0 drop', parts: ['"right":"cs0"', '{"drop":null}'] },
  { chain: 'input', kind: ['reset', 'drop'], ports: both, text: 'ct state new ct mark set ip dscp map @first_dscp', parts: ['"key":"state"}},"right":"new"', '"data":"@first_dscp"'] },
  { chain: 'input', kind: ['reset', 'drop'], ports: both, text: `ip dscp . ct mark != @same_dscp ct mark set ${hex(BROKEN)}`, parts: ['"right":"@same_dscp"', `"value":${BROKEN}`] },
  { chain: 'input', kind: 'reset', ports: both, text: `ct mark ${hex(BROKEN)} reject with tcp reset`, parts: [`"right":${BROKEN}`, '{"reject":{"type":"tcp reset"}}'] },
  { chain: 'input', kind: 'drop', ports: both, text: `ct mark ${hex(BROKEN)} drop`, parts: [`"right":${BROKEN}`, '{"drop":null}'] },
  { chain: 'input', kind: 'dropEf', ports: both, text: 'ip dscp ef drop', parts: ['"right":"ef"', '{"drop":null}'] },
  { chain: 'output', kind: 'serverMarks', ports: both, text: 'ip dscp != 0 drop', parts: ['"right":"cs0"', '{"drop":null}'] },
  { chain: 'output', kind: 'serverReset', ports: both, text: 'tcp flags & (syn | ack) == syn | ack ct mark set ip dscp map @first_dscp', parts: ['"right":["syn","ack"]', '"data":"@first_dscp"'] },
  { chain: 'output', kind: 'serverReset', ports: both, text: `ip dscp . ct mark != @same_dscp ct mark set ${hex(BROKEN)}`, parts: ['"right":"@same_dscp"', `"value":${BROKEN}`] },
  { chain: 'output', kind: 'serverReset', ports: both, text: `ct mark ${hex(BROKEN)} tcp flags set rst | ack`, parts: [`"right":${BROKEN}`, '"field":"flags"}},"value":{"|":["rst","ack"]}'] },
  { chain: 'output', kind: 'dropEf', ports: both, text: 'ip dscp ef drop', parts: ['"right":"ef"', '{"drop":null}'] },
]; // prettier-ignore

const portsOf = (rule: Rule): number[] =>
  (Array.isArray(rule.kind) ? rule.kind : [rule.kind]).flatMap((kind) => rule.ports(kind));
const selector = (rule: Rule): string =>
  rule.chain === 'input'
    ? `ct direction original tcp dport { ${portsOf(rule).join(', ')} }`
    : `ct direction reply tcp sport { ${portsOf(rule).join(', ')} }`;

export function middleboxRules(): string {
  const dscps = Array.from({ length: 64 }, (_, dscp) => dscp);
  const chain = (name: 'input' | 'output'): string =>
    RULES.filter((rule) => rule.chain === name)
      .map((rule) => `    ${selector(rule)} ${rule.text}`)
      .join('\n');
  return `table inet ${NFT_TABLE} {
  map first_dscp {
    typeof ip dscp : ct mark
    elements = { ${dscps.map((dscp) => `${dscp} : ${hex(FIRST | dscp)}`).join(', ')} }
  }
  set same_dscp {
    typeof ip dscp . ct mark
    elements = { ${dscps.map((dscp) => `${dscp} . ${hex(FIRST | dscp)}`).join(', ')} }
  }
  chain input {
    type filter hook input priority filter; policy accept;
${chain('input')}
  }
  chain output {
    type filter hook output priority filter; policy accept;
${chain('output')}
  }
}
`;
}

interface NftObject {
  map?: { name: string; map: string; elem?: Array<[unknown, number]> };
  set?: { name: string; elem?: Array<{ concat: [unknown, number] }> };
  chain?: { name: string; hook?: string; policy?: string };
  rule?: { chain: string; expr: unknown[] };
}

/**
 * Reads the table back from the kernel. nft 1.0.6 prints the DSCP in a map
 * key or a concatenation as raw payload arithmetic (`ip dscp >> 2`,
 * `(@nh,8,8 & 0xfc) >> 2`) although the bytecode is right, so the check reads
 * JSON and looks for each rule's parts rather than comparing text.
 */
export async function verifyMiddleboxRules(netns: string): Promise<void> {
  const listed = await run(tools().ip, [
    ...['netns', 'exec', netns, tools().nft],
    ...['-j', 'list', 'table', 'inet', NFT_TABLE],
  ]);
  const objects = (JSON.parse(listed) as { nftables: NftObject[] }).nftables;
  // Element order follows the kernel's set backend; compare the marks sorted.
  const sorted = (values: number[] | undefined): string => [...(values ?? [])].sort((a, b) => a - b).join();
  const marks = Array.from({ length: 64 }, (_, dscp) => FIRST | dscp).join();
  const problems: string[] = [];
  const map = objects.find((object) => object.map?.name === 'first_dscp')?.map;
  if (sorted(map?.elem?.map(([, mark]) => mark)) !== marks) problems.push('map first_dscp');
  const set = objects.find((object) => object.set?.name === 'same_dscp')?.set;
  if (sorted(set?.elem?.map(({ concat: [, mark] }) => mark)) !== marks) problems.push('set same_dscp');
  for (const name of ['input', 'output']) {
    const chain = objects.find((object) => object.chain?.name === name)?.chain;
    if (chain?.hook !== name || chain.policy !== 'accept') problems.push(`chain ${name}`);
  }
  for (const name of ['input', 'output'] as const) {
    const read = objects.flatMap((object) =>
      object.rule?.chain === name ? [JSON.stringify(object.rule.expr)] : [],
    );
    const written = RULES.filter((rule) => rule.chain === name);
    if (read.length !== written.length) problems.push(`${name}: ${read.length} rules, not ${written.length}`);
    written.forEach((rule, index) => {
      const json = read[index] ?? '';
      const direction = `"key":"direction"}},"right":"${name === 'input' ? 'original' : 'reply'}"`;
      const ports = `{"set":[${[...portsOf(rule)].sort((a, b) => a - b).join(',')}]}`;
      if (![direction, ports, ...rule.parts].every((part) => json.includes(part))) {
        problems.push(`${name} rule ${index + 1}: ${json}`);
      }
    });
  }
  if (problems.length > 0) {
    throw new Error(`nft table ${NFT_TABLE} does not read back as written: ${problems.join('; ')}`);
  }
}
