/**
 * What the check's lab tests share: whether to skip (only outside CI), one
 * fixture that starts a lab in `before`, writes the test's client config and
 * stops the lab in `after` (on CI an unsupported machine fails every test with
 * the reason instead), and the report of one alias.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { CheckReport, HostReport } from '../../main/core/verdicts/host-report.ts';
import { labSupport, startLab, type Lab, type LabHost, type LabOptions } from './lab.ts';

const support = labSupport();

/** The `skip` option of a lab test: true only where the lab cannot run and CI is not asking for it. */
export const skipLab: string | false =
  !support.ok && process.env.CI !== 'true' && `the lab cannot run: ${support.reason}`;

/** Starts a lab for `before`; undefined where the tests skip, a thrown reason on CI. */
export async function startCheckLab(options: LabOptions = {}): Promise<Lab | undefined> {
  if (support.ok) return startLab(options);
  if (process.env.CI === 'true') throw new Error(`the lab cannot run: ${support.reason}`);
  return undefined;
}

export interface LabFixture {
  /** Undefined until `before` ran, and where the tests skip. */
  lab: Lab | undefined;
  /** The client config with the test's hosts. */
  config: string;
  /**
   * Settles when the lab is up (undefined where the tests skip). node:test runs a file's
   * top-level `before` hooks at once, so a later `before` awaits this.
   */
  started: Promise<Lab | undefined>;
}

/**
 * Registers the lab's `before` and `after` for this file and returns what they
 * set; a `before` of the file's own awaits `started`.
 * `ready` may decline (return false) when something else the tests need is
 * missing: then no lab starts.
 */
export function labFixture(
  hosts: (lab: Lab) => LabHost[],
  options: LabOptions = {},
  ready: () => boolean = () => true,
): LabFixture {
  const { promise, resolve, reject } = Promise.withResolvers<Lab | undefined>();
  promise.catch(() => undefined); // the hook below reports the failure
  const fixture: LabFixture = { lab: undefined, config: '', started: promise };
  before(async () => {
    try {
      if (ready()) {
        fixture.lab = await startCheckLab(options);
        if (fixture.lab) fixture.config = await fixture.lab.writeClientConfig(hosts(fixture.lab));
      }
      resolve(fixture.lab);
    } catch (error) {
      reject(error);
      throw error;
    }
  });
  after(async () => {
    await fixture.lab?.stop();
  });
  return fixture;
}

export function hostIn(report: CheckReport, alias: string): HostReport {
  const found = report.hosts.find((candidate) => candidate.alias === alias);
  assert.ok(found, `no report for ${alias}`);
  return found;
}
