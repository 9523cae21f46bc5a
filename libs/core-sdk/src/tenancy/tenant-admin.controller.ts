import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import { TenantInputInvalidException } from './tenancy.exceptions';
import { TenantAdminGuard } from './tenant-admin.guard';
import { checkLimits, checkPolicy, type CreateTenantInput } from './tenant-input';
import type { TenantLimits, TenantPolicySource, TenantView } from './tenant-record.interface';
import { TenantRegistry } from './tenant-registry.service';

/**
 * HTTP face of the TenantRegistry, under `/coresdk/admin/tenants`. Bodies are untrusted
 * JSON: the registry validates every field and answers 400 with the list of problems,
 * 404/409 for a missing/existing tenant, 422 with positioned diagnostics for a policy.
 */
@UseGuards(TenantAdminGuard)
@Controller('coresdk/admin/tenants')
export class TenantAdminController {
  constructor(private readonly registry: TenantRegistry) {}

  @Get()
  list(): { version: number; tenants: TenantView[] } {
    return { version: this.registry.version, tenants: this.registry.list() };
  }

  @Get(':id')
  get(@Param('id') id: string): TenantView {
    const view = this.registry.get(id);
    if (!view)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `no tenant ${JSON.stringify(id)}`,
      });
    return view;
  }

  @Post()
  create(@Body() body: unknown): Promise<TenantView> {
    return this.registry.create(body as CreateTenantInput);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: unknown): Promise<TenantView> {
    return this.registry.update(id, body as never);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param('id') id: string): Promise<TenantView> {
    return this.registry.disable(id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param('id') id: string): Promise<TenantView> {
    return this.registry.enable(id);
  }

  @Put(':id/policy')
  setPolicy(@Param('id') id: string, @Body() body: unknown): Promise<TenantView> {
    const problems = checkPolicy(body);
    if (problems.length > 0) throw new TenantInputInvalidException(problems);
    return this.registry.setPolicy(id, body as TenantPolicySource);
  }

  @Delete(':id/policy')
  clearPolicy(@Param('id') id: string): Promise<TenantView> {
    return this.registry.setPolicy(id, null);
  }

  @Put(':id/limits')
  setLimits(@Param('id') id: string, @Body() body: unknown): Promise<TenantView> {
    const problems = checkLimits(body);
    if (problems.length > 0) throw new TenantInputInvalidException(problems);
    return this.registry.setLimits(id, body as TenantLimits);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.registry.delete(id);
  }
}
