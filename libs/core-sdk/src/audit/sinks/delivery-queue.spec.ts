import type { AuditRecord } from '../audit-record.interface';
import { AuditStats } from './audit-stats';
import { DeliveryQueue, PermanentDeliveryError, type DeliveryPolicy } from './delivery-queue';

const POLICY: DeliveryPolicy = {
  batchSize: 3,
  flushIntervalMs: 20,
  maxQueue: 5,
  retryBackoffMs: 10,
  maxRetryBackoffMs: 40,
};

function record(index: number): AuditRecord {
  return {
    timestamp: new Date(0).toISOString(),
    service: 'svc',
    tenant_id: 'acme',
    subject: null,
    action: null,
    decision: 'allow',
    reason: 'served',
    policy: null,
    fail_mode_applied: false,
    status: 200,
    method: 'GET',
    route: `/r/${index}`,
    duration_ms: 1,
  };
}

const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('DeliveryQueue', () => {
  let stats: AuditStats;
  let batches: AuditRecord[][];
  let failing: boolean;
  let queue: DeliveryQueue;
  beforeEach(() => {
    stats = new AuditStats();
    batches = [];
    failing = false;
    queue = new DeliveryQueue(
      'test',
      'acme',
      async (batch) => {
        if (failing) throw new Error('down');
        batches.push(batch);
      },
      POLICY,
      stats,
    );
  });
  afterEach(() => queue.close(Date.now()));

  it('sends full batches at once and the rest after the flush interval, in order', async () => {
    for (let i = 0; i < 4; i += 1) queue.push(record(i));
    await until(() => batches.length === 2);
    expect(batches.map((batch) => batch.map((r) => r.route))).toEqual([
      ['/r/0', '/r/1', '/r/2'],
      ['/r/3'],
    ]);
    expect(stats.snapshot()).toMatchObject({ delivered: 4, dropped: 0 });
  });

  it('holds at most maxQueue while failing, counts the overflow, and delivers the rest later', async () => {
    failing = true;
    for (let i = 0; i < 9; i += 1) queue.push(record(i));
    expect(stats.snapshot().droppedByReason).toEqual({ queue_full: 4 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // several retries with backoff
    expect(batches).toHaveLength(0);
    failing = false;
    await until(() => stats.delivered === 5);
    expect(batches.flat().map((r) => r.route)).toEqual(['/r/0', '/r/1', '/r/2', '/r/3', '/r/4']);
  });

  it('drops and counts a batch refused permanently, then goes on', async () => {
    let refuse = true;
    const refusing = new DeliveryQueue(
      'test',
      'acme',
      async (batch) => {
        if (refuse) {
          refuse = false;
          throw new PermanentDeliveryError('400');
        }
        batches.push(batch);
      },
      POLICY,
      stats,
    );
    for (let i = 0; i < 4; i += 1) refusing.push(record(i));
    await until(() => stats.delivered === 1);
    expect(stats.snapshot().droppedByReason).toEqual({ rejected: 3 });
    await refusing.close(Date.now() + 100);
  });

  it('close delivers what is held; after the deadline it counts the rest and refuses more', async () => {
    queue.push(record(0));
    await queue.close(Date.now() + 500);
    expect(stats.delivered).toBe(1);

    failing = true;
    const stuck = new DeliveryQueue(
      'test',
      'acme',
      async () => {
        throw new Error('down');
      },
      POLICY,
      stats,
    );
    stuck.push(record(1));
    stuck.push(record(2));
    const started = Date.now();
    await stuck.close(Date.now() + 80);
    expect(Date.now() - started).toBeLessThan(500);
    stuck.push(record(3));
    expect(stats.snapshot().droppedByReason).toEqual({ shutdown: 2, closed: 1 });
  });
});
