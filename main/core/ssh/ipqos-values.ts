/**
 * IPQoS keywords to the TOS byte they put on the wire. `none` means ssh never
 * calls setsockopt (the OS default, normally 0); from 10.1 the legacy ToS
 * keywords are accepted and treated as `none`, which `ssh -G` prints as such.
 */
const DSCP_KEYWORDS: Record<string, number> = {
  af11: 0x0a,
  af12: 0x0c,
  af13: 0x0e,
  af21: 0x12,
  af22: 0x14,
  af23: 0x16,
  af31: 0x1a,
  af32: 0x1c,
  af33: 0x1e,
  af41: 0x22,
  af42: 0x24,
  af43: 0x26,
  cs0: 0x00,
  cs1: 0x08,
  cs2: 0x10,
  cs3: 0x18,
  cs4: 0x20,
  cs5: 0x28,
  cs6: 0x30,
  cs7: 0x38,
  ef: 0x2e,
  le: 0x01,
  va: 0x2c,
};
const TOS_KEYWORDS: Record<string, number> = { lowdelay: 0x10, throughput: 0x08, reliability: 0x04 };

/** The TOS byte for an IPQoS value, or undefined when ssh leaves the socket alone. */
export function tosByte(value: string): number | undefined {
  const key = value.toLowerCase();
  if (key === 'none') return undefined;
  const dscp = DSCP_KEYWORDS[key];
  if (dscp !== undefined) return dscp << 2;
  const tos = TOS_KEYWORDS[key];
  if (tos !== undefined) return tos;
  // A number is the TOS byte itself, read like strtol(base 0) in OpenSSH's parse_ipqos().
  const number = /^0x[0-9a-f]+$/.test(key)
    ? parseInt(key, 16)
    : /^0[0-7]*$/.test(key)
      ? parseInt(key, 8)
      : /^[1-9]\d*$/.test(key)
        ? Number(key)
        : NaN;
  return Number.isInteger(number) && number >= 0 && number <= 255 ? number : undefined;
}

/** True when this IPQoS value puts 0 on the wire (`0`, `cs0`, `none`, an unset socket). */
export function isUnmarked(value: string): boolean {
  return (tosByte(value) ?? 0) === 0;
}

export function formatTos(tos: number | undefined): string {
  return tos === undefined ? 'unset' : `0x${tos.toString(16).padStart(2, '0')}`;
}
