import type { PolicyStore } from './policy-store';

/**
 * Holder of the live policy store. Hot reload (a later addition) swaps `current`
 * atomically; a request that already read it finishes on the store it read.
 */
export interface PolicyStoreHandle {
  current: PolicyStore | null;
}

export const POLICY_STORE = Symbol('PolicyStore');
