/**
 * What never goes into the log file, which users attach to bug reports: key
 * material, values of secret-looking settings (quoted ones whole), bearer
 * tokens, passwords in URLs, and the home directory (which names the user).
 * One entry is one line: line breaks of any kind are escaped. Pure, tested
 * with a table (test/electron/log-redaction.test.ts); logging.ts applies it to
 * every line and to the Error objects electron-log's uncaught-error handler logs.
 */
const PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const SECRET_NAME = String.raw`\b((?:client[-_]?)?secret|password|passphrase|passwd|pwd|token|access[-_]?token|refresh[-_]?token|api[-_]?key|private[-_]?key)\b`;
/** A quoted value, whole (`password = "two words"`; JSON's escaped quotes `\"` too). */
const SECRET_QUOTED = new RegExp(`${SECRET_NAME}(\\\\?["']?\\s*[:=]\\s*)(\\\\?["'])(?:(?!\\3).)*\\3`, 'gi');
const SECRET_BARE = new RegExp(`${SECRET_NAME}(\\\\?["']?\\s*[:=]\\s*)(?!\\\\?["'])[^\\s"',;&}]+`, 'gi');
const AUTHORIZATION =
  /\b(Authorization\\?["']?\s*[:=]\s*\\?["']?(?:Bearer|Basic|Token|Digest)?\s*)[^\s"',}\\]+/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;
/** `scheme://user:password@host`: the password goes. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:)[^\s@/"']+@/gi;
/** Line breaks a reader would see as a new line: CR, LF, NEL, U+2028, U+2029. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

const escapeBreak = (text: string): string =>
  text.replace(LINE_BREAKS, (breakText) =>
    breakText === '\r\n'
      ? '\\r\\n'
      : breakText === '\n'
        ? '\\n'
        : breakText === '\r'
          ? '\\r'
          : `\\u${breakText.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redact(text: string, home: string | null): string {
  let out = text
    .replace(PEM, '[private key redacted]')
    .replace(SECRET_QUOTED, '$1$2$3[redacted]$3')
    .replace(SECRET_BARE, '$1$2[redacted]')
    .replace(AUTHORIZATION, '$1[redacted]')
    .replace(BEARER, '$1[redacted]')
    .replace(URL_PASSWORD, '$1[redacted]@');
  // Only the home itself or a path under it: /Users/alicebob is not under /Users/alice.
  if (home && home.length > 1) {
    const bare = home.replace(/\/+$/, '');
    out = out.replace(new RegExp(`${escapeRegExp(bare)}(?=$|[/\\s"'\\\\:;,)\\]}])`, 'g'), '~');
  }
  return escapeBreak(out);
}

/** An Error as one redacted line: its name, message and stack (messages can carry tokens). */
export function redactError(error: Error, home: string | null): string {
  const stack = error.stack ?? '';
  const head = `${error.name}: ${error.message}`;
  return redact(stack.startsWith(head) ? stack : `${head}\n${stack}`, home);
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
      suffix = ` ${JSON.stringify(data, (_key, value: unknown) =>
        value instanceof Error ? `${value.name}: ${value.message}` : value,
      )}`;
    } catch {
      suffix = ' [data not serialisable]';
    }
  }
  return redact(`${message}${suffix}`, home);
}
