import { metrics } from '@opentelemetry/api';
import {
  InMemoryMetricExporter,
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { AuditStats } from './audit-stats';

describe('AuditStats', () => {
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  beforeAll(() => metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] })));
  afterAll(async () => {
    await reader.shutdown();
    metrics.disable();
  });

  it('counts deliveries and losses per sink, stream and reason', () => {
    const stats = new AuditStats();
    stats.recordDelivered('http', 'acme', 4);
    stats.recordDropped('http', 'acme', 2, 'queue_full');
    stats.recordDropped('file', '_unauthenticated', 1, 'shutdown');
    stats.recordDropped('file', 'globex', 0, 'shutdown'); // nothing lost: nothing recorded
    expect(stats.dropped).toBe(3);
    expect(stats.delivered).toBe(4);
    expect(stats.snapshot()).toEqual({
      delivered: 4,
      dropped: 3,
      sinks: {
        http: { acme: { delivered: 4, dropped: 2 } },
        file: { _unauthenticated: { delivered: 0, dropped: 1 } },
      },
      droppedByReason: { queue_full: 2, shutdown: 1 },
    });
  });

  it('exports the losses as the OpenTelemetry counter coresdk.audit.dropped', async () => {
    const stats = new AuditStats();
    stats.recordDropped('http', 'acme', 5, 'rejected');
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((candidate) => candidate.descriptor.name === 'coresdk.audit.dropped');
    expect(metric?.dataPoints).toContainEqual(
      expect.objectContaining({
        value: 5,
        attributes: { sink: 'http', stream: 'acme', reason: 'rejected' },
      }),
    );
  });
});
