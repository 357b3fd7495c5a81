import { hostLineMatches } from '../inventory/host-patterns.ts';
import { tosByte } from '../ssh/ipqos-values.ts';
import type { Condition, IpqosOccurrence } from './config-outline.ts';

/**
 * Whether a line applies to a host, as far as the text can tell. `maybe` is
 * the safe answer for what only ssh can decide (Match exec, host, user…):
 * placement then treats the line as one IPQoS 0 must come before and after.
 */
export type Applicability = 'yes' | 'no' | 'maybe';

export function conditionApplies(condition: Condition, host: string): Applicability {
  if (condition.kind === 'host') {
    // OpenSSH's first pass matches the alias as typed; a match that differs by case only is unsure.
    const exact = hostLineMatches(condition.patterns, host, { caseSensitive: true });
    const folded = hostLineMatches(condition.patterns, host);
    if (exact === folded) return exact ? 'yes' : 'no';
    return 'maybe';
  }
  const words = condition.args.map((arg) => arg.toLowerCase());
  if (words.length === 1 && words[0] === 'all') return 'yes';
  return 'maybe';
}

export function conditionsApply(conditions: readonly Condition[], host: string): Applicability {
  let result: Applicability = 'yes';
  for (const condition of conditions) {
    const applies = conditionApplies(condition, host);
    if (applies === 'no') return 'no';
    if (applies === 'maybe') result = 'maybe';
  }
  return result;
}

/** True when ssh -G would print `cs0 cs0` for this IPQoS line: every value is TOS 0. */
export function isZeroIpqos(values: readonly string[]): boolean {
  return values.length > 0 && values.every((value) => tosByte(value) === 0);
}

export interface ApplicableIpqos {
  occurrence: IpqosOccurrence;
  applies: 'yes' | 'maybe';
  zero: boolean;
}

/** The IPQoS lines that do or may apply to a host, in the order OpenSSH reads them. */
export function applicableIpqos(occurrences: readonly IpqosOccurrence[], host: string): ApplicableIpqos[] {
  const list: ApplicableIpqos[] = [];
  for (const occurrence of occurrences) {
    const applies = conditionsApply(occurrence.conditions, host);
    if (applies !== 'no') list.push({ occurrence, applies, zero: isZeroIpqos(occurrence.values) });
  }
  return list;
}

/**
 * True when, reading `list` in order, the first line that surely applies is
 * IPQoS 0 and no line that may apply before it sets anything else. Read
 * forwards this is the first-match rule (OpenSSH ≥ 8.7), reversed the
 * last-match rule (< 8.7).
 */
export function settlesOnZero(list: readonly ApplicableIpqos[]): boolean {
  for (const entry of list) {
    if (!entry.zero) return false;
    if (entry.applies === 'yes') return true;
  }
  return false;
}
