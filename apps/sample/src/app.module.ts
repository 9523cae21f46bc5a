import { DynamicModule, Module } from '@nestjs/common';
import { CoreSdkModule, CoreSdkModuleOptions } from '@coresdk/core-sdk';
import { HealthController } from './health/health.controller';
import { WhoamiController } from './whoami/whoami.controller';

/**
 * The sample API. Everything CoreSDK needs comes from `coresdk.toml` and `CORESDK_*`;
 * `overrides` carries what main.ts decided at startup (the development JWKS when no key
 * source is configured).
 */
@Module({})
export class AppModule {
  static register(overrides: CoreSdkModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreSdkModule.forRoot(overrides)],
      controllers: [HealthController, WhoamiController],
    };
  }
}
