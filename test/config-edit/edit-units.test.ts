import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { findToolBlocks, renderToolBlock } from '../../main/core/config-edit/added-lines-marker.ts';
import { outlineLines } from '../../main/core/config-edit/config-outline.ts';
import { planUndo } from '../../main/core/config-edit/edit-plan.ts';
import {
  assertEditableText,
  detectIndent,
  displayLine,
  dominantEol,
  joinLines,
  splitLines,
} from '../../main/core/config-edit/line-text.ts';
import { applyEdits, unifiedDiff } from '../../main/core/config-edit/unified-diff.ts';
import { UserError } from '../../main/core/errors.ts';
import { withSandbox, ssh, writeConfig } from './helpers.ts';

test('any bytes survive split and join exactly (latin1 text)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const text = Buffer.from(bytes).toString('latin1');
      assert.deepEqual(Buffer.from(joinLines(splitLines(text)), 'latin1'), Buffer.from(bytes));
    }),
    { numRuns: 500 },
  );
});

test('line endings: CRLF is kept per line and wins when most lines use it', () => {
  const text = splitLines('a\r\nb\r\nc\nd');
  assert.deepEqual(text.eols, ['\r\n', '\r\n', '\n', '']);
  assert.equal(dominantEol(text), '\r\n');
  assert.equal(dominantEol(splitLines('a\nb\n')), '\n');
});

test('appending to a file without a final newline, then removing the lines, gives back the bytes', () => {
  const base = splitLines('Host a\n  Port 1');
  const added = applyEdits(base, [{ start: 2, deleteCount: 0, insert: ['# x', 'Host b'] }], '\n');
  assert.equal(joinLines(added), 'Host a\n  Port 1\n# x\nHost b');
  const removed = applyEdits(added, [{ start: 2, deleteCount: 2, insert: [] }], '\n');
  assert.equal(joinLines(removed), 'Host a\n  Port 1');
});

test('a replaced line keeps its own ending', () => {
  const base = splitLines('Host a b\r\n  IPQoS 0\r\n');
  assert.equal(
    joinLines(applyEdits(base, [{ start: 0, deleteCount: 1, insert: ['Host b'] }], '\n')),
    'Host b\r\n  IPQoS 0\r\n',
  );
});

test('the unified diff has correct hunk headers and shows bytes readably', () => {
  const base = splitLines(
    ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'caf\xe9'].join('\n') + '\n',
  );
  const diff = unifiedDiff(
    base,
    [
      { start: 0, deleteCount: 0, insert: ['top'] },
      { start: 9, deleteCount: 0, insert: ['end'] },
    ],
    { old: 'a', new: 'b' },
  );
  assert.equal(
    diff,
    [
      '--- a',
      '+++ b',
      '@@ -1,3 +1,4 @@',
      '+top',
      ' one',
      ' two',
      ' three',
      '@@ -7,3 +8,4 @@',
      ' seven',
      ' eight',
      ' caf\\xe9',
      '+end',
      '',
    ].join('\n'),
  );
  assert.equal(displayLine(Buffer.from('café').toString('latin1')), 'café');
});

test('the indent is learnt from the file', () => {
  assert.equal(detectIndent(splitLines('Host a\n\tPort 1\n')), '\t');
  assert.equal(detectIndent(splitLines('Host a\nPort 1\n')), '');
  assert.equal(detectIndent(splitLines('Port 1\n')), '    ');
  assert.equal(detectIndent(splitLines('Host a\n  # c\n\n  Port 1\n')), '  ');
});

test('a lone carriage return is refused: ssh and the parser would read it differently', () => {
  assert.throws(
    () => assertEditableText('f', splitLines('Host a\rPort 1\n')),
    /line 1 contains a carriage return/,
  );
});

test('the marker says what, when, why and how many lines follow', () => {
  const lines = renderToolBlock({
    hosts: ['a', 'b'],
    indent: '  ',
    date: '2025-11-25',
    place: 'before',
    paired: true,
    terminator: true,
  });
  assert.match(
    lines[0] as string,
    /^# Added by ipqos-doctor on 2025-11-25 \(this line and the next 4\): a DSCP change breaks these hosts\. .*every OpenSSH/,
  );
  assert.deepEqual(lines.slice(1), ['Host a b', '  IPQoS 0', 'Host *', '']);
  const { outline } = outlineLines('f', lines);
  assert.deepEqual(findToolBlocks(lines, outline, true), [
    { start: 0, length: 5, hostLine: 1, hosts: ['a', 'b'] },
  ]);
});

test('undo refuses a block whose lines were edited, and changes nothing', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    const text =
      '# Added by ipqos-doctor on 2025-11-25 (this line and the next 2): IPQoS 0: x\nHost web\n    IPQoS af21\n';
    await writeConfig(configFile, text);
    await assert.rejects(planUndo({ configFile, hosts: [], ssh: await ssh(), home }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(
        error.message,
        /line 1: the lines ipqos-doctor added below this comment were edited since/,
      );
      assert.match(error.hint ?? '', /Nothing was changed/);
      return true;
    });
    assert.equal(await readFile(configFile, 'utf8'), text);
  });
});
