/**
 * What the controller needs from the platform, as small interfaces. The
 * Electron adapters (main/electron) and the headless `watch` command
 * (main/cli) each provide them; tests provide real ones with a fake clock.
 * No Electron type may appear here.
 */
import type { Message, Settings } from '../shared/ipc-contract.ts';

export type Unsubscribe = () => void;

/** Time, injectable so tests can fake only the scheduler's clock. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; the returned function cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** Identifies the network the machine is on, cheaply (no child process on the hot path where avoidable). */
export interface NetworkFingerprint {
  /** Stable id for results kept per network (e.g. hash of gateway address + MAC, or interface + gateway). */
  id: string;
  /** What a person recognises: "Wi-Fi 192.168.1.1", "en0 via 10.0.0.1". */
  label: string;
}

export interface NetworkMonitor {
  current(): Promise<NetworkFingerprint>;
  /** Fires when the network's fingerprint changed (a new default gateway), not on address churn; the controller debounces. */
  onChange(listener: () => void): Unsubscribe;
}

/** Wake from sleep and screen unlock (Electron's powerMonitor; a wall-clock jump for `watch`). */
export interface PowerEvents {
  onWake(listener: () => void): Unsubscribe;
  /** On battery the schedule may stretch; absent means "unknown, assume mains". */
  onBattery?(): boolean;
}

/** A notification the controller decided to send. */
export interface AlertNotification {
  kind: 'needs-ipqos-0' | 'recovered' | 'server-side' | 'error' | 'fix-verified' | 'fix-restored';
  hosts: string[];
  title: Message;
  body: Message;
  /** Recovery notices are quiet: no sound. */
  quiet: boolean;
  /** The host the popover opens at when the notification is clicked. */
  focusAlias: string | null;
}

export type NotifyResult = { shown: true } | { shown: false; reason: string };

export interface Notifier {
  isSupported(): boolean;
  /** Resolves when the system showed it or refused it (Electron ≥ 42 unsigned: a `failed` event). */
  show(alert: AlertNotification): Promise<NotifyResult>;
  onClick(listener: (alert: AlertNotification) => void): Unsubscribe;
}

/** Settings, validated on read: a corrupt file gives defaults and is kept aside. */
export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
}

/** Per-network results and alert memory, kept across restarts (JSON-safe data). */
export interface StateStore<T> {
  read(): T | null;
  write(state: T): void;
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}
