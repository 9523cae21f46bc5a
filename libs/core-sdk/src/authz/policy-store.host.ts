import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { CORE_SDK_CONFIG } from '../core-sdk.constants';
import { AUTHORIZE_METADATA } from './authorize.decorator';
import { PolicyStore } from './policy-store';
import type { PolicyStoreHandle } from './policy-store.provider';

/**
 * Compiles the policies during module init, so a policy that does not compile stops the
 * application before it listens. An application without any `@Authorize` route needs no
 * policies and compiles none.
 */
@Injectable()
export class PolicyStoreHost implements PolicyStoreHandle, OnModuleInit {
  current: PolicyStore | null = null;
  private readonly logger = new Logger('CoreSdkPolicies');

  constructor(
    @Inject(CORE_SDK_CONFIG) private readonly config: CoreSdkConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    if (!this.usesAuthorize()) {
      this.logger.log('no @Authorize route: policies are not compiled');
      return;
    }
    this.current = PolicyStore.load(this.config);
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
