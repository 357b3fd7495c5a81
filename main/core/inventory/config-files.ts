import { glob, stat } from 'node:fs/promises';
import path from 'node:path';
import SSHConfig, { type Directive, type Line } from 'ssh-config';
import { coreError } from '../error-messages.ts';
import { readRegularFile } from './bounded-read.ts';

/** One file of the user's ssh configuration, parsed, in the order OpenSSH reads it. */
export interface ConfigFile {
  path: string;
  text: string;
  lines: SSHConfig;
  /** The file whose Include brought this one in; undefined for the root. */
  includedFrom: string | undefined;
  /** For each Include pattern of this file, in file order: the files it brought in. */
  includes: ConfigFile[][];
}

export interface ConfigTreeOptions {
  /** The user's home: `~` and relative Include paths resolve against it (ssh uses the passwd entry). */
  home: string;
  /** Treat a missing root file as empty instead of an error (the fix creates it). */
  allowMissingRoot?: boolean;
  /** Where a relative Include path starts: ~/.ssh for a user's config (the default), /etc/ssh for the system's. */
  relativeIncludeDir?: string;
  signal?: AbortSignal | undefined;
}

export const MAX_INCLUDE_DEPTH = 16; // OpenSSH's READCONF_MAX_DEPTH

export function expandTilde(value: string, home: string): string {
  if (value === '~') return home;
  if (value.startsWith('~/')) return path.join(home, value.slice(2));
  return value;
}

/**
 * Reads a config and everything it Includes, depth first, like readconf.c:
 * a relative Include path is taken from ~/.ssh (ssh_config(5)), globs expand
 * in sorted order, and a pattern that matches nothing is skipped silently.
 */
export async function readConfigTree(rootPath: string, options: ConfigTreeOptions): Promise<ConfigFile[]> {
  const files: ConfigFile[] = [];
  const absoluteRoot = path.resolve(expandTilde(rootPath, options.home));
  const rootText = await readConfigText(
    absoluteRoot,
    options.allowMissingRoot === true,
    'utf8',
    options.signal,
  );
  await visit(absoluteRoot, rootText, undefined, 0);
  return files;

  async function visit(
    file: string,
    text: string,
    includedFrom: string | undefined,
    depth: number,
  ): Promise<ConfigFile> {
    if (depth > MAX_INCLUDE_DEPTH) {
      throw coreError(
        'core.error.include-too-deep',
        { depth: MAX_INCLUDE_DEPTH, file },
        'core.hint.include-loop',
      );
    }
    const lines = parseConfig(file, text);
    const entry: ConfigFile = { path: file, text, lines, includedFrom, includes: [] };
    files.push(entry);
    for (const pattern of includePatterns(lines)) {
      const included: ConfigFile[] = [];
      for (const match of await includeMatches(pattern, options.home, options.relativeIncludeDir)) {
        included.push(
          await visit(match, await readConfigText(match, false, 'utf8', options.signal), file, depth + 1),
        );
      }
      entry.includes.push(included);
    }
    return entry;
  }
}

/**
 * The files OpenSSH reads for one Include pattern of a user config (or, with
 * `relativeDir` /etc/ssh, of the system config), exactly: readconf.c globs the
 * path, and a pattern that matches no file (a missing plain path too) is
 * skipped silently rather than being an error.
 */
export async function includeMatches(
  pattern: string,
  home: string,
  relativeDir = path.join(home, '.ssh'),
): Promise<string[]> {
  const expanded = expandTilde(pattern, home);
  const absolute = path.isAbsolute(expanded) ? expanded : path.join(relativeDir, expanded);
  const existing: string[] = [];
  for (const match of await expandGlob(absolute)) {
    try {
      await stat(match);
      existing.push(match);
    } catch {
      // glob(3) only returns what exists; a plain missing path is GLOB_NOMATCH.
    }
  }
  return existing;
}

async function expandGlob(pattern: string): Promise<string[]> {
  if (!/[*?[]/.test(pattern)) return [pattern];
  const matches: string[] = [];
  for await (const match of glob(pattern)) matches.push(match);
  return matches.sort();
}

/**
 * Reads one config file; `latin1` keeps every byte (non-UTF-8 too) for a
 * byte-exact round trip. Regular files only, at most MAX_CONFIG_BYTES.
 */
export async function readConfigText(
  file: string,
  allowMissing: boolean,
  encoding: 'utf8' | 'latin1' = 'utf8',
  signal?: AbortSignal,
): Promise<string> {
  try {
    return (await readRegularFile(file, { signal })).toString(encoding);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && allowMissing) return '';
    if (code === 'ENOENT')
      throw coreError('core.error.config-missing', { file }, 'core.hint.pass-config-file');
    if (code === 'EACCES')
      throw coreError('core.error.config-unreadable', { file }, 'core.hint.check-permissions');
    if (code === 'EISDIR')
      throw coreError('core.error.config-is-directory', { file }, 'core.hint.pass-config-file');
    if (typeof code === 'string' && code.startsWith('E'))
      throw coreError('core.error.config-read-failed', { file, errno: code });
    throw error;
  }
}

function parseConfig(file: string, text: string): SSHConfig {
  try {
    return SSHConfig.parse(text);
  } catch (error) {
    throw coreError(
      'core.error.config-unparsable',
      { file, reason: (error as Error).message },
      'core.hint.unbalanced-quote',
    );
  }
}

/** Every Include pattern of a file, including those inside Host/Match blocks, in file order. */
export function includePatterns(lines: readonly Line[]): string[] {
  const patterns: string[] = [];
  for (const line of lines) {
    if (line.type !== SSHConfig.DIRECTIVE) continue;
    if (line.param.toLowerCase() === 'include') patterns.push(...directiveValues(line.value));
    if ('config' in line) patterns.push(...includePatterns(line.config));
  }
  return patterns;
}

/**
 * Every directive in the order OpenSSH reads them: a file's lines, with each
 * Include replaced by the files it brought in.
 */
export function* directivesInReadOrder(
  file: ConfigFile,
): Generator<{ file: ConfigFile; directive: Directive }> {
  let includeIndex = 0;
  function* walk(lines: readonly Line[]): Generator<{ file: ConfigFile; directive: Directive }> {
    for (const line of lines) {
      if (line.type !== SSHConfig.DIRECTIVE) continue;
      yield { file, directive: line };
      if (line.param.toLowerCase() === 'include') {
        for (let n = directiveValues(line.value).length; n > 0; n--) {
          for (const included of file.includes[includeIndex++] ?? []) yield* directivesInReadOrder(included);
        }
      }
      if ('config' in line) yield* walk(line.config);
    }
  }
  yield* walk(file.lines);
}

/** A directive's value as tokens, quotes removed: ssh-config gives a lone token as a string, several as an array. */
export function directiveValues(value: string | readonly { val: string }[]): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  return value.map((part) => part.val);
}
