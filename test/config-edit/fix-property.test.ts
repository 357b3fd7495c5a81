import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { UserError } from '../../main/core/errors.ts';
import { aliasesOf, assertInvariant, fix, sandbox, snapshot, undo, writeConfig } from './helpers.ts';

/**
 * Random configs and random targets, judged by the real ssh -G on every
 * alias: the fix holds the invariant or is refused with the file untouched,
 * and undo gives back every alias's output and the original bytes. Runs are
 * few because each one spawns ssh a few hundred times.
 */
const directive = fc.oneof(
  fc
    .constantFrom('af21', 'cs1', 'ef', '0', 'cs0', 'lowdelay throughput', 'af11 cs2', 'none')
    .map((v) => `IPQoS ${v}`),
  fc.integer({ min: 1, max: 3 }).map((n) => `Port 22${n}`),
  fc.constantFrom('User u1', 'User u2', 'Compression yes', 'Compression no', 'HostName 192.0.2.7'),
);
const head = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(fc.constantFrom('a', 'b', 'c', 'd', '*', 'a*', '!b', 'c?'), { minLength: 1, maxLength: 3 })
      .map((t) => `Host ${t.join(' ')}`),
  },
  { weight: 1, arbitrary: fc.constant('Match all') },
  // Only ssh can decide these; placement must treat them as "may apply".
  {
    weight: 1,
    arbitrary: fc.constantFrom('Match host 192.0.2.*', 'Match exec "true"', 'Match originalhost b'),
  },
);
const section = fc.record({ head, body: fc.array(directive, { maxLength: 3 }) });
const file = fc.record({
  globals: fc.array(directive, { maxLength: 2 }),
  sections: fc.array(section, { maxLength: 4 }),
});
const render = (
  f: { globals: string[]; sections: { head: string; body: string[] }[] },
  indent: string,
): string[] => [...f.globals, ...f.sections.flatMap((s) => [s.head, ...s.body.map((d) => indent + d)])];

const scenario = fc.record({
  root: file,
  included: fc.option(fc.record({ content: file, at: fc.nat() }), { nil: undefined }),
  indent: fc.constantFrom('    ', '\t', ''),
  eol: fc.constantFrom('\n', '\r\n'),
  targets: fc.subarray(['a', 'b', 'c', 'd', 'e'], { minLength: 1 }),
});

test('property: random configs and targets keep the ssh -G invariant or are refused cleanly; undo restores', async () => {
  const { dir, home, cleanup } = await sandbox();
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ root, included, indent, eol, targets }) => {
        const configFile = path.join(dir, `config-${run}`);
        const lines = render(root, indent);
        if (included) {
          const includeFile = path.join(dir, `inc-${run}.conf`);
          await writeFile(includeFile, render(included.content, indent).join('\n') + '\n');
          lines.splice(included.at % (lines.length + 1), 0, `Include ${includeFile}`);
        }
        run++;
        const original = Buffer.from(lines.map((line) => line + eol).join(''), 'latin1');
        await writeConfig(configFile, original);
        const aliases = await aliasesOf(configFile, home, [...targets, 'stranger']);
        const before = await snapshot(configFile, aliases);

        let status: string;
        try {
          status = (await fix(configFile, home, targets)).result.status;
        } catch (error) {
          assert.ok(error instanceof UserError, String(error));
          status = 'refused';
        }
        if (status === 'refused') {
          assert.deepEqual(await readFile(configFile), original, 'a refusal leaves the file untouched');
          return;
        }
        assert.ok(status === 'applied' || status === 'unchanged', status);
        assertInvariant(before, await snapshot(configFile, aliases), targets);

        await undo(configFile, home);
        assert.deepEqual(await snapshot(configFile, aliases), before, 'undo restores every alias');
        assert.deepEqual(await readFile(configFile), original, 'undo restores the bytes');
      }),
      { numRuns: 30 },
    );
  } finally {
    await cleanup();
  }
});
