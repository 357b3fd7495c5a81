/**
 * What the check's lab tests share: whether to skip (only outside CI), a lab
 * started in `before` (on CI an unsupported machine fails every test with the
 * reason instead), and the report of one alias.
 */
import assert from 'node:assert/strict';
import type { CheckReport, HostReport } from '../../main/core/verdicts/host-report.ts';
import { labSupport, startLab, type Lab } from './lab.ts';

const support = labSupport();

/** The `skip` option of a lab test: true only where the lab cannot run and CI is not asking for it. */
export const skipLab: string | false =
  !support.ok && process.env.CI !== 'true' && `the lab cannot run: ${support.reason}`;

/** Starts a lab for `before`; undefined where the tests skip, a thrown reason on CI. */
export async function startCheckLab(): Promise<Lab | undefined> {
  if (support.ok) return startLab();
  if (process.env.CI === 'true') throw new Error(`the lab cannot run: ${support.reason}`);
  return undefined;
}

export function hostIn(report: CheckReport, alias: string): HostReport {
  const found = report.hosts.find((candidate) => candidate.alias === alias);
  assert.ok(found, `no report for ${alias}`);
  return found;
}
