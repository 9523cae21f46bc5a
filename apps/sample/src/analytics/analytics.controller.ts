import { Controller, Get } from '@nestjs/common';
import { Authorize, Tenant } from '@coresdk/core-sdk';
import { ProductSummary, ProductsRepository } from '../products/products.repository';

/** Gated by `analytics:read`, which only tenants whose policy grants it have (acme-corp). */
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly products: ProductsRepository) {}

  @Get('summary')
  @Authorize('analytics:read')
  async summary(@Tenant() tenantId: string): Promise<{ tenant_id: string } & ProductSummary> {
    return { tenant_id: tenantId, ...(await this.products.summary()) };
  }
}
