/**
 * OpenTelemetry for the sample API: CoreSDK writes one span per request (with its audit
 * event) through the OpenTelemetry API; this starts the Node SDK that exports those spans
 * with OTLP/HTTP. Imported first in main.ts so the tracer provider exists before any module
 * asks for a tracer.
 *
 * Configured only by the standard variables, read by the SDK and the exporter themselves:
 * OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (default
 * http://localhost:4318/v1/traces), OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER, OTEL_SDK_DISABLED, OTEL_LOG_LEVEL, ...
 *
 * Quiet without a collector: export failures go to OpenTelemetry's diagnostic logger,
 * which prints nothing unless OTEL_LOG_LEVEL asks for it, and the batch processor drops
 * what it cannot send instead of holding requests back.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** How long shutdown may spend flushing spans before the process goes anyway. */
const SHUTDOWN_FLUSH_MS = 2_000;

const sdk = new NodeSDK({
  // OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) wins when set.
  serviceName: hasServiceNameFromEnvironment() ? undefined : 'coresdk-sample',
  traceExporter: new OTLPTraceExporter(),
  // No auto-instrumentation: CoreSDK's own request spans are the ones this sample shows.
  instrumentations: [],
});
sdk.start();

let stopping: Promise<void> | null = null;

/** Flushes buffered spans once, bounded in time; never throws (no collector is not an error). */
export function shutdownTelemetry(): Promise<void> {
  stopping ??= Promise.race([
    sdk.shutdown().catch(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_MS).unref()),
  ]);
  return stopping;
}

// Nest's shutdown hooks close the app on these signals and then re-raise the signal.
// Flushing runs alongside; while it runs this listener keeps the process alive, and the
// last listener to finish lets the signal take its default course.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  const onSignal = (): void => {
    void shutdownTelemetry().then(() => {
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  process.on(signal, onSignal);
}

function hasServiceNameFromEnvironment(): boolean {
  if (process.env.OTEL_SERVICE_NAME) return true;
  return /(^|,)\s*service\.name\s*=/.test(process.env.OTEL_RESOURCE_ATTRIBUTES ?? '');
}
