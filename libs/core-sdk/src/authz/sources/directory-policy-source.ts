import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { CoreSdkConfig } from '../../config/core-sdk-config.interface';
import type { PolicySource } from '../policy-source.interface';
import type { PolicySnapshot } from '../policy-snapshot.interface';
import { readDirectorySnapshot } from './directory-snapshot';

/** `[policies].source = "dir"`: compiles the folder on every read; watches it when asked. */
export class DirectoryPolicySource implements PolicySource {
  readonly origin: string;
  readonly changes: PolicySource['changes'];

  constructor(private readonly config: CoreSdkConfig) {
    this.origin = `dir:${config.policies.dir}`;
    this.changes = config.policies.watch
      ? { kind: 'watch', subscribe: (onChange) => this.subscribe(onChange) }
      : { kind: 'none' };
  }

  async read(): Promise<PolicySnapshot> {
    return readDirectorySnapshot(this.config);
  }

  /**
   * Watches the folder and its `tenants/` folder (two non-recursive watchers: recursive
   * watching is not reliable on every platform Node runs on). Editors save in several
   * events; the reloader debounces them.
   */
  private subscribe(onChange: () => void): () => void {
    const dir = this.config.policies.dir;
    const watchers = new Map<string, FSWatcher>();
    const attach = (folder: string) => {
      if (watchers.has(folder) || !existsSync(folder)) return;
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        // A `tenants/` folder created after startup is watched from then on.
        if (folder === dir && String(name) === 'tenants') attach(join(dir, 'tenants'));
        // A null name (some platforms) may be anything: reload to be safe.
        if (name === null || String(name).endsWith('.rego') || String(name) === 'tenants')
          onChange();
      });
      // A watched folder that disappears must not crash the process; the next read reports it.
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(folder);
        onChange();
      });
      watchers.set(folder, watcher);
    };
    attach(dir);
    attach(join(dir, 'tenants'));
    return () => watchers.forEach((watcher) => watcher.close());
  }
}
