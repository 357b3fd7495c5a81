/**
 * The last-match placement proven with a real OpenSSH 8.4 client (Debian 11's,
 * see test/support/legacy-openssh.ts): before 8.7 the last IPQoS line that
 * applies wins, so fix must also be the last one. Each config is fixed with
 * the 8.4 client as the judge, then read by both clients.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix, planUndo } from '../../main/core/config-edit/edit-plan.ts';
import { locateSsh, type SshClient } from '../../main/core/ssh/ssh-client.ts';
import { requireLegacySsh } from '../support/legacy-openssh.ts';
import { aliasesOf, assertInvariant, snapshot, ssh, withSandbox, writeConfig } from './helpers.ts';

const cases: { name: string; config: string; files?: Record<string, string>; targets: string[] }[] = [
  {
    name: 'a trailing Host * / IPQoS throughput (the VMware NAT leftover)',
    config:
      'Host web\n    HostName 192.0.2.1\nHost db\n    HostName 192.0.2.2\nHost *\n    IPQoS throughput\n',
    targets: ['web'],
  },
  {
    name: 'a global IPQoS at the top',
    config: 'IPQoS af21 cs1\nUser me\n\nHost web\n    HostName 192.0.2.1\nHost db\n    Port 2200\n',
    targets: ['web', 'db'],
  },
  {
    name: 'a Match all IPQoS between the hosts, and Host * after it',
    config:
      'Host web\n    HostName 192.0.2.1\nMatch all\n\tIPQoS lowdelay\nHost db\n    HostName 192.0.2.2\nHost *\n    IPQoS af21\n',
    targets: ['db'],
  },
  {
    name: 'IPQoS 0 already first, but an Include read later sets it again',
    config: 'Host web\n    IPQoS 0\nHost web db\n    HostName 192.0.2.1\nInclude DIR/late.conf\n',
    files: { 'late.conf': 'Host *\n    IPQoS af11\n' },
    targets: ['web'],
  },
];

for (const c of cases) {
  test(`OpenSSH 8.4 (last match wins): ${c.name}`, async (t) => {
    const legacy = requireLegacySsh(t);
    if (legacy === null) return;
    const old: SshClient = await locateSsh(legacy);
    await withSandbox(async ({ dir, home }) => {
      const configFile = path.join(dir, 'config');
      const text = c.config.replaceAll('DIR', dir);
      await writeConfig(configFile, text);
      for (const [name, body] of Object.entries(c.files ?? {})) await writeFile(path.join(dir, name), body);
      const aliases = await aliasesOf(configFile, home, [...c.targets, 'stranger']);
      const before = await snapshot(configFile, aliases, old);
      for (const target of c.targets) assert.notDeepEqual(before.get(target)?.get('ipqos'), ['cs0 cs0']);

      const plan = await planFix({ configFile, hosts: c.targets, ssh: old, home });
      assert.equal(plan.rule, 'last-match');
      const result = await applyPlan(plan);
      assert.equal(result.status, 'applied', result.problems.join('\n'));
      assertInvariant(before, await snapshot(configFile, aliases, old), c.targets);
      // The same file under the first-match rule: IPQoS 0 is the first line too.
      const now = await snapshot(configFile, c.targets, await ssh());
      for (const target of c.targets) assert.deepEqual(now.get(target)?.get('ipqos'), ['cs0 cs0']);

      const again = await planFix({ configFile, hosts: c.targets, ssh: old, home });
      assert.equal(again.edits.length, 0, 'applying twice changes nothing');
      const undo = await applyPlan(await planUndo({ configFile, hosts: [], ssh: old, home }));
      assert.equal(undo.status, 'applied', undo.problems.join('\n'));
      assert.equal(await readFile(configFile, 'utf8'), text, 'undo gives back the exact bytes');
    });
  });
}
