/**
 * How thoroughly a check looks (the one definition, issue 16 §4): the core's
 * probes, the CLI's --mode, the controller and the IPC contract all use it.
 */
export const CHECK_MODES = ['screen', 'session', 'thorough'] as const;
export type CheckMode = (typeof CHECK_MODES)[number];
