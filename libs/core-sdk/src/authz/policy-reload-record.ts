import { Logger } from '@nestjs/common';
import { SpanStatusCode, trace } from '@opentelemetry/api';

export type ReloadOutcome =
  | { outcome: 'applied'; revision: string; origin: string; diagnostics: string[] }
  | { outcome: 'unchanged'; revision: string; origin: string; diagnostics: [] }
  | { outcome: 'rejected'; revision: string | null; origin: string; diagnostics: string[] };

const logger = new Logger('CoreSdkPolicies');

/**
 * Leaves the record of a policy reload, independent of the request audit pipeline: a log
 * line (with the positioned diagnostics when refused) and one OpenTelemetry span
 * `coresdk.policy.reload` whose event carries the diagnostics. An unchanged source (HTTP
 * 304) leaves nothing: it is the normal state between revisions.
 */
export function recordReload(result: ReloadOutcome): void {
  if (result.outcome === 'unchanged') return;
  const span = trace.getTracer('@coresdk/core-sdk').startSpan('coresdk.policy.reload', {
    attributes: {
      'coresdk.policy.source': result.origin,
      'coresdk.policy.revision': result.revision ?? '',
      'coresdk.policy.outcome': result.outcome,
    },
  });
  if (result.outcome === 'applied') {
    logger.log(`policy revision ${result.revision} from ${result.origin} applied`);
    if (result.diagnostics.length > 0) {
      span.addEvent('coresdk.policy.diagnostics', {
        'coresdk.policy.diagnostics': result.diagnostics,
      });
      logger.error(
        `policy revision ${result.revision}: some runtime tenant overrides do not compile ` +
          `against it and keep their previous module:\n${result.diagnostics.join('\n')}`,
      );
    }
  } else {
    const error = result.diagnostics[0] ?? 'rejected';
    span.setAttribute('coresdk.policy.error', error);
    span.addEvent('coresdk.policy.diagnostics', {
      'coresdk.policy.diagnostics': result.diagnostics,
    });
    span.setStatus({ code: SpanStatusCode.ERROR, message: error });
    logger.error(
      `policy reload from ${result.origin} rejected` +
        `${result.revision ? ` (revision ${result.revision})` : ''}; the last good policy stays in force:\n` +
        result.diagnostics.join('\n'),
    );
  }
  span.end();
}
