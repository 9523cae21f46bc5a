import { Inject, Injectable } from '@nestjs/common';
import {
  CurrentTenant,
  TenantContext,
  TenantDatabase,
  TenantScopedRepository,
} from '@coresdk/core-sdk';
import { TENANT_DATABASE } from '../database/database.constants';
import type { Product } from './product.interface';

export interface ProductSummary {
  product_count: number;
  total_price_cents: number;
}

/** Products of the current tenant; the tenant comes from the verified token via TenantContext. */
@Injectable()
export class ProductsRepository extends TenantScopedRepository<Product> {
  protected readonly table = 'products';
  protected readonly columns = ['name', 'price_cents'] as const;

  // Typed as CurrentTenant so tests can scope the repository to a fixed tenant.
  constructor(
    @Inject(TENANT_DATABASE) database: TenantDatabase,
    @Inject(TenantContext) tenant: CurrentTenant,
  ) {
    super(database, tenant);
  }

  async summary(): Promise<ProductSummary> {
    const [row] = await this.run((session, tenantId) =>
      session.query<{ product_count: number | string; total_price_cents: number | string | null }>(
        `SELECT COUNT(*) AS product_count, SUM(price_cents) AS total_price_cents FROM products WHERE tenant_id = ${this.param(1)}`,
        [tenantId],
      ),
    );
    // PostgreSQL returns bigint aggregates as strings.
    return {
      product_count: Number(row?.product_count ?? 0),
      total_price_cents: Number(row?.total_price_cents ?? 0),
    };
  }
}
