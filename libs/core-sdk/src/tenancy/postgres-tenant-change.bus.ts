import { Logger } from '@nestjs/common';
import { Client, Pool } from 'pg';
import type { TenantChangeBus } from './tenant-change-bus.interface';

const CHANNEL = 'coresdk_tenancy';
const RECONNECT_DELAY_MS = 1_000;

/** PostgreSQL LISTEN/NOTIFY on the tenant store's own database. */
export class PostgresTenantChangeBus implements TenantChangeBus {
  private readonly logger = new Logger('CoreSdkTenancy');
  private readonly notifier: Pool;
  private listener: Client | null = null;
  private onChange: ((version: number | null) => void) | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {
    this.notifier = new Pool({ connectionString: url, max: 1 });
    this.notifier.on('error', () => undefined);
  }

  async start(onChange: (version: number | null) => void): Promise<void> {
    this.onChange = onChange;
    await this.listen().catch(() => this.scheduleReconnect());
  }

  async publish(version: number): Promise<void> {
    try {
      await this.notifier.query('SELECT pg_notify($1, $2)', [CHANNEL, String(version)]);
    } catch {
      this.logger.warn(`could not notify tenant change ${version}; other instances sync later`);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
    await this.notifier.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.url });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      const version = Number(message.payload);
      this.onChange?.(Number.isSafeInteger(version) ? version : null);
    });
    this.listener = client;
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    // Whatever changed while not listening is replayed from the store.
    this.onChange?.(null);
  }

  private lost(client: Client): void {
    if (this.listener !== client || this.closed) return;
    this.listener = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().catch(() => this.scheduleReconnect());
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
