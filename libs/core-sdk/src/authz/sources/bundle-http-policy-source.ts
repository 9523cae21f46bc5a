import type { VerificationOptions } from '@coresdk/rego';
import { PolicySourceError } from '../policy-source.error';
import type { PolicySource } from '../policy-source.interface';
import type { PolicySnapshot } from '../policy-snapshot.interface';
import { snapshotFromBundle } from './bundle-snapshot';

/** One bundle download may take this long before it counts as a failed poll. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * `[policies].bundle_url`: a bundle server, polled as OPA's bundle service protocol does:
 * each request carries the ETag of the last bundle read (`If-None-Match`), and a 304 means
 * "no new revision" without a download.
 */
export class BundleHttpPolicySource implements PolicySource {
  readonly origin: string;
  readonly changes: PolicySource['changes'];
  private etag: string | null = null;

  constructor(
    private readonly url: string,
    private readonly entrypoint: string,
    private readonly verification: VerificationOptions | null,
    pollIntervalMs: number,
  ) {
    this.origin = `bundle:${url}`;
    this.changes = { kind: 'poll', intervalMs: pollIntervalMs };
  }

  async read(): Promise<PolicySnapshot | null> {
    const headers: Record<string, string> = {
      accept: 'application/gzip, application/octet-stream',
    };
    if (this.etag) headers['if-none-match'] = this.etag;
    let response: Response;
    try {
      response = await fetch(this.url, {
        headers,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw PolicySourceError.unreachable(this.origin, `request failed: ${describe(error)}`);
    }
    if (response.status === 304) return null;
    if (response.status !== 200) {
      await response.body?.cancel();
      throw PolicySourceError.unreachable(
        this.origin,
        `the server answered HTTP ${response.status}`,
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw PolicySourceError.unreachable(this.origin, `download failed: ${describe(error)}`);
    }
    // Remembered before the content is judged: a refused revision is not downloaded and
    // refused again on every poll, only once the server publishes something else.
    this.etag = response.headers.get('etag');
    return snapshotFromBundle(bytes, this.origin, {
      entrypoint: this.entrypoint,
      verification: this.verification,
    });
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return cause ? `${(error as Error).message} (${cause})` : (error as Error).message;
}
