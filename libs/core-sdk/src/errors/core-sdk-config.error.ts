/**
 * The CoreSDK configuration (coresdk.toml, `CORESDK_*`, forRoot options) cannot be used.
 * Raised at startup with every problem found, one per line, each naming where the value
 * came from, the toml key, what is wrong and how to fix it — so one restart fixes them all.
 */
export class CoreSdkConfigError extends Error {
  override readonly name = 'CoreSdkConfigError';

  private constructor(
    message: string,
    /** The individual problems, in the order they were found. */
    readonly problems: readonly string[],
  ) {
    super(message);
  }

  /** One problem, or all of them; each is `source: key ... is wrong: fix`. */
  static create(problems: string | readonly string[]): CoreSdkConfigError {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    const count = list.length === 1 ? '1 problem' : `${list.length} problems`;
    const header = `Invalid CoreSDK configuration (${count}):`;
    return new CoreSdkConfigError([header, ...list.map((p) => `  - ${p}`)].join('\n'), list);
  }
}
