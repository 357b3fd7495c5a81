import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { ERROR_TEMPLATES, HINT_TEMPLATES } from '../../main/core/error-messages.ts';
import { CORE_ERRORS_JA } from '../../main/shared/i18n/catalog-ja.ts';
import { placeholders } from '../../main/shared/i18n/translate.ts';
import { CLI_HINTS, CLI_PLAN_TEXT } from '../../main/cli/cli-hints.ts';
import { PLAN_TEMPLATES } from '../../main/core/config-edit/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

test('every core error, hint and plan code has Japanese with the same placeholders, and nothing else', () => {
  const english: Record<string, string> = { ...ERROR_TEMPLATES, ...HINT_TEMPLATES, ...PLAN_TEMPLATES };
  const problems: string[] = [];
  for (const [code, template] of Object.entries(english)) {
    const ja = CORE_ERRORS_JA[code];
    if (ja === undefined) problems.push(`${code}: no Japanese`);
    else if (placeholders(ja).join() !== placeholders(template).join())
      problems.push(`${code}: placeholders`);
  }
  for (const code of Object.keys(CORE_ERRORS_JA))
    if (!(code in english)) problems.push(`${code}: not a code`);
  assert.deepEqual(problems, []);
});

test('the CLI words only hint codes the core has, with the same placeholders', () => {
  for (const [code, text] of Object.entries(CLI_HINTS)) {
    assert.ok(code in HINT_TEMPLATES, code);
    const core = HINT_TEMPLATES[code as keyof typeof HINT_TEMPLATES];
    assert.deepEqual(placeholders(text), placeholders(core), code);
  }
});

test('the CLI words only plan codes the core has, with the same placeholders', () => {
  for (const [code, text] of Object.entries(CLI_PLAN_TEXT)) {
    assert.ok(code in PLAN_TEMPLATES, code);
    assert.deepEqual(
      placeholders(text),
      placeholders(PLAN_TEMPLATES[code as keyof typeof PLAN_TEMPLATES]),
      code,
    );
  }
});

test('core plan parts name no CLI flag', () => {
  for (const [code, text] of Object.entries(PLAN_TEMPLATES)) assert.doesNotMatch(text, /(^|\s)--\w/, code);
});

test('core English hints name no CLI flag (the CLI adds its own)', () => {
  for (const [code, text] of Object.entries(HINT_TEMPLATES)) assert.doesNotMatch(text, /(^|\s)--\w/, code);
});

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(file)));
    else if (entry.name.endsWith('.ts')) out.push(file);
  }
  return out;
}

test('every UserError the core makes carries a code (coreError, or new UserError with a third argument)', async () => {
  const bare: string[] = [];
  for (const file of await sources(path.join(ROOT, 'main/core'))) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/new UserError\(/g)) {
      if (file.endsWith('error-messages.ts')) continue;
      bare.push(`${path.relative(ROOT, file)}:${text.slice(0, match.index).split('\n').length}`);
    }
  }
  assert.deepEqual(bare, []);
});
