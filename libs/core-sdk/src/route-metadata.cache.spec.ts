import type { ExecutionContext } from '@nestjs/common';
import { RouteMetadataCache } from './route-metadata.cache';

const contextOf = (handler: object, classRef: object): ExecutionContext =>
  ({ getHandler: () => handler, getClass: () => classRef }) as unknown as ExecutionContext;

describe('RouteMetadataCache', () => {
  const handler = (): void => undefined;
  class First {}
  class Second {}

  it('computes once per handler and class, including falsy values', () => {
    const compute = jest.fn((context: ExecutionContext) => context.getClass() === First && null);
    const cache = new RouteMetadataCache(compute);
    expect(cache.get(contextOf(handler, First))).toBeNull();
    expect(cache.get(contextOf(handler, First))).toBeNull();
    expect(cache.get(contextOf(handler, Second))).toBe(false);
    expect(cache.get(contextOf(handler, Second))).toBe(false);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
