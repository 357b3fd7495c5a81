import { createHash } from 'node:crypto';
import { coreError } from '../error-messages.ts';

/**
 * A config file as physical lines. The text is decoded as latin1, one char per
 * byte, so any byte (UTF-8 or not) survives a split/join round trip exactly.
 */
export interface TextLines {
  /** Each line without its line ending. */
  lines: string[];
  /** Each line's own ending: '\n', '\r\n', or '' for a last line without one. */
  eols: string[];
}

export type Eol = '\n' | '\r\n';

export function splitLines(text: string): TextLines {
  const lines: string[] = [];
  const eols: string[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const crlf = end > start && text[end - 1] === '\r' && newline !== -1;
    lines.push(text.slice(start, crlf ? end - 1 : end));
    eols.push(newline === -1 ? '' : crlf ? '\r\n' : '\n');
    start = end + 1;
  }
  return { lines, eols };
}

export function joinLines(text: TextLines): string {
  let out = '';
  for (let i = 0; i < text.lines.length; i++) out += `${text.lines[i]}${text.eols[i]}`;
  return out;
}

/** The ending most lines use, so added lines match (CRLF files stay CRLF). */
export function dominantEol(text: TextLines): Eol {
  let crlf = 0;
  let lf = 0;
  for (const eol of text.eols) {
    if (eol === '\r\n') crlf++;
    else if (eol === '\n') lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Bytes OpenSSH and our parser would read differently: a NUL ends a C string
 * mid-line, and a lone CR is whitespace to ssh but a line break to ssh-config.
 */
export function assertEditableText(file: string, text: TextLines): void {
  text.lines.forEach((line, index) => {
    if (line.includes('\0')) {
      throw coreError('core.error.nul-byte', { file, line: index + 1 }, 'core.hint.remove-nul');
    }
    if (line.includes('\r')) {
      throw coreError(
        'core.error.lone-carriage-return',
        { file, line: index + 1 },
        'core.hint.convert-line-endings',
      );
    }
  });
}

/**
 * The indentation the file already uses inside Host/Match blocks; '' when its
 * blocks are flat, four spaces when it has no blocks to learn from.
 */
export function detectIndent(text: TextLines): string {
  let inBlock = false;
  let sawBlockBody = false;
  for (const line of text.lines) {
    if (/^\s*(host|match)(\s|=)/i.test(line)) {
      inBlock = true;
      continue;
    }
    if (!inBlock || /^\s*(#|$)/.test(line)) continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (indent !== '') return indent;
    sawBlockBody = true;
  }
  return sawBlockBody ? '' : '    ';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A latin1 line as a person should see it: UTF-8 when it is, \xNN escapes for other bytes. */
export function displayLine(line: string): string {
  const bytes = Buffer.from(line, 'latin1');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return line.replace(/[\x80-\xff]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
