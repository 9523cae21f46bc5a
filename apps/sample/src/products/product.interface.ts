export interface Product {
  id: string;
  tenant_id: string;
  name: string;
  price_cents: number;
}

export type ProductInput = Pick<Product, 'name' | 'price_cents'>;
