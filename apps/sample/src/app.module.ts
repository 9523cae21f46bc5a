import { DynamicModule, Module } from '@nestjs/common';
import { CoreSdkModule, CoreSdkModuleOptions } from '@coresdk/core-sdk';
import { AnalyticsController } from './analytics/analytics.controller';
import { DatabaseModule } from './database/database.module';
import type { SampleDatabaseSettings } from './database/open-sample-database';
import { DevJwksController } from './dev/dev-jwks.controller';
import { HealthController } from './health/health.controller';
import { ProductsController } from './products/products.controller';
import { ProductsRepository } from './products/products.repository';
import { WhoamiController } from './whoami/whoami.controller';

export interface SampleAppOptions {
  /** Publish the generated development keys at `/.well-known/jwks.json`. */
  serveDevelopmentJwks?: boolean;
  /** Where the products live; default from `CORESDK_DB` / `SAMPLE_SQLITE_FILE` / `SAMPLE_PG_SCHEMA`. */
  database?: SampleDatabaseSettings;
}

/**
 * The sample API: CoreSDK configured by `coresdk.toml` and `CORESDK_*`, plus `overrides`
 * decided at startup (the development JWKS when no key source is configured, or a test's
 * settings).
 */
@Module({})
export class AppModule {
  static register(
    overrides: CoreSdkModuleOptions = {},
    options: SampleAppOptions = {},
  ): DynamicModule {
    const controllers = [
      HealthController,
      WhoamiController,
      ProductsController,
      AnalyticsController,
    ];
    return {
      module: AppModule,
      imports: [CoreSdkModule.forRoot(overrides), DatabaseModule.register(options.database)],
      controllers: options.serveDevelopmentJwks ? [...controllers, DevJwksController] : controllers,
      providers: [ProductsRepository],
    };
  }
}
