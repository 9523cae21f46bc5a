import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SkipThrottle, Throttle, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { attachVerifiedTenant } from '../tenant/request-tenant';
import { CoreSdkThrottlerGuard } from './core-sdk-throttler.guard';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import type { RateLimitStorage } from './rate-limit-storage.interface';
import { RateLimitExceededException } from './rate-limit.exceptions';

class Routes {
  plain(): void {}
  @SkipThrottle()
  skipped(): void {}
  @Throttle({ default: { limit: 1, ttl: 60_000 } })
  strict(): void {}
  @Throttle({ default: { limit: () => 1, ttl: 60_000 } })
  computed(): void {}
}

const config = {
  sdk: { failMode: 'closed' },
  rateLimit: {
    limit: 3,
    ttlMs: 60_000,
    storage: 'memory',
    algorithm: 'fixed',
    perTenant: { limit: 2, ttlMs: 60_000 },
    tenants: {},
  },
} as unknown as CoreSdkConfig;

const options: ThrottlerModuleOptions = {
  throttlers: [{ name: 'default', limit: 3, ttl: 60_000 }],
};

/** The memory storage with only the promise API: forces @nestjs/throttler's own path. */
function asyncOnly(storage: MemoryThrottlerStorage): RateLimitStorage {
  return {
    kind: 'memory',
    increment: (...args) => storage.increment(...args),
    close: () => storage.close(),
  };
}

async function guardWith(storage: RateLimitStorage): Promise<CoreSdkThrottlerGuard> {
  const guard = new CoreSdkThrottlerGuard(options, storage, new Reflector(), config);
  await guard.onModuleInit();
  return guard;
}

interface Exchange {
  context: ExecutionContext;
  headers: Record<string, unknown>;
}

function exchange(route: keyof Routes, tenantId?: string): Exchange {
  const request = {};
  if (tenantId) attachVerifiedTenant(request, { tenantId, subject: null, claims: {} });
  const headers: Record<string, unknown> = {};
  const response = { header: (name: string, value: unknown) => (headers[name] = value) };
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    getArgByIndex: (index: number) => [request, response][index],
  } as unknown as ExecutionContext;
  return { context, headers };
}

/** The outcome of one request: allowed or the error's class, plus the headers set. */
async function outcome(guard: CoreSdkThrottlerGuard, route: keyof Routes, tenantId?: string) {
  const { context, headers } = exchange(route, tenantId);
  try {
    return { allowed: await guard.canActivate(context), headers };
  } catch (error) {
    return { refused: (error as Error).constructor.name, headers };
  }
}

describe('CoreSdkThrottlerGuard', () => {
  const storages: MemoryThrottlerStorage[] = [];
  const memory = (): MemoryThrottlerStorage => {
    const storage = new MemoryThrottlerStorage();
    storages.push(storage);
    return storage;
  };
  afterAll(() => Promise.all(storages.map((storage) => storage.close())));

  it('answers synchronously with a memory storage and a static route', async () => {
    const guard = await guardWith(memory());
    expect(guard.canActivate(exchange('plain').context)).toBe(true);
  });

  it('returns a promise with a storage that only answers asynchronously', async () => {
    const guard = await guardWith(asyncOnly(memory()));
    const result = guard.canActivate(exchange('plain').context);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(true);
  });

  it('returns a promise for a route whose limit is computed per request', async () => {
    const guard = await guardWith(memory());
    const result = guard.canActivate(exchange('computed').context);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(true);
  });

  it.each<[string, Array<[keyof Routes, string | undefined]>]>([
    [
      'the service-wide limit',
      [
        ['plain', undefined],
        ['plain', undefined],
        ['plain', undefined],
        ['plain', undefined],
      ],
    ],
    [
      'a route override',
      [
        ['strict', undefined],
        ['strict', undefined],
      ],
    ],
    [
      '@SkipThrottle()',
      [
        ['skipped', undefined],
        ['skipped', 'acme'],
        ['skipped', 'acme'],
      ],
    ],
    [
      'the tenant limit before the service one',
      [
        ['plain', 'acme'],
        ['plain', 'acme'],
        ['plain', 'acme'],
        ['plain', 'globex'],
      ],
    ],
    [
      'a computed limit',
      [
        ['computed', undefined],
        ['computed', undefined],
      ],
    ],
  ])('decides %s exactly like @nestjs/throttler’s own path', async (_name, requests) => {
    const fast = await guardWith(memory());
    const reference = await guardWith(asyncOnly(memory()));
    for (const [route, tenantId] of requests) {
      expect(await outcome(fast, route, tenantId)).toEqual(
        await outcome(reference, route, tenantId),
      );
    }
  });

  it('refuses past the limit with the CoreSDK error and Retry-After', async () => {
    const guard = await guardWith(memory());
    expect(await outcome(guard, 'strict')).toMatchObject({
      allowed: true,
      headers: { 'X-RateLimit-Limit': 1, 'X-RateLimit-Remaining': 0 },
    });
    expect(await outcome(guard, 'strict')).toMatchObject({
      refused: RateLimitExceededException.name,
      headers: { 'Retry-After': 60 },
    });
  });
});
