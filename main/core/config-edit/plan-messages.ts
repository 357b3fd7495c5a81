/**
 * What a plan says about each host and about the config, as codes with
 * English templates (issue 16 §2): `HostDecision.detailCodes` and
 * `EditPlan.noteCodes` carry them beside the English `detail` and `notes`,
 * which are made from them (a detail is its parts joined, each part carries
 * its own punctuation). Japanese: CORE_ERRORS_JA in main/shared/i18n.
 */
import { interpolate } from '../../shared/interpolate.ts';
import type { ErrorParams } from '../errors.ts';

const TEMPLATES = {
  // ── A host's decision (fix) ──
  'plan.fix.already': 'already has IPQoS 0 (ssh -G: ipqos {{ipqos}}); nothing to add',
  'plan.fix.add.above': 'ipqos {{ipqos}} → cs0 cs0: IPQoS 0 above line {{line}}',
  'plan.fix.add.end': 'ipqos {{ipqos}} → cs0 cs0: IPQoS 0 at the end of the file',
  'plan.fix.add.above-and-end':
    'ipqos {{ipqos}} → cs0 cs0: IPQoS 0 above line {{line}} and at the end of the file',
  'plan.fix.others': ' ({{count}} other IPQoS line(s) may apply)',
  'plan.fix.new-block': '; not a Host alias in this config yet, so it gets a block of its own',
  'plan.fix.case': ' (did you mean "{{alias}}"? ssh matches Host names case-sensitively)',
  'plan.fix.blocked':
    'cannot be fixed in your file: {{ssh}} (before 8.7) keeps the last IPQoS it reads, and {{where}} is read after your file. Ask an administrator to change that line to "IPQoS 0" for this host (ipqos-doctor does not edit system files)',
  'plan.fix.blocked.without-system':
    ', or, to do without the system file, fix it in ~/.ssh/config read alone and connect with "ssh -F ~/.ssh/config {{host}}"',
  // ── A host's decision (undo) ──
  'plan.undo.remove': 'removes the IPQoS 0 lines ipqos-doctor added',
  'plan.undo.not-found': 'has no lines added by ipqos-doctor; nothing to undo',
  // ── Notes on the config ──
  'plan.note.include-matches-nothing':
    '{{file}} line {{line}}: Include {{pattern}} matches no file; OpenSSH skips it too.',
  'plan.note.final-pass':
    'This config re-reads itself with the canonical host name (CanonicalizeHostname or Match canonical/final); the change was proven with this OpenSSH, and older clients may match Host lines differently in that pass.',
  'plan.note.system-relative-include':
    '{{file}} has a relative "Include {{pattern}}": ssh reads it from /etc/ssh, the proof from ~/.ssh; the check of the written file with your ssh is the judge.',
  'plan.note.system-may-override':
    '{{where}} may set IPQoS for {{host}} after your file, and {{ssh}} keeps the last value read; the ssh -G proof decides.',
  'plan.note.nothing-to-undo-for':
    '{{file}} has no lines added by ipqos-doctor for {{hosts}}: nothing to undo.',
  'plan.note.nothing-to-undo': '{{file}} has no lines added by ipqos-doctor at all: nothing to undo.',
  'plan.note.no-file': '{{file}} does not exist: nothing to undo.',
  // ── Why a proof or a verification failed (ApplyResult.problemCodes) ──
  'plan.problem.not-measured': 'was not measured',
  'plan.problem.ipqos': 'ipqos is "{{got}}", expected "{{want}}"',
  'plan.problem.others-changed': 'other settings changed',
  'plan.problem.read-back': 'the file read back is not the proven copy',
  'plan.problem.proof-failed': '{{message}}',
  'plan.problem.line': '{{alias}}: {{problem}}',
  'plan.problem.line.difference': '{{alias}}: {{problem}} ({{difference}})',
} as const;

export type PlanCode = keyof typeof TEMPLATES;
export const PLAN_TEMPLATES: Readonly<Record<PlanCode, string>> = TEMPLATES;

/** A coded sentence of a plan, with its English. */
export interface PlanMessage {
  code: PlanCode;
  params: ErrorParams;
  text: string;
}

export function planMessage(code: PlanCode, params: ErrorParams = {}): PlanMessage {
  return { code, params, text: interpolate(PLAN_TEMPLATES[code], params) };
}

/** A decision's English: its parts, joined. */
export const joinParts = (parts: readonly PlanMessage[]): string => parts.map((part) => part.text).join('');
