import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  findToolBlocks,
  renderToolBlock,
  toolRanges,
  undoToolBlocks,
} from '../../main/core/config-edit/added-lines-marker.ts';
import { outlineConfig, outlineLines, type Condition } from '../../main/core/config-edit/config-outline.ts';
import { conditionApplies, isZeroIpqos } from '../../main/core/config-edit/ipqos-applicability.ts';
import { detectIndent, dominantEol, joinLines, splitLines } from '../../main/core/config-edit/line-text.ts';
import { placeIpqosZero } from '../../main/core/config-edit/placement.ts';
import { applyEdits } from '../../main/core/config-edit/unified-diff.ts';

/**
 * A model of how OpenSSH resolves options, for configs whose Host/Match lines
 * the text decides (Host patterns, Match all): every option keeps its first
 * value, except IPQoS under the last-match rule (OpenSSH < 8.7), which keeps
 * its last. There is no OpenSSH < 8.7 on this machine, so this is how the
 * last-match placement is tested.
 */
type Rule = 'first-match' | 'last-match';

function model(text: string, host: string, rule: Rule): Map<string, string> {
  const { outline } = outlineLines('model', splitLines(text).lines);
  const options = new Map<string, string>();
  let context: Condition | undefined;
  for (const line of outline.lines) {
    if (line.kind !== 'directive') continue;
    if (line.keyword === 'host') context = { kind: 'host', patterns: line.args };
    else if (line.keyword === 'match') context = { kind: 'match', args: line.args };
    else {
      const applies = context ? conditionApplies(context, host) : 'yes';
      assert.notEqual(applies, 'maybe', 'the model only takes configs the text decides');
      if (applies === 'no') continue;
      if ((line.keyword === 'ipqos' && rule === 'last-match') || !options.has(line.keyword)) {
        options.set(line.keyword, line.args.join(' '));
      }
    }
  }
  return options;
}

const zero = (options: Map<string, string>): boolean => isZeroIpqos((options.get('ipqos') ?? '').split(' '));

async function planText(text: string, targets: readonly string[], rule: Rule): Promise<string> {
  const lines = splitLines(text);
  const outline = await outlineConfig('/model/config', lines.lines, '/model/home');
  const states = targets.map((host) => ({ host, sshZero: zero(model(text, host, rule)) }));
  const ranges = toolRanges(findToolBlocks(lines.lines, outline.root, false));
  const { blocks } = placeIpqosZero(outline, states, rule, ranges);
  const indent = detectIndent(lines);
  const edits = blocks.map((block) => ({
    start: block.index,
    deleteCount: 0,
    insert: renderToolBlock({ ...block, indent, date: '2025-01-01' }),
  }));
  return joinLines(applyEdits(lines, edits, dominantEol(lines)));
}

function undoText(text: string, hosts?: readonly string[]): string {
  const lines = splitLines(text);
  const { outline } = outlineLines('model', lines.lines);
  const { edits } = undoToolBlocks(lines.lines, findToolBlocks(lines.lines, outline, true), hosts);
  return joinLines(applyEdits(lines, edits, dominantEol(lines)));
}

const ALIASES = ['a', 'b', 'c', 'd', 'e'];

/** Checks the invariant in the model, under both rules, whatever rule the local ssh has. */
function assertModelInvariant(before: string, after: string, targets: readonly string[]): void {
  for (const rule of ['first-match', 'last-match'] as const) {
    for (const alias of ALIASES) {
      const was = model(before, alias, rule);
      const now = model(after, alias, rule);
      if (targets.includes(alias)) {
        assert.ok(zero(now), `${alias} has IPQoS 0 under ${rule}:\n${after}`);
        now.delete('ipqos');
        was.delete('ipqos');
      }
      assert.deepEqual(now, was, `${alias} unchanged under ${rule}:\n${after}`);
    }
  }
}

const ipqosValue = fc.constantFrom('af21', 'cs1', 'ef', '0', 'cs0', 'lowdelay', 'af11 cs2', '0x00', 'none');
const directive = fc.oneof(
  ipqosValue.map((v) => `IPQoS ${v}`),
  fc.integer({ min: 1, max: 3 }).map((n) => `Port 22${n}`),
  fc.constantFrom('User u1', 'User u2', 'Compression yes', 'Compression no', 'HostName h'),
);
const hostToken = fc.constantFrom('a', 'b', 'c', 'd', '*', '?', 'a*', '!b', '!a', 'c?');
const block = fc.record({
  head: fc.oneof(
    fc.array(hostToken, { minLength: 1, maxLength: 3 }).map((tokens) => `Host ${tokens.join(' ')}`),
    fc.constant('Match all'),
  ),
  comment: fc.boolean(),
  body: fc.array(directive, { maxLength: 3 }),
});
const config = fc
  .record({
    header: fc.boolean(),
    globals: fc.array(directive, { maxLength: 3 }),
    blocks: fc.array(block, { maxLength: 5 }),
    indent: fc.constantFrom('', '  ', '\t'),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ header, globals, blocks, indent, eol }) => {
    const lines = [...(header ? ['# my ssh config'] : []), ...globals];
    for (const b of blocks)
      lines.push(...(b.comment ? ['', '# about this block'] : []), b.head, ...b.body.map((d) => indent + d));
    return lines.map((line) => line + eol).join('');
  });
const targets = fc.subarray([...ALIASES], { minLength: 1 });

test('placement: IPQoS 0 is first and last for every target under both rules, nothing else changes', async () => {
  await fc.assert(
    fc.asyncProperty(
      config,
      targets,
      fc.constantFrom<Rule>('first-match', 'last-match'),
      async (text, hosts, rule) => {
        const fixed = await planText(text, hosts, rule);
        assertModelInvariant(text, fixed, hosts);
        assert.equal(await planText(fixed, hosts, rule), fixed, 'applying twice is a no-op');
        assert.equal(undoText(fixed), text, 'undo gives back the original text');
      },
    ),
    { numRuns: 400 },
  );
});

test('placement: fixes stacked over time, then undone one host at a time', async () => {
  await fc.assert(
    fc.asyncProperty(config, targets, targets, async (text, first, second) => {
      const once = await planText(text, first, 'first-match');
      const twice = await planText(once, second, 'first-match');
      assertModelInvariant(text, twice, [...new Set([...first, ...second])]);
      let undone = twice;
      for (const host of ALIASES) {
        undone = undoText(undone, [host]);
        const rest = [...new Set([...first, ...second])].filter(
          (h) => ALIASES.indexOf(h) > ALIASES.indexOf(host),
        );
        assertModelInvariant(text, undone, rest);
      }
      assert.equal(undone, text);
    }),
    { numRuns: 200 },
  );
});

test('last-match: a later Host * IPQoS gets a block after it even when the first line is already 0', async () => {
  const text = 'Host web\n    IPQoS 0\nHost *\n    IPQoS af21\n';
  // What an OpenSSH 8.6 client prints for web: the last line wins.
  assert.equal(model(text, 'web', 'last-match').get('ipqos'), 'af21');
  for (const rule of ['first-match', 'last-match'] as const) {
    const fixed = await planText(text, ['web'], rule);
    assert.equal(model(fixed, 'web', 'last-match').get('ipqos'), '0');
    assert.equal(model(fixed, 'web', 'first-match').get('ipqos'), '0');
    assert.match(
      fixed,
      /IPQoS af21\n# Added by ipqos-doctor[^\n]*\nHost web\n {4}IPQoS 0\n$/,
      'only an end block',
    );
    assert.equal(fixed.split('Host web').length, 3);
  }
});

test('last-match: a global IPQoS at the top gets IPQoS 0 above it and after everything', async () => {
  const text = 'IPQoS af21\nUser me\nHost web\n  Port 2\nHost *\n  IPQoS cs1\n';
  const fixed = await planText(text, ['web'], 'last-match');
  assert.match(
    fixed,
    /^# Added[^\n]*First here, last at the end[^\n]*\nHost web\n {2}IPQoS 0\nHost \*\n\nIPQoS af21/,
  );
  assert.match(
    fixed,
    /IPQoS cs1\n# Added[^\n]*Last, for OpenSSH before 8\.7[^\n]*\nHost web\n {2}IPQoS 0\n$/,
  );
  assertModelInvariant(text, fixed, ['web']);
});

test('a new block above a Host line keeps the comments that describe that line attached to it', async () => {
  const text = 'Host a\n  User x\n\n# production\n# (careful)\nHost *\n  IPQoS ef\n';
  const fixed = await planText(text, ['a'], 'first-match');
  assert.match(fixed, /User x\n\n# Added[^\n]*\nHost a\n {2}IPQoS 0\n\n# production\n# \(careful\)\nHost \*/);
});
