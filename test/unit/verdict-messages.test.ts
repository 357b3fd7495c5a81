import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeRawProbe } from '../../main/core/diagnosis/probe-host.ts';
import {
  MESSAGE_TEMPLATES,
  formatMessage,
  message,
  placeholders,
  type MessageCode,
} from '../../main/core/verdicts/messages.ts';

const root = join(import.meta.dirname, '..', '..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Codes the core names in its source: literal ones, and the stems of those it builds (`….${mode}`). */
async function codesInSource(): Promise<{ literal: Set<string>; stems: Set<string> }> {
  const literal = new Set<string>();
  const stems = new Set<string>();
  for (const file of await sourceFiles('main/core')) {
    if (file.endsWith('messages.ts')) continue;
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/['`]((?:verdict|evidence)\.[a-z0-9.-]+?)(\.?\$\{[^}]*\})?['`]/g)) {
      (match[2] ? stems : literal).add(match[1] ?? '');
    }
  }
  return { literal, stems };
}

test('every code the core uses has a template', async () => {
  const { literal, stems } = await codesInSource();
  assert.ok(literal.size > 30, `found only ${literal.size} codes in main/core: the scan is broken`);
  const known = new Set(Object.keys(MESSAGE_TEMPLATES));
  // A stem the verdicts complete with the tty modes (`withModes`) needs all three.
  const modes = (stem: string): string[] => ['no-tty', 'tty', 'both'].map((mode) => `${stem}.${mode}`);
  for (const code of literal) {
    const ok = known.has(code) || modes(code).every((moded) => known.has(moded));
    assert.ok(ok, `no template for ${code}`);
  }
  for (const stem of stems) {
    assert.ok(
      [...known].some((code) => code.startsWith(`${stem}.`)),
      `no template starts with ${stem}.`,
    );
  }
});

test('every template is used by the core, so the catalog holds no dead codes', async () => {
  const { literal, stems } = await codesInSource();
  for (const code of Object.keys(MESSAGE_TEMPLATES)) {
    const stem = code.replace(/\.(no-tty|tty|both)$/, '');
    const used = literal.has(code) || literal.has(stem) || [...stems].some((s) => code.startsWith(`${s}.`));
    assert.ok(used, `${code} is never used`);
  }
});

test('codes are stable dotted ids and templates use i18next placeholders only', () => {
  for (const [code, template] of Object.entries(MESSAGE_TEMPLATES)) {
    assert.match(code, /^(verdict|evidence)(\.[a-z0-9-]+)+$/, code);
    assert.doesNotMatch(template.replace(/\{\{\w+\}\}/g, ''), /[{}]/, `${code}: stray brace`);
    assert.ok(template.length > 0 && template.trim() === template, code);
  }
});

test('formatMessage fills every placeholder and leaves a missing one visible', () => {
  const code: MessageCode = 'evidence.raw-probe.switch-failed';
  const params = Object.fromEntries(placeholders(MESSAGE_TEMPLATES[code]).map((name) => [name, `<${name}>`]));
  assert.deepEqual(Object.keys(params).sort(), ['detail', 'ms', 'outcome', 'tos']);
  const text = formatMessage({ code, params });
  assert.equal(text, 'Raw probe, then TOS <tos> on the same connection: <outcome> in <ms> ms — <detail>');
  assert.match(formatMessage({ code, params: { tos: '0x08' } }), /0x08 .*\{\{outcome\}\}/);
});

test('the raw probe’s evidence carries values, not sentences, where it can', () => {
  const lines = describeRawProbe({
    baseline: {
      outcome: 'ok',
      stage: 'auth',
      detail: 'the server answered "none" (methods: publickey,password)',
      durationMs: 41,
      bytesReceived: 2048,
      errno: null,
      address: '10.0.0.2',
    },
    switched: [
      { tos: 0x08, outcome: 'ok', detail: 'answered', durationMs: 3, timeoutMs: 600 },
      { tos: 0x10, outcome: 'timeout', detail: 'no answer within 600 ms', durationMs: 601, timeoutMs: 600 },
    ],
  });
  assert.deepEqual(lines, [
    message('evidence.raw-probe.baseline-methods', { ms: 41, methods: 'publickey,password' }),
    message('evidence.raw-probe.switch-answered', { tos: '0x08', ms: 3 }),
    message('evidence.raw-probe.switch-silent', { tos: '0x10', ms: 601, waitMs: 600 }),
  ]);
  assert.equal(
    formatMessage(lines[2] ?? message('evidence.raw-probe.harmless')),
    'Raw probe, then TOS 0x10 on the same connection: timeout in 601 ms — no answer within 600 ms',
  );
});
