import { readFile } from 'node:fs/promises';
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { VerificationOptions } from '@coresdk/rego';
import { PolicySourceError } from '../policy-source.error';
import type { PolicySource } from '../policy-source.interface';
import type { PolicySnapshot } from '../policy-snapshot.interface';
import { snapshotFromBundle } from './bundle-snapshot';

/** `[policies].bundle_file`: a bundle on disk, re-read when it changes (with `watch`). */
export class BundleFilePolicySource implements PolicySource {
  readonly origin: string;
  readonly changes: PolicySource['changes'];

  constructor(
    private readonly path: string,
    private readonly entrypoint: string,
    private readonly verification: VerificationOptions | null,
    watchFile: boolean,
  ) {
    this.origin = `bundle:${path}`;
    this.changes = watchFile
      ? { kind: 'watch', subscribe: (onChange) => this.subscribe(onChange) }
      : { kind: 'none' };
  }

  async read(): Promise<PolicySnapshot> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      throw PolicySourceError.unreadable(this.origin, (error as Error).message);
    }
    return snapshotFromBundle(bytes, this.origin, {
      entrypoint: this.entrypoint,
      verification: this.verification,
    });
  }

  /**
   * Watches the folder, not the file: publishing a bundle by renaming a new file over the
   * old one (the safe way) replaces the inode a file watcher would be attached to.
   */
  private subscribe(onChange: () => void): () => void {
    const name = basename(this.path);
    const watcher = watch(dirname(this.path), { persistent: false }, (_event, changed) => {
      if (changed === null || String(changed) === name) onChange();
    });
    watcher.on('error', () => onChange());
    return () => watcher.close();
  }
}
