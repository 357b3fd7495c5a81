import SSHConfig, { type Line } from 'ssh-config';
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
 * True when the config names this host other than through a bare `Host *`: a
 * name given on the command line that only the catch-all matches is most
 * likely a typo, and the check says so rather than probing it. The case rules
 * are ssh's own (readconf.c, and tried with OpenSSH 9.2 and 8.4 in
 * test/unit/inventory.test.ts):
 * - a Host pattern sees the name as typed, case and all (match_pattern):
 *   `Host web` does not apply to `ssh WEB`;
 * - `Match host` and `Match originalhost` compare in lower case (match_hostname);
 * - with CanonicalizeHostname on, ssh reads the config a second time with the
 *   name in lower case, so Host patterns see that too.
 */
export function isNamedByConfig(files: readonly ConfigFile[], name: string): boolean {
  const names = files.some((file) => canonicalizes(file.lines)) ? [name, name.toLowerCase()] : [name];
  for (const file of files) {
    for (const line of file.lines) {
      if (line.type !== SSHConfig.DIRECTIVE) continue;
      const keyword = line.param.toLowerCase();
      if (keyword === 'host') {
        const tokens = directiveValues(line.value).filter((token) => token !== '*');
        if (!tokens.some((token) => !token.startsWith('!'))) continue;
        if (names.some((candidate) => hostLineMatches(tokens, candidate, { caseSensitive: true })))
          return true;
      } else if (keyword === 'match' && 'criteria' in line) {
        for (const [criterion, list] of Object.entries(line.criteria)) {
          if (criterion.toLowerCase() !== 'host' && criterion.toLowerCase() !== 'originalhost') continue;
          const patterns = directiveValues(list).flatMap((value) => value.split(','));
          const named = patterns.filter((pattern) => pattern !== '*');
          if (named.some((p) => !p.startsWith('!')) && hostLineMatches(named, name.toLowerCase()))
            return true;
        }
      }
    }
  }
  return false;
}

/** Whether some line turns CanonicalizeHostname on (wherever it stands: a typo guard may be lenient). */
function canonicalizes(lines: readonly Line[]): boolean {
  return lines.some((line) => {
    if (line.type !== SSHConfig.DIRECTIVE) return false;
    if (line.param.toLowerCase() === 'canonicalizehostname') {
      const value = directiveValues(line.value)[0]?.toLowerCase();
      if (value === 'yes' || value === 'always') return true;
    }
    return 'config' in line && canonicalizes(line.config);
  });
}
