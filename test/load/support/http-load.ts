import { Agent, request } from 'node:http';

/** One request's outcome as the client saw it. */
export interface LoadResponse {
  index: number;
  /** Which instance (index into the URL list) served it. */
  instance: number;
  tenant: string;
  status: number;
  body: unknown;
  /** `performance.now()` when the request was sent and when its response ended. */
  startedAt: number;
  finishedAt: number;
  elapsedMs: number;
}

export interface LoadPlan {
  urls: string[];
  total: number;
  concurrency: number;
  /** Token (and its tenant) of request `index`. */
  caller(index: number): { tenant: string; token: string };
  path: string;
  /** Called after each response, e.g. to kill Redis mid-run. */
  onResponse?(response: LoadResponse, completed: number): void | Promise<void>;
  /** A request taking longer than this fails the run (no request may hang). */
  requestTimeoutMs: number;
}

/**
 * Sends `total` GETs round-robin over the instances, `concurrency` at a time, over
 * keep-alive connections; resolves with every response in request order.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResponse[]> {
  const agents = plan.urls.map(() => new Agent({ keepAlive: true, maxSockets: plan.concurrency }));
  const responses: LoadResponse[] = new Array(plan.total);
  let next = 0;
  let completed = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.total) {
      const index = next++;
      const instance = index % plan.urls.length;
      const { tenant, token } = plan.caller(index);
      const response = await get(
        `${plan.urls[instance]}${plan.path}`,
        token,
        agents[instance],
        plan.requestTimeoutMs,
      );
      responses[index] = { index, instance, tenant, ...response };
      completed += 1;
      await plan.onResponse?.(responses[index], completed);
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return responses;
}

function get(
  url: string,
  token: string,
  agent: Agent,
  timeoutMs: number,
): Promise<{
  status: number;
  body: unknown;
  startedAt: number;
  finishedAt: number;
  elapsedMs: number;
}> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { agent, headers: { authorization: `Bearer ${token}` } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON: the test asserts on the text.
          }
          const finishedAt = performance.now();
          resolve({
            status: incoming.statusCode ?? 0,
            body,
            startedAt: started,
            finishedAt,
            elapsedMs: finishedAt - started,
          });
        });
      },
    );
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new Error(`request to ${url} took longer than ${timeoutMs} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string | number,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const name = String(key(item));
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
