import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { TenantDatabase } from '@coresdk/core-sdk';
import { openSampleDatabase, sampleDatabaseSettings } from './open-sample-database';

export const TENANT_DATABASE = Symbol('TenantDatabase');

@Global()
@Module({
  providers: [
    { provide: TENANT_DATABASE, useFactory: () => openSampleDatabase(sampleDatabaseSettings()) },
  ],
  exports: [TENANT_DATABASE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
