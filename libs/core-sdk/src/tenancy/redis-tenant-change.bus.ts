import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { TenantChangeBus } from './tenant-change-bus.interface';

/** How long startup waits for Redis; past it the instance starts and catches up later. */
const CONNECT_WAIT_MS = 2_000;

/** Redis pub/sub on one channel per service name. */
export class RedisTenantChangeBus implements TenantChangeBus {
  private readonly logger = new Logger('CoreSdkTenancy');
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  readonly channel: string;

  constructor(url: string, serviceName: string) {
    this.channel = `coresdk:tenancy:${serviceName}`;
    const options = {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    // Connection errors are retried by ioredis; without a listener they would crash the process.
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
  }

  async start(onChange: (version: number | null) => void): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const version = Number(message);
      onChange(Number.isSafeInteger(version) ? version : null);
    });
    // ioredis re-subscribes after a reconnect; whatever was published meanwhile is replayed
    // by re-reading the store.
    this.subscriber.on('ready', () => onChange(null));
    const connected = Promise.all([
      this.publisher.connect(),
      this.subscriber.connect().then(() => this.subscriber.subscribe(this.channel)),
    ]);
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), CONNECT_WAIT_MS).unref(),
    );
    const outcome = await Promise.race([connected.catch(() => 'failed' as const), timeout]);
    if (outcome === 'timeout' || outcome === 'failed') {
      this.logger.warn(
        'tenant change propagation: Redis is not reachable yet; changes from other instances ' +
          'arrive through the periodic sync until it is',
      );
    }
  }

  async publish(version: number): Promise<void> {
    try {
      await this.publisher.publish(this.channel, String(version));
    } catch {
      this.logger.warn(`could not publish tenant change ${version}; other instances sync later`);
    }
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
