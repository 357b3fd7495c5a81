/**
 * Every sentence the core says about a host, as a stable code with English
 * text. A HostReport carries the codes and their parameters (`summaryCode`,
 * `evidenceCodes`) beside the English strings, which are made from these
 * templates, so the two can never disagree; the popover renders the codes in
 * the user's language from catalogs keyed the same way.
 *
 * Templates use i18next placeholders, `{{name}}`. Parameters hold values,
 * never English: milliseconds, TOS bytes (`0x08`), ssh's own words, outcome
 * tokens (`reset`, `timeout`, `closed`, …, see probe-outcome.ts). Codes are
 * ids: once shipped, a code keeps its meaning; a new meaning gets a new code.
 *
 * Suffixes `.no-tty`, `.tty`, `.both`: which sessions of the user's ssh broke
 * (without a tty: scp, git, `ssh host cmd`; with a tty: a login shell).
 */
import { interpolate } from '../../shared/interpolate.ts';

const TEMPLATES = {
  // ── Summaries: one per verdict and reason ──────────────────────────────────
  'verdict.unreachable':
    'Even an unmarked connection fails ({{outcome}} during {{stage}}): not a QoS problem.',

  'verdict.server-side.no-banner.timeout':
    'TCP connects, but the server never sends its version line. Likeliest: the server marks its packets from its first byte (OpenSSH 10.1 and later mark EF from the banner on) and a middlebox on this path drops them; less likely, its sshd is hung or overloaded. IPQoS 0 on this client cannot help: the server’s admin can (IPQoS none in sshd_config).',
  'verdict.server-side.no-banner.reset':
    'TCP connects, but the connection is reset where the server’s version line should arrive. Likeliest: the server marks its packets from its first byte (OpenSSH 10.1 and later mark EF from the banner on) and a middlebox on this path resets on that change; less likely, its sshd refuses connections (MaxStartups, PerSourcePenalties). IPQoS 0 on this client cannot help: the server’s admin can (IPQoS none in sshd_config).',
  'verdict.inconclusive.local-network':
    'macOS refused the connection to {{target}} ({{errno}}): this app has no Local Network permission, so the host could not be tested. Allow it in System Settings › Privacy & Security › Local Network, then check again.',

  'verdict.ok.session': 'A session with your ssh and its own marking works.',
  'verdict.ok.session.raw-broke':
    'A session with your ssh works, but a raw switch to TOS {{tos}} after key exchange broke the connection ({{outcome}}): watch this host if the network changes.',
  'verdict.ok.screen':
    'The path carries a switch to TOS {{tos}} mid-connection, as your ssh makes it (screen only: no session was opened).',
  'verdict.ok.screen.no-login':
    'The path carries a switch to TOS {{tos}} mid-connection, as your ssh makes it. No session was opened: your ssh cannot log in here without a prompt.',
  'verdict.ok.already-fixed':
    'Already fixed: the effective IPQoS puts 0 on the wire, and a session with your ssh works.',
  'verdict.ok.already-fixed.screen':
    'Already fixed: the effective IPQoS puts 0 on the wire, and the path works (screen only: no session was opened).',
  'verdict.ok.already-fixed.no-login':
    'Already fixed: the effective IPQoS puts 0 on the wire, and the path works. No session was opened: your ssh cannot log in here without a prompt.',

  'verdict.needs-ipqos-0.session-breaks.no-tty':
    'Your ssh breaks without a tty (scp, git, commands); with IPQoS 0 it works.',
  'verdict.needs-ipqos-0.session-breaks.tty':
    'Your ssh breaks with a tty (a login shell); with IPQoS 0 it works.',
  'verdict.needs-ipqos-0.session-breaks.both':
    'Your ssh breaks with and without a tty; with IPQoS 0 it works.',
  'verdict.needs-ipqos-0.reaches-auth.no-tty':
    'Your ssh breaks without a tty (scp, git, commands); with IPQoS 0 it gets through to authentication (logging in needs a key or password, so that is as far as it was proven).',
  'verdict.needs-ipqos-0.reaches-auth.tty':
    'Your ssh breaks with a tty (a login shell); with IPQoS 0 it gets through to authentication (logging in needs a key or password, so that is as far as it was proven).',
  'verdict.needs-ipqos-0.reaches-auth.both':
    'Your ssh breaks with and without a tty; with IPQoS 0 it gets through to authentication (logging in needs a key or password, so that is as far as it was proven).',
  'verdict.needs-ipqos-0.screen-confirmed':
    'TOS 0 works, but a switch to TOS {{tos}} mid-connection breaks it ({{outcome}}); your ssh with IPQoS 0 works.',
  'verdict.needs-ipqos-0.screen-unconfirmed':
    'TOS 0 works, but a switch to TOS {{tos}} mid-connection breaks it ({{outcome}}). Rests on the screen: your ssh could not confirm the fix ({{reason}}).',
  'verdict.needs-ipqos-0.screen-only':
    'TOS 0 works, but a switch to TOS {{tos}} mid-connection breaks it ({{outcome}}). Screen only: not yet confirmed with your ssh.',

  'verdict.server-side':
    'Sessions break after login with your ssh’s marking and with IPQoS 0 alike: the server marks its own packets and the path drops them. No client setting fixes this; the server’s admin can (IPQoS 0 in its sshd_config).',
  'verdict.server-side.already-fixed':
    'IPQoS is already 0 here, yet sessions break after login: the server marks its own packets and the path drops them. The server’s admin can fix it (IPQoS 0 in its sshd_config).',

  'verdict.inconclusive.not-forced.no-tty':
    'Your ssh breaks without a tty (scp, git, commands), but this ssh lets the config override -o IPQoS=0 (before 8.7) and no copy of the config with the fix could be made, so the fix was not tried.',
  'verdict.inconclusive.not-forced.tty':
    'Your ssh breaks with a tty (a login shell), but this ssh lets the config override -o IPQoS=0 (before 8.7) and no copy of the config with the fix could be made, so the fix was not tried.',
  'verdict.inconclusive.not-forced.both':
    'Your ssh breaks with and without a tty, but this ssh lets the config override -o IPQoS=0 (before 8.7) and no copy of the config with the fix could be made, so the fix was not tried.',
  'verdict.inconclusive.zero-breaks.no-tty':
    'Your ssh breaks without a tty (scp, git, commands) even with IPQoS 0, in a way the server’s marking does not explain: not a marking problem this check can pin down.',
  'verdict.inconclusive.zero-breaks.tty':
    'Your ssh breaks with a tty (a login shell) even with IPQoS 0, in a way the server’s marking does not explain: not a marking problem this check can pin down.',
  'verdict.inconclusive.zero-breaks.both':
    'Your ssh breaks with and without a tty even with IPQoS 0, in a way the server’s marking does not explain: not a marking problem this check can pin down.',
  'verdict.inconclusive.screen-zero-breaks':
    'TOS 0 works, but a switch to TOS {{tos}} mid-connection breaks it ({{outcome}}), and your ssh breaks even with IPQoS 0: more than the client’s marking is wrong on this path.',
  'verdict.inconclusive.screen-not-forced':
    'TOS 0 works, but a switch to TOS {{tos}} mid-connection breaks it ({{outcome}}). This ssh (before 8.7) lets the config override -o IPQoS=0 and no copy of the config with the fix could be made, so the fix was not tried.',
  'verdict.inconclusive.already-fixed-breaks':
    'IPQoS is already 0 here, yet your ssh breaks before a session opens: not a marking problem.',
  'verdict.inconclusive.no-session':
    'The raw probe saw nothing wrong, but your ssh failed in a way that says nothing about the path ({{outcome}}).',
  'verdict.inconclusive.jump-too-deep': 'ProxyJump nests deeper than {{max}} hops.',
  'verdict.inconclusive.jump-unreadable': 'Cannot read the ProxyJump value "{{proxyJump}}".',
  'verdict.not-applicable.proxy-command':
    'Connects through a ProxyCommand: ssh sets no TOS on a pipe, so IPQoS here changes nothing.',

  'verdict.via-jump.ok':
    'Through ProxyJump {{hop}}, whose connection is fine (the lines below were measured on it).',
  'verdict.via-jump.ok.session': 'A session through ProxyJump {{hop}} works, and so does {{hop}} itself.',
  'verdict.via-jump.ok.no-login':
    'ProxyJump {{hop}} works; no session to this host was opened through it: your ssh cannot log in here without a prompt.',
  'verdict.via-jump.server-side.beyond':
    'Sessions through ProxyJump {{hop}} break after login while {{hop}} itself works: this host’s server marks its own packets and the path from {{hop}} drops them. No client setting fixes this; the server’s admin can (IPQoS 0 in its sshd_config).',
  'verdict.via-jump.server-side.no-banner':
    'ProxyJump {{hop}} works, but this host’s server never sends its version line through it. Likeliest: the server marks its packets from its first byte (OpenSSH 10.1 and later mark EF from the banner on) and the path from {{hop}} drops or resets them; less likely, its sshd is hung. No client setting fixes this; the server’s admin can (IPQoS none in sshd_config).',
  'verdict.via-jump.inconclusive.beyond':
    'ProxyJump {{hop}} works, but a session through it fails ({{outcome}}): not a marking problem this check can pin down.',
  'verdict.via-jump.needs-ipqos-0':
    'Through ProxyJump {{hop}}, which needs IPQoS 0: the fix goes to {{hop}}.',
  'verdict.via-jump.unreachable': 'Through ProxyJump {{hop}}, which cannot be reached.',
  'verdict.via-jump.inconclusive': 'Through ProxyJump {{hop}}, whose check was inconclusive.',
  'verdict.via-jump.server-side':
    'Through ProxyJump {{hop}}, whose server breaks sessions with its own marking (its admin can fix it).',
  'verdict.via-jump.not-applicable':
    'Through ProxyJump {{hop}}, which connects through a ProxyCommand: ssh sets no TOS there.',

  // ── Evidence: one line each, what was tried, what happened, how long ───────
  'evidence.ssh-g':
    'ssh -G: {{user}}@{{hostname}}:{{port}}, IPQoS {{interactive}} {{bulk}} (TOS {{interactiveTos}} interactive, {{bulkTos}} bulk)',
  'evidence.client.marks-continually':
    '{{version}}: marks from the SYN on and re-evaluates continually (interactive value while no bulk channel is open)',
  'evidence.client.marks-from-syn':
    '{{version}}: marks the interactive value from the SYN on, then sets the session value once when the session opens',
  'evidence.client.marks-at-session':
    '{{version}}: sends key exchange unmarked and sets the session value once when the session opens',
  'evidence.connect-timeout':
    'ConnectTimeout {{value}} is set: on macOS that moves ssh to marking from the SYN on.',
  'evidence.raw-probe.baseline-answered':
    'Raw probe, TOS 0 through key exchange and a "none" request: answered in {{ms}} ms — {{detail}}',
  'evidence.raw-probe.baseline-failed':
    'Raw probe, TOS 0 through key exchange and a "none" request: {{outcome}} in {{ms}} ms — {{detail}}',
  'evidence.raw-probe.baseline-methods':
    'Raw probe, TOS 0 through key exchange and a "none" request: answered in {{ms}} ms — the server answered "none" (methods: {{methods}})',
  'evidence.raw-probe.switch-silent':
    'Raw probe, then TOS {{tos}} on the same connection: timeout in {{ms}} ms — no answer within {{waitMs}} ms',
  'evidence.raw-probe.switch-answered':
    'Raw probe, then TOS {{tos}} on the same connection: answered in {{ms}} ms',
  'evidence.raw-probe.switch-failed':
    'Raw probe, then TOS {{tos}} on the same connection: {{outcome}} in {{ms}} ms — {{detail}}',
  'evidence.raw-probe.harmless':
    'The raw probe sent no key or password; its SYN left unmarked (Node sets TOS once connected).',
  'evidence.ssh-run.worked':
    '{{command}}: worked in {{ms}} ms — the remote command ran (exit {{exitCode}}) [IP_TOS set: {{tosSet}}]',
  'evidence.ssh-run.hung.start':
    '{{command}}: timeout in {{ms}} ms — no progress after starting (no TCP connection); killed [IP_TOS set: {{tosSet}}]',
  'evidence.ssh-run.hung.connected':
    '{{command}}: timeout in {{ms}} ms — no progress after the TCP connection opened; killed [IP_TOS set: {{tosSet}}]',
  'evidence.ssh-run.hung.kex':
    '{{command}}: timeout in {{ms}} ms — no progress after key exchange began; killed [IP_TOS set: {{tosSet}}]',
  'evidence.ssh-run.hung.authenticated':
    '{{command}}: timeout in {{ms}} ms — no progress after login; killed [IP_TOS set: {{tosSet}}]',
  'evidence.ssh-run.hung.session':
    '{{command}}: timeout in {{ms}} ms — no progress after the session opened; killed [IP_TOS set: {{tosSet}}]',
  'evidence.ssh-run.failed': '{{command}}: {{outcome}} in {{ms}} ms — {{reason}} [IP_TOS set: {{tosSet}}]',
  'evidence.mode.screen': 'Screen mode: only the raw probe ran; your ssh was not run and nothing logged in.',
  'evidence.no-login':
    'No session was opened: your ssh cannot log in without a prompt ({{reason}}); the verdict rests on the raw probe (provenBy: screen).',
  'evidence.zero-not-forced':
    'This ssh (before 8.7) lets a later IPQoS line in the config override -o IPQoS=0.',
  'evidence.planned-copy':
    'This ssh (before 8.7) lets a later IPQoS line beat -o IPQoS=0, so the IPQoS 0 runs used a temporary copy of the config with the blocks fix would add (ssh -G on it: ipqos {{interactive}} {{bulk}}).',
  'evidence.planned-copy-failed':
    'A temporary copy of the config with the blocks fix would add could not be used: {{reason}}',
  'evidence.planned-copy-not-zero':
    'A temporary copy of the config with the blocks fix would add still reads ipqos {{interactive}} {{bulk}} (ssh -G), so it was not used.',
  'evidence.server-side.advice':
    'For the server’s admin: sshd marks its own packets once a session starts, and a middlebox on this path drops them; IPQoS 0 (or none) in sshd_config on {{hostname}} stops it. Nothing on this client needs to change.',
  'evidence.server-side.no-banner':
    'For the server’s admin: the SYN-ACK came back, but no byte after it. sshd 10.1 and later mark everything from the version line on as EF, and a path that drops or resets the server’s marked packets never lets a client see that line. IPQoS none in sshd_config on {{hostname}} (then reload sshd) stops it. An older sshd that stays silent is hung or overloaded instead: its log says which. The probe’s own packets were unmarked, so nothing on this client needs to change.',
  'evidence.local-network.where':
    'macOS 15 and later keep apps off private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10) and .local hosts until they are allowed in System Settings › Privacy & Security › Local Network; a refused connection fails at once with no prompt, while the same host works from Terminal.',
  'evidence.proxy-command': 'ProxyCommand {{command}}',
  'evidence.proxy-command.hint':
    'If that command runs ssh itself (ssh -W), check the host it connects to: its IPQoS applies there.',
  'evidence.proxy-jump': 'ProxyJump {{proxyJump}}',
  'evidence.via-jump':
    'The TOS is set on the socket to the first hop, {{hop}}, which a separate ssh -W opens with {{hop}}’s own config; -o IPQoS=0 for {{alias}} does not reach it. What follows was measured on {{hop}}.',
} as const satisfies Record<string, string>;

export type MessageCode = keyof typeof TEMPLATES;

/** The English text of every code. */
export const MESSAGE_TEMPLATES: Readonly<Record<MessageCode, string>> = TEMPLATES;

export type MessageParams = Record<string, string | number>;

export interface Message {
  code: MessageCode;
  params: MessageParams;
}

export const message = (code: MessageCode, params: MessageParams = {}): Message => ({ code, params });

/** Which of the user's ssh sessions broke, as the suffix of the codes that say so. */
export type TtyModes = 'no-tty' | 'tty' | 'both';

/** The `{{name}}` placeholders of a template, in order of appearance. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '');
}

/** The English sentence for a message. A placeholder without a value stays visible, `{{name}}`. */
export function formatMessage(msg: Message): string {
  return interpolate(MESSAGE_TEMPLATES[msg.code], msg.params);
}
