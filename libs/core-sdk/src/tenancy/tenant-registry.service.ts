import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import type { CoreSdkConfig, TenantDeclaration } from '../config/core-sdk-config.interface';
import { CORE_SDK_CONFIG } from '../core-sdk.constants';
import { POLICY_STORE, type PolicyStoreHandle } from '../authz/policy-store.provider';
import type { TenantAdmission } from '../tenant/tenant-admission.interface';
import { createTenancyBackends, TenancySetupError } from './create-tenancy-backends';
import type { TenantChangeBus } from './tenant-change-bus.interface';
import type { StoredTenant, TenantLimits, TenantView } from './tenant-record.interface';
import type { TenantStore } from './tenant-store.interface';
import { acceptsCrossTenant, effectiveView } from './tenant-view';
import { TenantPolicySync } from './tenant-policy-sync';
import type { CreateTenantInput, UpdateTenantInput } from './tenant-input';
import { TenantMutations } from './tenant-mutations';
import type { TenantPolicySource } from './tenant-record.interface';

/**
 * The set of tenants this service knows: the `[[tenants]]` of coresdk.toml (the bootstrap
 * set) plus what was provisioned at runtime, persisted in the tenant store and propagated
 * to every instance. Reads are synchronous and local; `TenantProvisioning` writes.
 *
 * Convergence: every row carries the store-wide version of its write. An instance pulls
 * every row above the version it holds on each change message, after every reconnection
 * of the change bus, and every `[tenancy].sync_interval`, so a lost message only delays.
 */
@Injectable()
export class TenantRegistry
  implements TenantAdmission, OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('CoreSdkTenancy');
  private readonly bootstrap: ReadonlyMap<string, TenantDeclaration>;
  private readonly stored = new Map<string, StoredTenant>();
  private readonly policies: TenantPolicySync;
  private readonly mutations: TenantMutations;
  private store: TenantStore | null = null;
  private bus: TenantChangeBus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private heldVersion = 0;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;

  constructor(
    @Inject(CORE_SDK_CONFIG) private readonly config: CoreSdkConfig,
    @Inject(POLICY_STORE) policyHandle: PolicyStoreHandle,
  ) {
    this.bootstrap = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
    this.policies = new TenantPolicySync(policyHandle, this.logger);
    this.mutations = new TenantMutations(this, config);
  }

  /** Provisions a tenant (409 if it exists, 422 with diagnostics if its policy is refused). */
  create(input: CreateTenantInput): Promise<TenantView> {
    return this.mutations.create(input);
  }

  /** Changes the given fields; a toml-declared tenant is copied into the store on first change. */
  update(tenantId: string, input: UpdateTenantInput): Promise<TenantView> {
    return this.mutations.update(tenantId, input);
  }

  /** Refuses the tenant's tokens (403) on every instance until `enable`. */
  disable(tenantId: string): Promise<TenantView> {
    return this.mutations.setStatus(tenantId, 'disabled');
  }

  enable(tenantId: string): Promise<TenantView> {
    return this.mutations.setStatus(tenantId, 'active');
  }

  /** Deletes the tenant everywhere (a tombstone also overrides coresdk.toml). */
  delete(tenantId: string): Promise<void> {
    return this.mutations.delete(tenantId);
  }

  /** Compiles, checks and then stores the tenant's own Rego module; null returns to global. */
  setPolicy(tenantId: string, policy: TenantPolicySource | null): Promise<TenantView> {
    return this.mutations.setPolicy(tenantId, policy);
  }

  setLimits(tenantId: string, limits: TenantLimits | null): Promise<TenantView> {
    return this.mutations.setLimits(tenantId, limits);
  }

  /** True when runtime provisioning is configured (`[tenancy].enabled`). */
  get provisioningEnabled(): boolean {
    return this.config.tenancy.enabled;
  }

  /** The highest store version this instance has applied. */
  get version(): number {
    return this.heldVersion;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.tenancy.enabled) return;
    const { store, bus } = createTenancyBackends(this.config);
    try {
      await store.open();
      this.store = store;
      await this.sync();
    } catch (error) {
      await store.close().catch(() => undefined);
      // The message of the driver, never the URL (it may hold a password).
      throw TenancySetupError.create(
        `could not open the tenant store (${(error as Error)?.message ?? error}): check that ` +
          '[tenancy].store points at a reachable database or a writable file',
      );
    }
    this.bus = bus;
    await bus.start(() => void this.sync().catch((error) => this.syncFailed(error)));
    this.timer = setInterval(
      () => void this.sync().catch((error) => this.syncFailed(error)),
      this.config.tenancy.syncIntervalMs,
    );
    this.timer.unref();
  }

  /** Policies compile after every module's init: push persisted tenant state into them now. */
  onApplicationBootstrap(): void {
    for (const row of this.stored.values()) this.policies.push(this.get(row.id), undefined, row);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.bus?.close();
    await this.syncing?.catch(() => undefined);
    await this.store?.close();
  }

  /** The effective tenant, or null when it is unknown or deleted. */
  get(tenantId: string): TenantView | null {
    return effectiveView(tenantId, this.stored.get(tenantId), this.bootstrap.get(tenantId));
  }

  /** Every known tenant (bootstrap and provisioned, active and disabled), sorted by id. */
  list(): TenantView[] {
    return [...this.knownIds()]
      .sort()
      .map((id) => this.get(id))
      .filter((view): view is TenantView => view !== null);
  }

  /**
   * Whether a verified tenant id is served. Without provisioning and without `[[tenants]]`
   * any well-formed id is (the historical open mode); otherwise only known, active tenants.
   */
  admits(tenantId: string): boolean {
    if (!this.config.tenancy.enabled && this.bootstrap.size === 0) return true;
    return this.get(tenantId)?.status === 'active' && !this.policies.isBroken(tenantId);
  }

  acceptsCrossTenant(targetTenantId: string, homeTenantId: string): boolean {
    const target = this.get(targetTenantId);
    return this.admits(targetTenantId) && !!target && acceptsCrossTenant(target, homeTenantId);
  }

  /** The tenant's own limits, for the rate limiter; null means "use the service-wide ones". */
  limitsFor(tenantId: string): TenantLimits | null {
    return this.get(tenantId)?.limits ?? null;
  }

  /** The declaration from coresdk.toml, if the tenant is in the bootstrap set. */
  declared(tenantId: string): TenantDeclaration | undefined {
    return this.bootstrap.get(tenantId);
  }

  /** The live stored row (tombstones included); for provisioning only. */
  storedRow(tenantId: string): StoredTenant | undefined {
    return this.stored.get(tenantId);
  }

  /** For `TenantProvisioning`: the store and the bus, when provisioning is on. */
  backends(): { store: TenantStore; bus: TenantChangeBus } | null {
    return this.store && this.bus ? { store: this.store, bus: this.bus } : null;
  }

  get policySync(): TenantPolicySync {
    return this.policies;
  }

  /**
   * Pulls every change above the held version. Calls while a pull runs fold into one more
   * pull afterwards, so the returned promise resolves only once the newest change is held.
   */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        await this.pull();
      } while (this.syncAgain);
    })().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async pull(): Promise<void> {
    if (!this.store) return;
    const rows = await this.store.changesSince(this.heldVersion);
    for (const row of rows) {
      const previous = this.stored.get(row.id);
      this.stored.set(row.id, row);
      this.heldVersion = Math.max(this.heldVersion, row.version);
      this.policies.push(this.get(row.id), previous, row);
    }
  }

  private knownIds(): Set<string> {
    return new Set([...this.bootstrap.keys(), ...this.stored.keys()]);
  }

  private syncFailed(error: unknown): void {
    this.logger.warn(`tenant sync failed, retrying later: ${(error as Error)?.message ?? error}`);
  }
}
