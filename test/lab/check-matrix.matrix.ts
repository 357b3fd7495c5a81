/**
 * The whole generations matrix (`npm run test:matrix`, which `.ci/run` runs
 * after `npm test`): clients 8.4 / 9.2 / 10.x × servers 9.2 / 10.x × every
 * middlebox kind of the lab, each cell's verdict, and the fix's proof with
 * each client.
 */
import { before, test } from 'node:test';
import type { CheckReport } from '../../main/core/verdicts/host-report.ts';
import { currentOpenSsh } from '../support/current-openssh.ts';
import { labFixture, skipLab as skip } from './check-fixture.ts';
import {
  assertCells,
  assertFixCures,
  check,
  clientSsh,
  matrixHosts,
  type Client,
  type Server,
} from './generations.ts';

const SERVERS: readonly Server[] = ['9.2', '10.x'];
const CLIENTS: readonly Client[] = ['8.4', '9.2', '10.x'];
const ready = (): boolean => {
  const found = currentOpenSsh();
  if (!found.ok && process.env.CI === 'true') throw new Error(found.reason);
  return found.ok;
};
const fixture = labFixture((lab) => matrixHosts(lab, SERVERS), { current: true }, ready);
const reports = new Map<Client, CheckReport>();

before(async () => {
  if (!(await fixture.started)) return;
  await Promise.all(
    CLIENTS.map(async (client) => {
      const found = clientSsh(client);
      if ('reason' in found) {
        if (process.env.CI === 'true') throw new Error(found.reason);
        return;
      }
      reports.set(client, await check(fixture.config, found.ssh));
    }),
  );
});

for (const client of CLIENTS) {
  test(
    `client ${client}: every server × middlebox cell gets its verdict, and the fix proves itself`,
    { skip },
    async (t) => {
      const report = reports.get(client);
      const found = clientSsh(client);
      if (!report || 'reason' in found) {
        t.skip('reason' in found ? found.reason : 'the lab did not start');
        return;
      }
      assertCells(report, client, SERVERS);
      await assertFixCures(fixture.config, found.ssh, report);
    },
  );
}
