/**
 * What never goes into the log file, which users attach to bug reports: key
 * material, values of secret-looking settings, and the home directory (which
 * names the user). Pure, tested here; logging.ts applies it to every line.
 */
const PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const SECRET_VALUE =
  /\b(password|passphrase|passwd|secret|token|api[-_]?key)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi;

export function redact(text: string, home: string | null): string {
  let out = text.replace(PEM, '[private key redacted]').replace(SECRET_VALUE, '$1$2[redacted]');
  if (home && home.length > 1) out = out.split(home).join('~');
  return out;
}

/** One line: the message, then its data as JSON (no multi-line objects), redacted. */
export function logLine(
  message: string,
  data: Record<string, unknown> | undefined,
  home: string | null,
): string {
  let suffix = '';
  if (data !== undefined) {
    try {
      suffix = ` ${JSON.stringify(data)}`;
    } catch {
      suffix = ' [data not serialisable]';
    }
  }
  return redact(`${message.replace(/\r?\n/g, '\\n')}${suffix}`, home);
}
