/** A generated config of many hosts, the same for the suite's case and `npm run bench:fix`. */
export function largeConfig(hosts: number): { text: string; aliases: string[]; targets: string[] } {
  const width = String(Math.max(0, hosts - 1)).length;
  const name = (i: number): string => `h${String(i).padStart(Math.max(5, width), '0')}`;
  const lines = ['# generated', 'ServerAliveInterval 30', ''];
  const aliases: string[] = [];
  for (let i = 0; i < hosts; i++) {
    aliases.push(name(i));
    lines.push(
      `Host ${name(i)}`,
      `    HostName 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
      `    User u${i % 7}`,
      `    Port ${2000 + (i % 50)}`,
      '',
    );
  }
  lines.push('Host *', '    IPQoS af21 cs1', '    Compression yes', '');
  return { text: lines.join('\n'), aliases, targets: [name(Math.min(42, hosts - 1)), name(hosts - 1)] };
}
