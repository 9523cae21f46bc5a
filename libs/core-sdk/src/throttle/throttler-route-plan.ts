import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';

/** One named throttler as it applies to one route, every value already resolved. */
export interface PlannedThrottler {
  readonly name: string;
  /** `@SkipThrottle()` on the route or its class. */
  readonly skip: boolean;
  readonly limit: number;
  readonly ttl: number;
  readonly blockDuration: number;
  readonly setHeaders: boolean;
  readonly retryAfterHeader: string;
  readonly limitHeader: string;
  readonly remainingHeader: string;
  readonly resetHeader: string;
}

/** Throttler-wide settings that can make a route's decision depend on the request. */
export interface PlanningOptions {
  readonly headerPrefix: string;
  /** Module-level `setHeaders`; a throttler's own wins. */
  readonly setHeaders: boolean | undefined;
  /** True when a module-level skipIf, ignoreUserAgents, getTracker or generateKey is set. */
  readonly hasDynamicCommonOptions: boolean;
}

type Handler = ReturnType<ExecutionContext['getHandler']>;
type ClassRef = ReturnType<ExecutionContext['getClass']>;

/**
 * The throttlers of one route, read once from its metadata instead of six Reflector
 * lookups per throttler per request. Null when any value depends on the request (a
 * function limit or ttl, skipIf, ignored user agents, a route's own tracker or key
 * generator) or is invalid: those routes keep @nestjs/throttler's own per-request path,
 * which also raises its error for an invalid value.
 */
export function planRoute(
  reflector: Reflector,
  throttlers: readonly ThrottlerOptions[],
  handler: Handler,
  classRef: ClassRef,
  options: PlanningOptions,
): PlannedThrottler[] | null {
  if (options.hasDynamicCommonOptions) return null;
  const targets = [handler, classRef];
  const planned: PlannedThrottler[] = [];
  for (const throttler of throttlers) {
    const name = throttler.name ?? 'default';
    const read = (prefix: string): unknown =>
      reflector.getAllAndOverride<unknown>(prefix + name, targets);
    if (throttler.skipIf || throttler.getTracker || throttler.generateKey) return null;
    if (Array.isArray(throttler.ignoreUserAgents)) return null;
    if (read(THROTTLER_TRACKER) || read(THROTTLER_KEY_GENERATOR)) return null;
    const suffix = name === 'default' ? '' : `-${name}`;
    const headers = {
      setHeaders: throttler.setHeaders ?? options.setHeaders ?? true,
      retryAfterHeader: `Retry-After${suffix}`,
      limitHeader: `${options.headerPrefix}-Limit${suffix}`,
      remainingHeader: `${options.headerPrefix}-Remaining${suffix}`,
      resetHeader: `${options.headerPrefix}-Reset${suffix}`,
    };
    if (read(THROTTLER_SKIP)) {
      planned.push({ name, skip: true, limit: 0, ttl: 0, blockDuration: 0, ...headers });
      continue;
    }
    const limit = staticNumber(read(THROTTLER_LIMIT) ?? throttler.limit);
    const ttl = staticNumber(read(THROTTLER_TTL) ?? throttler.ttl);
    if (limit === null || ttl === null) return null;
    const blockDuration = staticNumber(
      read(THROTTLER_BLOCK_DURATION) ?? throttler.blockDuration ?? ttl,
    );
    if (blockDuration === null) return null;
    planned.push({ name, skip: false, limit, ttl, blockDuration, ...headers });
  }
  return planned;
}

/** The number @nestjs/throttler would use, or null for a function or an invalid value. */
function staticNumber(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && !Number.isNaN(number) ? number : null;
}
