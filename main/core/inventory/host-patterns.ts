import SSHConfig from 'ssh-config';
import { directiveValues, type ConfigFile } from './config-files.ts';

function wildcardToRegExp(pattern: string, caseSensitive = false): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, caseSensitive ? '' : 'i');
}

/**
 * ssh_config(5) Host matching: any positive pattern matches and no negated one does.
 * OpenSSH's first pass compares the alias as typed (match_pattern is
 * case-sensitive); pass `caseSensitive` where that exactness matters.
 */
export function hostLineMatches(
  tokens: readonly string[],
  name: string,
  options: { caseSensitive?: boolean } = {},
): boolean {
  let matched = false;
  for (const token of tokens) {
    const negated = token.startsWith('!');
    const pattern = negated ? token.slice(1) : token;
    if (!wildcardToRegExp(pattern, options.caseSensitive === true).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/**
 * True when some Host line other than a bare `Host *` names this host: a name
 * the user gives on the command line that only the catch-all matches is most
 * likely a typo, and the check says so rather than probing it.
 */
export function isNamedByConfig(files: readonly ConfigFile[], name: string): boolean {
  for (const file of files) {
    for (const line of file.lines) {
      if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
      const tokens = directiveValues(line.value).filter((token) => token !== '*');
      if (tokens.some((token) => !token.startsWith('!')) && hostLineMatches(tokens, name)) return true;
    }
  }
  return false;
}
