import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '../audit-record.interface';
import { AuditStats } from './audit-stats';
import { JsonLinesFileSink } from './json-lines-file.sink';

const POLICY = {
  batchSize: 10,
  flushIntervalMs: 10,
  maxQueue: 10,
  retryBackoffMs: 10,
  maxRetryBackoffMs: 10,
  shutdownTimeoutMs: 500,
};

function record(tenant: string | null): AuditRecord {
  return {
    timestamp: new Date(0).toISOString(),
    service: 'svc',
    tenant_id: tenant,
    subject: null,
    action: null,
    decision: 'allow',
    reason: 'served',
    policy: null,
    fail_mode_applied: false,
    status: 200,
    method: 'GET',
    route: '/',
    duration_ms: 1,
  };
}

describe('JsonLinesFileSink', () => {
  let dir: string;
  let stats: AuditStats;
  let sink: JsonLinesFileSink;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coresdk-file-sink-'));
    stats = new AuditStats();
    sink = new JsonLinesFileSink(join(dir, 'audit'), POLICY, stats);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never writes outside its folder, whatever the tenant id', async () => {
    for (const tenant of ['../escape', '..', 'a/b', 'a\\b', '.hidden', '', 'a\u0000b']) {
      sink.write(record(tenant));
    }
    sink.write(record('acme'));
    await sink.flush();
    expect(stats.snapshot().droppedByReason).toEqual({ invalid_stream: 7 });
    expect(
      readFileSync(join(dir, 'audit', 'acme.jsonl'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
    expect(() => sink.fileOf('../x')).toThrow('escapes');
  });

  it('names the stream of records without a tenant _unauthenticated', async () => {
    sink.write(record(null));
    await sink.flush();
    const line = JSON.parse(readFileSync(join(dir, 'audit', '_unauthenticated.jsonl'), 'utf8'));
    expect(line.tenant_id).toBeNull();
  });
});
