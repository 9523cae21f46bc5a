import { Logger } from '@nestjs/common';
import { PolicyReloader } from './policy-reloader';
import { PolicySourceError } from './policy-source.error';
import type { PolicySource } from './policy-source.interface';
import type { PolicySnapshot } from './policy-snapshot.interface';
import type { PolicyStore } from './policy-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function snapshot(revision: string): PolicySnapshot {
  const module = { name: 'global', wasm: new Uint8Array([0]), hostBuiltins: [], pure: false };
  return {
    revision,
    origin: 'test',
    global: module,
    tenants: new Map(),
    data: {},
    sharedSources: null,
  };
}

/** A store double: the reloader only calls install() and reads revision. */
function fakeStore(accept = true) {
  const installed: string[] = [];
  const store = {
    revision: 'r0',
    install: jest.fn((next: PolicySnapshot) => {
      if (!accept) return { ok: false, diagnostics: ['global: the module cannot be loaded'] };
      installed.push(next.revision);
      store.revision = next.revision;
      return { ok: true, diagnostics: [] };
    }),
  };
  return { store: store as unknown as PolicyStore & typeof store, installed };
}

describe('PolicyReloader', () => {
  let reloader: PolicyReloader | null = null;
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    reloader?.stop();
    jest.restoreAllMocks();
  });

  it('backs off while the source is unreachable, and resumes the interval once it answers', async () => {
    let reads = 0;
    let reachable = false;
    const source: PolicySource = {
      origin: 'bundle:http://127.0.0.1:1/b.tar.gz',
      changes: { kind: 'poll', intervalMs: 40 },
      read: async () => {
        reads++;
        if (!reachable) throw PolicySourceError.unreachable('bundle:test', 'connection refused');
        return null;
      },
    };
    reloader = new PolicyReloader(source, fakeStore().store, { maxBackoffFactor: 8 });
    reloader.start();
    await sleep(1_000);
    // Without backoff: ~25 polls. With 40, 80, 160, 320, 320 ms waits: about 5.
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(8);

    reachable = true;
    await sleep(400); // the pending backed-off wait ends, then the interval is 40 ms again
    const afterRecovery = reads;
    await sleep(400);
    expect(reads - afterRecovery).toBeGreaterThanOrEqual(5);
  });

  it('applies a new revision and reports unchanged ones without a record', async () => {
    const revisions = [snapshot('r1'), null];
    const source: PolicySource = {
      origin: 'test',
      changes: { kind: 'none' },
      read: async () => revisions.shift() ?? null,
    };
    const { store, installed } = fakeStore();
    reloader = new PolicyReloader(source, store);
    await expect(reloader.reload()).resolves.toMatchObject({ outcome: 'applied', revision: 'r1' });
    await expect(reloader.reload()).resolves.toMatchObject({
      outcome: 'unchanged',
      revision: 'r1',
    });
    expect(installed).toEqual(['r1']);
  });

  it('reports a revision the store refuses as rejected with its diagnostics', async () => {
    const source: PolicySource = {
      origin: 'test',
      changes: { kind: 'none' },
      read: async () => snapshot('bad'),
    };
    reloader = new PolicyReloader(source, fakeStore(false).store);
    await expect(reloader.reload()).resolves.toEqual({
      outcome: 'rejected',
      revision: 'bad',
      origin: 'test',
      diagnostics: ['global: the module cannot be loaded'],
    });
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.stringContaining('global: the module cannot be loaded'),
    );
  });

  it('runs one reload at a time, in order', async () => {
    let active = 0;
    let maxActive = 0;
    let counter = 0;
    const source: PolicySource = {
      origin: 'test',
      changes: { kind: 'none' },
      read: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(20);
        active--;
        return snapshot(`r${++counter}`);
      },
    };
    const { store, installed } = fakeStore();
    reloader = new PolicyReloader(source, store);
    await Promise.all([reloader.reload(), reloader.reload(), reloader.reload()]);
    expect(maxActive).toBe(1);
    expect(installed).toEqual(['r1', 'r2', 'r3']);
  });

  it('debounces a burst of file events into one reload', async () => {
    let emit: () => void = () => undefined;
    const read = jest.fn(async () => snapshot('r1'));
    const source: PolicySource = {
      origin: 'test',
      changes: {
        kind: 'watch',
        subscribe: (onChange) => {
          emit = onChange;
          return () => undefined;
        },
      },
      read,
    };
    reloader = new PolicyReloader(source, fakeStore().store, { debounceMs: 50 });
    reloader.start();
    for (let i = 0; i < 5; i++) {
      emit();
      await sleep(10);
    }
    await sleep(150);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
