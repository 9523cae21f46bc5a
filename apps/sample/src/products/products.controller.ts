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
} from '@nestjs/common';
import { Authorize } from '@coresdk/core-sdk';
import { validateProductBody } from './product-body.validation';
import type { Product, ProductInput } from './product.interface';
import { ProductsRepository } from './products.repository';

/**
 * Products of the caller's tenant. Reads need `products:read`, writes `products:write`; the
 * repository scopes every query to the verified tenant, so another tenant's product is a 404.
 */
@Controller('products')
@Authorize('products:read')
export class ProductsController {
  constructor(private readonly products: ProductsRepository) {}

  @Get()
  list(): Promise<Product[]> {
    return this.products.findAll();
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<Product> {
    return found(await this.products.findById(id));
  }

  @Post()
  @Authorize('products:write')
  create(@Body() body: unknown): Promise<Product> {
    return this.products.create(validateProductBody(body, 'create') as ProductInput);
  }

  @Patch(':id')
  @Authorize('products:write')
  async update(@Param('id') id: string, @Body() body: unknown): Promise<Product> {
    return found(await this.products.update(id, validateProductBody(body, 'patch')));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize({ action: 'products:delete', resource: (req) => ({ id: req.params?.id }) })
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.products.remove(id))) throw notFound();
  }
}

function found(product: Product | null): Product {
  if (!product) throw notFound();
  return product;
}

function notFound(): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: 'product not found',
  });
}
