import SSHConfig from 'ssh-config';
import { directiveValues, type ConfigFile } from './config-files.ts';

/** A concrete alias from a Host line, and where it is declared. */
export interface HostAlias {
  alias: string;
  file: string;
}

/** True for a Host token that names one host: no wildcard, no negation. */
export function isConcreteAlias(token: string): boolean {
  return token !== '' && !/[*?]/.test(token) && !token.startsWith('!');
}

/** The concrete aliases on Host lines across all files, first declaration wins, in file order. */
export function concreteAliases(files: readonly ConfigFile[]): HostAlias[] {
  const seen = new Set<string>();
  const aliases: HostAlias[] = [];
  for (const file of files) {
    for (const line of file.lines) {
      if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
      for (const token of directiveValues(line.value)) {
        if (!isConcreteAlias(token) || token.startsWith('-') || seen.has(token)) continue;
        seen.add(token);
        aliases.push({ alias: token, file: file.path });
      }
    }
  }
  return aliases;
}
