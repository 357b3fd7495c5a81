import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { abortError } from '../errors.ts';
import { coreError } from '../error-messages.ts';

/**
 * The most the tool reads of one config file: 16 MiB, some 300,000 Host
 * blocks. A bigger file is refused in one line rather than read without end
 * (`Include /dev/zero` once read 650 MB and crashed, issue 15 §1).
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

const CHUNK = 1024 * 1024;

/** `fifo`, `device`, `socket`, `directory`: what a path is when it is not a regular file. */
export function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'fifo';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  if (info.isDirectory()) return 'directory';
  return 'other';
}

/**
 * Reads a regular file, at most `maxBytes`. Opened with O_NONBLOCK so that a
 * FIFO does not block the open (which no AbortSignal could end), then refused
 * by fstat like a device or a socket; the signal is checked between chunks.
 * fs errors (ENOENT, EACCES…) are thrown as they are, for the caller to word.
 */
export async function readRegularFile(
  file: string,
  options: { maxBytes?: number; signal?: AbortSignal | undefined } = {},
): Promise<Buffer> {
  const max = options.maxBytes ?? MAX_CONFIG_BYTES;
  const signal = options.signal;
  if (signal?.aborted) throw abortError(signal);
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    // A socket file cannot be opened at all.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw notRegular(file, 'socket');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegular(file, fileKind(info));
    if (info.size > max) throw tooLarge(file, max);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      // It grew while being read.
      if (total > max) throw tooLarge(file, max);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function notRegular(file: string, kind: string): Error {
  return kind === 'directory'
    ? coreError('core.error.config-is-directory', { file }, 'core.hint.pass-config-file')
    : coreError('core.error.not-regular-file', { file, kind }, 'core.hint.regular-file-only');
}

function tooLarge(file: string, max: number): Error {
  return coreError(
    'core.error.file-too-large',
    { file, limitMiB: Math.round(max / (1024 * 1024)) },
    'core.hint.too-large',
  );
}
