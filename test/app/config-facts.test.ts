/**
 * What Undo may offer (issue 16 §4): the hosts of the tool's blocks as the
 * core itself finds them. The app's old copy of the marker regex ignored the
 * marker's line count, so it offered hosts whose lines were edited since,
 * which the core's undo then refused; now both read the file the same way.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { aliasesFixedByTool } from '../../main/app/config-facts.ts';
import { renderToolBlock } from '../../main/core/config-edit/added-lines-marker.ts';
import { planUndo } from '../../main/core/config-edit/edit-plan.ts';
import { locateSsh } from '../../main/core/ssh/ssh-client.ts';

const block = (hosts: string[]): string =>
  renderToolBlock({
    hosts,
    indent: '  ',
    date: '2026-01-02',
    place: 'end',
    paired: false,
    terminator: false,
  }).join('\n');

test('a block as the tool wrote it: its hosts are offered for Undo, and the core removes them', async () => {
  const text = `Host web db\n  HostName 127.0.0.1\n\n${block(['web', 'db'])}\n`;
  assert.deepEqual([...aliasesFixedByTool('/x/config', text)].sort(), ['db', 'web']);
});

test('a marker whose line count no longer matches: not offered, as the core finds no block to undo', async () => {
  // "the next 9": the lines below were edited since (the tool writes 2 to 4).
  const edited = block(['web']).replace(/the next \d+/, 'the next 9');
  const text = `Host web\n  HostName 127.0.0.1\n\n${edited}\n`;
  assert.match(
    edited,
    /^# Added by ipqos-doctor on \d{4}-\d{2}-\d{2} \(this line and the next \d+\)/,
    'the old copy matched it',
  );
  assert.deepEqual([...aliasesFixedByTool('/x/config', text)], []);

  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-facts-'));
  try {
    const configFile = path.join(dir, 'config');
    await writeFile(configFile, text);
    const ssh = await locateSsh();
    // The core's undo refuses the edited block rather than guess: offering it would only lead there.
    await assert.rejects(
      planUndo({ configFile, hosts: ['web'], ssh, home: dir, stateDir: path.join(dir, 'state') }),
      /were edited since/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a line ssh cannot parse: nothing offered (the core refuses the file too)', () => {
  assert.deepEqual([...aliasesFixedByTool('/x/config', `Host "unterminated\n${block(['web'])}\n`)], []);
});
