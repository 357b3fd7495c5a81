import { directiveValues, directivesInReadOrder, type ConfigFile } from './config-files.ts';

/** A concrete alias from a Host line, and where it is declared. */
export interface HostAlias {
  alias: string;
  file: string;
}

/** True for a Host token that names one host: no wildcard, no negation. */
export function isConcreteAlias(token: string): boolean {
  return token !== '' && !/[*?]/.test(token) && !token.startsWith('!');
}

/**
 * The concrete aliases on Host lines, in the order OpenSSH reads them (an
 * Include's files where the Include stands), first declaration wins. Tokens
 * ssh could never be given as a host (a leading `-`, a space) are left out.
 */
export function concreteAliases(files: readonly ConfigFile[]): HostAlias[] {
  const seen = new Set<string>();
  const aliases: HostAlias[] = [];
  const root = files[0];
  if (!root) return aliases;
  for (const { file, directive } of directivesInReadOrder(root)) {
    if (directive.param.toLowerCase() !== 'host') continue;
    for (const token of directiveValues(directive.value)) {
      if (!isConcreteAlias(token) || token.startsWith('-') || /\s/.test(token) || seen.has(token)) continue;
      seen.add(token);
      aliases.push({ alias: token, file: file.path });
    }
  }
  return aliases;
}
