import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { NoTenantChangeBus, type TenantChangeBus } from './tenant-change-bus.interface';
import { PostgresTenantChangeBus } from './postgres-tenant-change.bus';
import { PostgresTenantStore } from './postgres-tenant.store';
import { RedisTenantChangeBus } from './redis-tenant-change.bus';
import { SqliteTenantStore } from './sqlite-tenant.store';
import type { TenantStore } from './tenant-store.interface';

/** A `[tenancy]` combination that cannot work; the message says how to fix it. */
export class TenancySetupError extends Error {
  static create(problem: string): TenancySetupError {
    const error = new TenancySetupError(`[tenancy]: ${problem}`);
    error.name = 'TenancySetupError';
    return error;
  }
}

/** The store and change bus `[tenancy]` names (validated already by the config rules). */
export function createTenancyBackends(config: CoreSdkConfig): {
  store: TenantStore;
  bus: TenantChangeBus;
} {
  const { store: storeSetting, propagation } = config.tenancy;
  const store = storeSetting.startsWith('sqlite:')
    ? new SqliteTenantStore(storeSetting.slice('sqlite:'.length))
    : new PostgresTenantStore(storeSetting);
  if (propagation === 'none') return { store, bus: new NoTenantChangeBus() };
  if (propagation === 'postgres') {
    if (!(store instanceof PostgresTenantStore)) {
      throw TenancySetupError.create(
        'propagation = "postgres" uses LISTEN/NOTIFY on the tenant store, but the store is ' +
          'SQLite: set store to a postgres:// URL, or propagation to a redis:// URL',
      );
    }
    return { store, bus: new PostgresTenantChangeBus(store.url) };
  }
  return { store, bus: new RedisTenantChangeBus(propagation, config.sdk.serviceName) };
}
