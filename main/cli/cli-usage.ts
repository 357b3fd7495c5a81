/** The CLI's usage texts: the whole list, and each command's own (`ipqos-doctor CMD --help`). */

export const COMMAND_USAGE = {
  check: `Usage: ipqos-doctor check [HOST...] [--config FILE] [--json] [--concurrency N]
                          [--mode screen|session|thorough] [--thorough] [--verbose] [--ssh PATH]

Checks the hosts of your ssh config (or the HOSTs named) for a middlebox that breaks
connections when the IP TOS/DSCP byte changes. It never edits the config.

  -F, --config FILE   the ssh config to read alone (ssh -F); default ~/.ssh/config and the
                      system config after it, as \`ssh host\` reads them
  --mode MODE         screen: no login anywhere; session (default): one login where needed;
                      thorough: both markings, with and without a tty, on every host
  --thorough          the same as --mode thorough
  --json              one JSON object, for scripts
  --concurrency N     hosts checked at a time (default 16)
  --ssh PATH          the OpenSSH client to use (default: ssh on PATH)
  -v, --verbose       the evidence for every host, and the detail of any failure

Exit status: 0 no host needs IPQoS 0, 1 at least one does, 3 none does but a server breaks
sessions with its own marking, 2 bad usage or unreadable input.
`,
  fix: `Usage: ipqos-doctor fix HOST... [--config FILE] [--dry-run] [--yes] [--ssh PATH]

Adds IPQoS 0 for the HOSTs to your ssh config: shows the diff, asks, writes atomically with
a backup, and proves the change with ssh -G (else the file is put back).

  -F, --config FILE   the ssh config to change (default ~/.ssh/config)
  --dry-run           show the change, write nothing
  -y, --yes           apply without asking (needed without a terminal)
  --ssh PATH          the OpenSSH client that proves the change
  -v, --verbose       the detail of any failure

Exit status: 0 done (or nothing to do), 1 the ssh -G proof failed and the file is as it
was, 2 bad usage or input, or a file that cannot be written (the lines to add by hand
are printed).
`,
  undo: `Usage: ipqos-doctor undo [HOST...] [--config FILE] [--dry-run] [--yes] [--ssh PATH]

Removes exactly the lines fix added (for the HOSTs named, or all), proven like fix.

  -F, --config FILE   the ssh config to change (default ~/.ssh/config)
  --dry-run           show the change, write nothing
  -y, --yes           apply without asking (needed without a terminal)
  --ssh PATH          the OpenSSH client that proves the change
  -v, --verbose       the detail of any failure

Exit status: as for fix.
`,
  watch: `Usage: ipqos-doctor watch [--config FILE] [--interval DURATION] [--json] [--state-dir DIR]
                          [--ssh PATH]

Keeps checking like the menu-bar app and says when a host changes. It never edits the
config. Ctrl-C (or SIGTERM) stops it; kill -USR2 PID checks now.

  -F, --config FILE   the ssh config to read alone (default ~/.ssh/config and the system config)
  --interval D        10s at least, then 5m, 1h… (default 15m)
  --json              JSON Lines
  --state-dir DIR     where results are kept per network
  --ssh PATH          the OpenSSH client to use

Exit status: 0 on SIGINT/SIGTERM, 2 bad usage.
`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const USAGE = `Usage:
  ipqos-doctor check [HOST...] [--config FILE] [--json] [--concurrency N]
                     [--mode screen|session|thorough] [--thorough] [--verbose] [--ssh PATH]
  ipqos-doctor fix HOST... [--config FILE] [--dry-run] [--yes] [--ssh PATH]
  ipqos-doctor undo [HOST...] [--config FILE] [--dry-run] [--yes] [--ssh PATH]
  ipqos-doctor watch [--config FILE] [--interval DURATION] [--json] [--state-dir DIR]
                     [--ssh PATH]
  ipqos-doctor CMD --help        that command's usage
  ipqos-doctor --version [--ssh PATH]

Finds the ssh hosts whose connections break when the IP TOS/DSCP byte changes,
and sets IPQoS 0 for them in your ssh config (previewed, verified, reversible).

Exit status: 0 all good, 1 a host needs IPQoS 0 (check) or a fix failed and was
rolled back (fix/undo), 2 bad usage or unreadable input, 3 (check) no host needs
IPQoS 0 but one breaks on its server's own marking (for the server's admin).
`;
