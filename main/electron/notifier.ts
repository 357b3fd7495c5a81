/**
 * The Notifier port on Electron's Notification. Since Electron 42 macOS
 * notifications go through UNNotification, and an unsigned app gets a
 * `failed` event (with the system's reason) instead of a banner
 * (https://github.com/electron/electron/pull/47817): `show()` resolves on
 * either, so the controller can put the news in the tray and the popover.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { AlertNotification, Logger, Notifier, NotifyResult, Unsubscribe } from '../app/ports.ts';

/** What this uses of a notification; Electron's Notification is one (main.ts passes it; tests, a fake). */
export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
  once(event: 'show', listener: () => void): unknown;
  once(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}
export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/** The system answers within a second or two; after this, say so rather than wait forever. */
export const ANSWER_TIMEOUT_MS = 15_000;
/** Notifications kept alive for clicks from Notification Center; the oldest go first. */
export const KEEP_NOTIFICATIONS = 20;

export function createNotifier(
  Notification: NotificationClass,
  log: Logger,
  answerTimeoutMs = ANSWER_TIMEOUT_MS,
): Notifier & { alive(): number } {
  const listeners = new Set<(alert: AlertNotification) => void>();
  // A Notification that is garbage-collected no longer delivers its click: keep references.
  const alive: NotificationLike[] = [];
  const forget = (notification: NotificationLike): void => {
    const at = alive.indexOf(notification);
    if (at >= 0) alive.splice(at, 1);
  };

  return {
    isSupported: () => Notification.isSupported(),
    show(alert) {
      if (!Notification.isSupported()) {
        return Promise.resolve({ shown: false, reason: 'Notifications are not supported on this system.' });
      }
      const notification = new Notification({
        title: alert.title.text,
        body: alert.body.text,
        silent: alert.quiet,
      });
      alive.push(notification);
      if (alive.length > KEEP_NOTIFICATIONS) alive.shift();
      notification.on('click', () => {
        forget(notification);
        for (const listener of listeners) listener(alert);
      });
      notification.on('close', () => forget(notification));
      return new Promise<NotifyResult>((resolve) => {
        const timer = setTimeout(() => {
          log.warn('notification: no answer from the system', { kind: alert.kind });
          resolve({
            shown: false,
            reason: `The system did not answer within ${Math.round(answerTimeoutMs / 1000)} seconds.`,
          });
        }, answerTimeoutMs);
        notification.once('show', () => {
          clearTimeout(timer);
          resolve({ shown: true });
        });
        notification.once('failed', (_event, error) => {
          clearTimeout(timer);
          forget(notification);
          log.warn('notification failed', { kind: alert.kind, error });
          resolve({ shown: false, reason: error || 'The system refused the notification.' });
        });
        notification.show();
      });
    },
    onClick(listener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    alive: () => alive.length,
  };
}
