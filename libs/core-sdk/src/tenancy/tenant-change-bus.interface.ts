/**
 * Tells the other instances that the tenant store changed. Messages carry only the new
 * version: receivers re-read the store, which stays the single source of truth, so a lost
 * or duplicated message costs at most a delay (the periodic sync catches up).
 */
export interface TenantChangeBus {
  /** `onChange` runs on every message and after every (re)connection, to replay missed ones. */
  start(onChange: (version: number | null) => void): Promise<void>;
  publish(version: number): Promise<void>;
  close(): Promise<void>;
}

/** For a single instance (`propagation = "none"`): the periodic sync alone keeps others current. */
export class NoTenantChangeBus implements TenantChangeBus {
  async start(): Promise<void> {}
  async publish(): Promise<void> {}
  async close(): Promise<void> {}
}
