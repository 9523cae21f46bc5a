import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { CORE_SDK_CONFIG } from '../core-sdk.constants';
import { AUTHORIZE_METADATA } from './authorize.decorator';
import { PolicyChangeResult, PolicyStore } from './policy-store';
import type { LivePolicyStore } from './policy-store.provider';
import { recordReload, type ReloadOutcome } from './policy-reload-record';
import { PolicyReloader } from './policy-reloader';
import { PolicySourceError } from './policy-source.error';
import { createPolicySource } from './sources/create-policy-source';

const NOT_LOADED =
  'the policy store is not loaded (it loads at module init, and only when an @Authorize route exists)';

/**
 * Loads the policies during module init from the configured source (directory, bundle
 * file or bundle server), so a policy that does not load stops the application before it
 * listens; then keeps them current (file watch or polling) until the module is destroyed.
 * An application without any `@Authorize` route needs no policies and loads none.
 */
@Injectable()
export class PolicyStoreHost implements LivePolicyStore, OnModuleInit, OnModuleDestroy {
  current: PolicyStore | null = null;
  private reloader: PolicyReloader | null = null;
  private readonly logger = new Logger('CoreSdkPolicies');

  constructor(
    @Inject(CORE_SDK_CONFIG) private readonly config: CoreSdkConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.usesAuthorize()) {
      this.logger.log('no @Authorize route: policies are not loaded');
      return;
    }
    const source = createPolicySource(this.config);
    let snapshot;
    try {
      snapshot = await source.read();
    } catch (error) {
      throw error instanceof PolicySourceError ? error.toStartupError() : error;
    }
    if (!snapshot) throw new Error(`${source.origin}: the first read returned no policy bundle`);
    this.current = new PolicyStore(this.config, snapshot);
    recordReload({
      outcome: 'applied',
      revision: snapshot.revision,
      origin: source.origin,
      diagnostics: [],
    });
    this.reloader = new PolicyReloader(source, this.current);
    this.reloader.start();
  }

  onModuleDestroy(): void {
    this.reloader?.stop();
  }

  /** Reloads from the source now (also what file events and polls do). */
  async reload(): Promise<ReloadOutcome> {
    if (!this.reloader) throw new Error(NOT_LOADED);
    return this.reloader.reload();
  }

  applyTenantPolicy(
    tenantId: string,
    source: { path: string; source: string } | null,
  ): PolicyChangeResult {
    if (!this.current) return { ok: false, diagnostics: [NOT_LOADED] };
    return this.current.applyTenantPolicy(tenantId, source);
  }

  clearTenantPolicy(tenantId: string): void {
    if (!this.current) throw new Error(NOT_LOADED);
    this.current.clearTenantPolicy(tenantId);
  }

  setTenantData(tenantId: string, attributes: Record<string, unknown> | null): void {
    if (!this.current) throw new Error(NOT_LOADED);
    this.current.setTenantData(tenantId, attributes);
  }

  private usesAuthorize(): boolean {
    return this.discovery.getControllers().some(({ metatype }) => {
      if (!metatype) return false;
      if (this.reflector.get(AUTHORIZE_METADATA, metatype)) return true;
      const prototype = metatype.prototype as object;
      return this.scanner
        .getAllMethodNames(prototype)
        .some((name) =>
          this.reflector.get(
            AUTHORIZE_METADATA,
            (prototype as Record<string, () => unknown>)[name],
          ),
        );
    });
  }
}
