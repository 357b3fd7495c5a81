/**
 * Packages of another Debian suite, fetched with the machine's own apt into a
 * folder of ours and unpacked with `dpkg -x`: never installed, nothing of the
 * system's apt state touched (own sources list, lists, cache and an empty
 * dpkg status).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The archive URI of the machine's own Debian sources (not the security one). */
export function debianArchiveUri(): string {
  const candidates = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const deb822 = [...text.matchAll(/^URIs:\s*(\S+)/gm)].map((m) => m[1] ?? '');
    const oneLine = [...text.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm)].map((m) => m[1] ?? '');
    const uri = [...deb822, ...oneLine].find((u) => u !== '' && !u.includes('security'));
    if (uri) return uri;
  }
  throw new Error('no Debian archive in /etc/apt sources');
}

export interface AptSuite {
  /** Runs apt-get with this suite's private state; returns stdout. */
  aptGet(args: readonly string[], cwd?: string): string;
  /** Downloads `names` of this suite and unpacks every one into `root`. */
  unpack(names: readonly string[], root: string): void;
  dispose(): void;
}

/** Sets up a private apt state for `suite` in `work` and reads its package lists. */
export function aptSuite(suite: string, work: string): AptSuite {
  rmSync(work, { recursive: true, force: true });
  for (const dir of ['lists/partial', 'cache/archives/partial', 'debs'])
    mkdirSync(join(work, dir), { recursive: true });
  writeFileSync(join(work, 'sources.list'), `deb ${debianArchiveUri()} ${suite} main\n`);
  writeFileSync(join(work, 'status'), '');
  const options = [
    '-o', `Dir::Etc::sourcelist=${join(work, 'sources.list')}`,
    '-o', 'Dir::Etc::sourceparts=-',
    '-o', `Dir::State::Lists=${join(work, 'lists')}`,
    '-o', `Dir::State::status=${join(work, 'status')}`,
    '-o', `Dir::Cache=${join(work, 'cache')}`,
    '-o', 'Debug::NoLocking=1',
    '-o', 'APT::Sandbox::User=root',
  ]; // prettier-ignore
  const aptGet = (args: readonly string[], cwd?: string): string =>
    execFileSync('apt-get', [...options, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
      ...(cwd ? { cwd } : {}),
    });
  aptGet(['-qq', 'update']);
  return {
    aptGet,
    unpack(names, root) {
      const debs = join(work, 'debs');
      aptGet(['-qq', 'download', ...names.map((name) => `${name}/${suite}`)], debs);
      for (const deb of readdirSync(debs).filter((name) => name.endsWith('.deb'))) {
        execFileSync('dpkg', ['-x', join(debs, deb), root], { stdio: 'pipe' });
      }
    },
    dispose: () => rmSync(work, { recursive: true, force: true }),
  };
}
