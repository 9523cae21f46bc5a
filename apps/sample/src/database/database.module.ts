import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { TenantDatabase } from '@coresdk/core-sdk';
import { TENANT_DATABASE } from './database.constants';
import {
  openSampleDatabase,
  SampleDatabaseSettings,
  sampleDatabaseSettings,
} from './open-sample-database';

// Kept importable from here too, where the first version of the sample defined it.
export { TENANT_DATABASE } from './database.constants';

/**
 * Opens (and on first start creates and migrates) the sample's database, and closes it on
 * shutdown. Settings default to the environment (`CORESDK_DB`, `SAMPLE_SQLITE_FILE`,
 * `SAMPLE_PG_SCHEMA`); tests pass their own.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  static register(settings: SampleDatabaseSettings = sampleDatabaseSettings()): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: TENANT_DATABASE, useFactory: () => openSampleDatabase(settings) }],
      exports: [TENANT_DATABASE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
