import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { applyPlan, planFix, planUndo } from '../../main/core/config-edit/index.ts';
import { translate } from '../../main/shared/i18n/translate.ts';
import { ssh, stateDirOf, withSandbox, writeConfig } from './helpers.ts';

const CONFIG = 'Host web\n    HostName 192.0.2.1\nInclude nothing-here-*\n';

/** Issue 16 §2: what a plan says comes as codes with params; the English is made from them. */
test('decisions, notes and a failed proof are codes with params, their English made from them', async () => {
  await withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, CONFIG);
    const request = { configFile, ssh: await ssh(), home: path.join(dir, 'home'), stateDir: stateDirOf(dir) };
    const plan = await planFix({ ...request, hosts: ['web', 'WEB'] });
    const web = plan.hosts.find((host) => host.host === 'web');
    const other = plan.hosts.find((host) => host.host === 'WEB');
    assert.deepEqual(
      web?.detailCodes.map((part) => part.code),
      ['plan.fix.add.end'],
    );
    assert.equal(web?.detail, web?.detailCodes.map((part) => part.text).join(''));
    assert.deepEqual(
      other?.detailCodes.map((part) => [part.code, part.params]),
      [
        ['plan.fix.add.end', { ipqos: other?.ipqosBefore }],
        ['plan.fix.new-block', {}],
        ['plan.fix.case', { alias: 'web' }],
      ],
    );
    assert.match(other?.detail ?? '', /did you mean "web"\? ssh matches Host names case-sensitively/);
    assert.deepEqual(
      plan.noteCodes.map((note) => [note.code, note.params]),
      [['plan.note.include-matches-nothing', { file: configFile, line: 3, pattern: 'nothing-here-*' }]],
    );
    assert.deepEqual(
      plan.notes,
      plan.noteCodes.map((note) => note.text),
    );
    const [note] = plan.noteCodes;
    assert.ok(note);
    const ja = translate('ja', { code: note.code, params: note.params, text: note.text });
    assert.match(ja, /当てはまるファイルはありません/);

    // A plan is data: an expectation that cannot hold makes the proof fail, with the reason as a code.
    const broken = {
      ...plan,
      expectations: plan.expectations.map((e) => (e.alias === 'web' ? { ...e, ipqos: 'af11 af11' } : e)),
    };
    const result = await applyPlan(broken);
    assert.equal(result.status, 'refused');
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
    assert.deepEqual(
      result.problemCodes.map((line) => [
        line.code,
        line.params.alias,
        line.params.problemCode,
        line.params.got,
        line.params.want,
      ]),
      [['plan.problem.line', 'web', 'plan.problem.ipqos', 'cs0 cs0', 'af11 af11']],
    );
    assert.deepEqual(result.problems, ['web: ipqos is "cs0 cs0", expected "af11 af11"']);

    const undo = await planUndo({ ...request, hosts: [] });
    assert.deepEqual(
      undo.noteCodes.map((note) => note.code),
      ['plan.note.include-matches-nothing', 'plan.note.nothing-to-undo'],
    );
  });
});
