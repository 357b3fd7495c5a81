import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The OpenSSH probe must behave like the user's ssh yet never write their
 * known_hosts (StrictHostKeyChecking accept-new or no would add keys). It reads
 * copies instead: same keys, same checking, and whatever ssh adds is thrown away.
 */
export class KnownHostsSandbox {
  private readonly copies = new Map<string, Promise<string>>();
  private dir: Promise<string> | undefined;

  /** The copies to pass as UserKnownHostsFile, in the same order as the originals. */
  async copiesOf(originals: readonly string[]): Promise<string[]> {
    return Promise.all(originals.map((original) => this.copyOf(original)));
  }

  private copyOf(original: string): Promise<string> {
    let copy = this.copies.get(original);
    if (!copy) {
      copy = this.makeCopy(original, this.copies.size);
      this.copies.set(original, copy);
    }
    return copy;
  }

  private async makeCopy(original: string, index: number): Promise<string> {
    this.dir ??= mkdtemp(path.join(os.tmpdir(), 'ipqos-doctor-known-hosts-'));
    const target = path.join(await this.dir, `known_hosts_${index}`);
    try {
      await copyFile(original, target);
    } catch (error) {
      // A missing file stays missing in the copy: ssh treats both alike.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return target;
  }

  async dispose(): Promise<void> {
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }
}
