import type { PolicySnapshot } from './policy-snapshot.interface';

/**
 * Where policies come from: a directory of .rego files, a bundle file, or a bundle server.
 * A source produces snapshots; the reloader decides when to ask for one.
 */
export interface PolicySource {
  /** For logs and reload records (`dir:/srv/policies`, `bundle:https://…`). */
  readonly origin: string;
  /**
   * Reads the source's current revision. Resolves null when the source reports that nothing
   * changed since the last read (HTTP 304). Rejects with PolicySourceError and diagnostics.
   */
  read(): Promise<PolicySnapshot | null>;
  /**
   * How the source announces changes: `watch` (file events, debounced by the reloader) or
   * `poll` (the reloader calls read() every interval). `none`: read once at startup.
   */
  readonly changes:
    | { kind: 'watch'; subscribe(onChange: () => void): () => void }
    | { kind: 'poll'; intervalMs: number }
    | { kind: 'none' };
}
