/**
 * electron-log for the main process: one file in ~/Library/Logs/IPQoS Doctor/,
 * rotated at 1 MB (the previous file is kept as main.old.log), every line
 * redacted (log-redaction.ts). The controller gets it as the Logger port.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import log from 'electron-log/main';
import type { Logger } from '../app/ports.ts';
import { logLine, redact, redactError } from './log-redaction.ts';

export interface AppLog {
  logger: Logger;
  /** The current log file, for "Open log". */
  file(): string;
}

/** `dir`: where the log goes instead of ~/Library/Logs (tests keep theirs in a temporary folder). */
export function setupLogging(dir?: string): AppLog {
  const home = homedir();
  if (dir) log.transports.file.resolvePathFn = () => path.join(dir, 'main.log');
  log.transports.file.level = 'info';
  log.transports.file.maxSize = 1024 * 1024;
  log.transports.console.level = 'warn';
  // Lines that do not come through the Logger below (uncaught errors, libraries) are redacted too.
  log.hooks.push((message) => ({
    ...message,
    // An Error (electron-log's uncaught-error handler passes them raw) becomes its redacted text.
    data: message.data.map((part: unknown) =>
      typeof part === 'string' ? redact(part, home) : part instanceof Error ? redactError(part, home) : part,
    ),
  }));
  // Uncaught errors and unhandled rejections go to the log, not to a dialog over the user's work.
  log.errorHandler.startCatching({ showDialog: false });
  const logger: Logger = {
    info: (message, data) => log.info(logLine(message, data, home)),
    warn: (message, data) => log.warn(logLine(message, data, home)),
    error: (message, data) => log.error(logLine(message, data, home)),
  };
  return { logger, file: () => log.transports.file.getFile().path };
}
