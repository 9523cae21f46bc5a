/**
 * The PolicyStore's bounded cache of loaded tenant instances under many tenants: every
 * tenant has its own distinct module in one snapshot, the store keeps at most `cap`
 * instances loaded, and each tenant's request goes through `PolicyStore.decide` (async
 * load on a miss, as in production). Reports RSS against the cap, the miss cost (first
 * request, and a request after the tenant was evicted) and the hit cost.
 */
import { readFileSync } from 'node:fs';
import { resolveCoreSdkConfig } from '../../libs/core-sdk/src/config';
import type { PolicyInput } from '../../libs/core-sdk/src/authz/policy-decision.interface';
import { PolicyStore } from '../../libs/core-sdk/src/authz/policy-store';
import type { CompiledModule } from '../../libs/core-sdk/src/authz/policy-snapshot.interface';
import { formatNs } from './measure';
import { mib, settledMemory } from './memory';
import { tenantId } from './tenant-overrides';

/** An action only the tenant's own module allows: a decision from a wrong module denies. */
function ownModuleInput(index: number): PolicyInput {
  const id = tenantId(index);
  return {
    action: `addon-${index % 7}:read`,
    tenant_id: id,
    user: { sub: 'user-1', tenant_id: id, role: 'viewer' },
    resource: null,
    request: { method: 'GET', path: '/' },
  };
}

function virtualGiB(): string {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmSize:'));
  const kibibytes = Number(line?.split(/\s+/)[1]);
  return Number.isFinite(kibibytes) ? `${(kibibytes / 1024 ** 3).toFixed(1)} TiB` : 'n/a';
}

function buildStore(global: CompiledModule, modules: CompiledModule[], cap: number): PolicyStore {
  const config = resolveCoreSdkConfig({
    configFile: false,
    env: {},
    auth: { hmacSecret: 'bench-'.repeat(8), algorithms: ['HS256'] },
    policies: { maxLoadedTenants: cap },
    tenants: [],
  });
  const tenants = new Map(modules.map((module, index) => [tenantId(index), module]));
  return new PolicyStore(config, {
    revision: `bench-${modules.length}`,
    origin: 'bench',
    global,
    tenants,
    data: {},
    sharedSources: null,
  });
}

/** Decides once for each tenant in order; returns the mean time per decision (ns). */
async function sweep(store: PolicyStore, indexes: number[], peak: { rss: number }) {
  let totalNs = 0;
  let count = 0;
  for (const index of indexes) {
    const started = process.hrtime.bigint();
    const decision = await store.decide(tenantId(index), ownModuleInput(index));
    totalNs += Number(process.hrtime.bigint() - started);
    if (decision.outcome !== 'allow' || decision.policy !== `tenant:${tenantId(index)}`)
      throw new Error(`${tenantId(index)}: unexpected decision ${JSON.stringify(decision)}`);
    // process.memoryUsage() reads /proc: sampled, or it would dwarf the cost of a hit.
    if (++count % 100 === 0) peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  }
  return totalNs / indexes.length;
}

export async function cachePhase(
  global: CompiledModule,
  modules: CompiledModule[],
  tenants: number,
  cap: number,
): Promise<void> {
  const base = settledMemory();
  const started = process.hrtime.bigint();
  let store: PolicyStore | null = buildStore(global, modules.slice(0, tenants), cap);
  const installS = Number(process.hrtime.bigint() - started) / 1e9;
  const installed = settledMemory();
  console.log(
    `  ${tenants} tenants, cap ${cap}: snapshot installed (every module validated once) in ` +
      `${installS.toFixed(1)} s; RSS ${mib(installed.rss)} (+${mib(installed.rss - base.rss)})`,
  );
  const all = Array.from({ length: tenants }, (_, index) => index);
  const peak = { rss: 0 };
  const firstNs = await sweep(store, all, peak);
  const afterFirst = settledMemory();
  // A second pass in the same order is the LRU's worst case when tenants > cap: each
  // tenant was evicted since its last request, so every decision re-creates its instance.
  const againNs = await sweep(store, all, peak);
  const loaded = store.loadedTenants().map((id) => Number(id.slice('tenant-'.length)));
  const hitNs = await sweep(store, [...loaded, ...loaded, ...loaded], peak);
  const stats = store.loadedTenantStats;
  const after = settledMemory();
  console.log(
    `    loaded ${stats.loaded} / ${tenants}; hits ${stats.hits}, misses ${stats.misses}, ` +
      `evictions ${stats.evictions}`,
  );
  console.log(
    `    RSS over the installed store: +${mib(afterFirst.rss - installed.rss)} after the first ` +
      `pass, +${mib(after.rss - installed.rss)} after all passes; peak RSS ${mib(peak.rss)}; ` +
      `virtual ${virtualGiB()}`,
  );
  console.log(
    `    decide: first request (miss) ${formatNs(firstNs)} mean; ` +
      `${tenants > cap ? 'after eviction (miss)' : 'second pass (hit)'} ${formatNs(againNs)} mean; ` +
      `loaded tenant (hit) ${formatNs(hitNs)} mean`,
  );
  store = null;
  const released = settledMemory();
  console.log(`    store dropped: RSS ${mib(released.rss)}`);
}
