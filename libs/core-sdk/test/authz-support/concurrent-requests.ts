import type { INestApplication } from '@nestjs/common';

export interface ObservedResponse {
  status: number;
  retryAfter: string | null;
  /** `X-RateLimit-Remaining`: present only when the rate limit storage answered. */
  rateLimitRemaining: number | null;
  body: unknown;
  elapsedMs: number;
}

/** Starts `app` on a loopback port and returns its base URL (real sockets, real concurrency). */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

/** Sends one GET and reads the whole response. */
export async function timedGet(url: string, token?: string): Promise<ObservedResponse> {
  const started = performance.now();
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  const remaining = response.headers.get('x-ratelimit-remaining');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text, the test asserts on it.
  }
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    rateLimitRemaining: remaining === null ? null : Number(remaining),
    body,
    elapsedMs: performance.now() - started,
  };
}

/** Fires all requests at once (round-robin over `urls`) and waits for every response. */
export function fireConcurrently(
  count: number,
  urls: string[],
  token: (index: number) => string,
): Promise<ObservedResponse[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) => timedGet(urls[index % urls.length], token(index))),
  );
}

export function countStatuses(responses: ObservedResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
