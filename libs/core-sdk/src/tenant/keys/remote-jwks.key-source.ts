import { Logger } from '@nestjs/common';
import type { JWSHeaderParameters } from 'jose';
import {
  KeyNotFoundError,
  type JwtKeySource,
  type VerificationKey,
} from './jwt-key-source.interface';
import { publicSigningKeys, StaticJwksKeySource } from './static-jwks.key-source';

export interface RemoteJwksOptions {
  /** Minimum time between two fetch attempts, whatever triggered them. */
  cooldownMs: number;
  /** Age after which keys are refreshed in the background (still used meanwhile). */
  cacheMaxAgeMs: number;
  /** Bound on one HTTP request, connection to last byte. */
  timeoutMs: number;
  /** Responses larger than this are refused. */
  maxResponseBytes?: number;
  /** Injected for tests. */
  now?: () => number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024;

/**
 * A JWKS fetched over HTTP and cached. Unlike jose's remote set, a failed fetch never
 * discards the keys already held: when the identity provider is down, tokens signed with
 * a known kid keep verifying, and an unknown kid is an ordinary 401. Every fetch attempt
 * (first load, unknown kid, background refresh) is subject to the same cooldown, so a
 * flood of tokens with random kids costs the provider at most one request per cooldown.
 */
export class RemoteJwksKeySource implements JwtKeySource {
  private readonly logger = new Logger('CoreSdk');
  private readonly now: () => number;
  private keys: StaticJwksKeySource | null = null;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private pendingFetch: Promise<void> | null = null;

  constructor(
    private readonly url: URL,
    private readonly options: RemoteJwksOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async resolveKey(header: JWSHeaderParameters): Promise<VerificationKey> {
    if (this.keys === null) {
      await this.fetchIfAllowed();
    } else if (this.now() - this.fetchedAt >= this.options.cacheMaxAgeMs) {
      // Stale keys stay usable; the refresh runs without holding up this request.
      void this.fetchIfAllowed();
    }
    try {
      return await this.currentKeys().resolveKey(header);
    } catch (error) {
      if (!(error instanceof KeyNotFoundError) || error.reason !== 'unknown-kid') {
        throw error;
      }
    }
    // An unknown kid may mean the provider rotated keys since the last fetch.
    if (!(await this.fetchIfAllowed())) {
      throw new KeyNotFoundError('unknown-kid');
    }
    return this.currentKeys().resolveKey(header);
  }

  isKeyCurrent(kid: string | undefined): boolean {
    // Without a kid there is no way to tell which key of a changing set signed the token.
    return kid !== undefined && this.keys !== null && this.keys.kids.has(kid);
  }

  private currentKeys(): StaticJwksKeySource {
    if (this.keys === null) {
      throw new KeyNotFoundError('unavailable');
    }
    return this.keys;
  }

  /**
   * Fetches unless a fetch ran within the cooldown; concurrent callers share one request.
   * Resolves true when a fetch completed (successfully or not) for this caller to retry.
   */
  private async fetchIfAllowed(): Promise<boolean> {
    if (this.pendingFetch === null) {
      if (this.now() - this.lastAttemptAt < this.options.cooldownMs) {
        return false;
      }
      this.lastAttemptAt = this.now();
      this.pendingFetch = this.fetchKeys().finally(() => {
        this.pendingFetch = null;
      });
    }
    await this.pendingFetch;
    return true;
  }

  /** Never rejects: a failure is logged and the previous keys are kept. */
  private async fetchKeys(): Promise<void> {
    try {
      const keySet = publicSigningKeys(await this.download());
      if (keySet === null) {
        throw new Error('response is not a JSON Web Key Set');
      }
      this.keys = new StaticJwksKeySource(keySet);
      this.fetchedAt = this.now();
    } catch (error) {
      this.logger.warn(
        `JWKS fetch from ${this.url.origin}${this.url.pathname} failed, keeping ` +
          `${this.keys === null ? 'no' : 'the cached'} keys: ${(error as Error).message}`,
      );
    }
  }

  private async download(): Promise<unknown> {
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const response = await fetch(this.url, {
      signal,
      redirect: 'error',
      headers: { accept: 'application/json' },
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const declaredLength = Number(response.headers.get('content-length') ?? '0');
    if (declaredLength > maxBytes) {
      await response.body?.cancel();
      throw new Error(`response larger than ${maxBytes} bytes`);
    }
    const text = await response.text();
    if (text.length > maxBytes) {
      throw new Error(`response larger than ${maxBytes} bytes`);
    }
    return JSON.parse(text);
  }
}
