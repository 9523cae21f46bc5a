import { Agent, createServer, get as httpGet, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditSpans, installMemoryExporter } from '../../test/support/otel-memory';
import { recordDecision } from './audit-draft';
import type { AuditRecord } from './audit-record.interface';
import { AuditRecorder } from './audit-recorder';

describe('AuditRecorder', () => {
  const exporter = installMemoryExporter();
  const written: AuditRecord[] = [];
  const recorder = new AuditRecorder('svc', [{ write: (record) => written.push(record) }]);
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      recorder.begin(req, res);
      if (req.url === '/deny') {
        recordDecision(req, {
          tenantId: 'acme-corp',
          subject: 'alice',
          action: 'a:b',
          decision: 'deny',
          reason: 'policy_deny',
          policy: 'global',
        });
        res.statusCode = 403;
      }
      if (req.url === '/allow?token=secret') {
        recordDecision(req, {
          tenantId: 'acme-corp',
          subject: 'alice',
          decision: 'allow',
          reason: 'policy_allow',
          route: '/allow',
        });
      }
      // Never answers: the client gives up first.
      if (req.url === '/hang') return;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    exporter.reset();
    written.length = 0;
  });

  it('writes exactly one record and one span per request, with the decision attributes', async () => {
    await fetch(`${base}/deny`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      tenant_id: 'acme-corp',
      subject: 'alice',
      action: 'a:b',
      decision: 'deny',
      reason: 'policy_deny',
      status: 403,
      route: '/deny',
      service: 'svc',
      fail_mode_applied: false,
    });
    const spans = auditSpans(exporter);
    expect(spans).toHaveLength(1);
    expect(spans[0].attributes).toMatchObject({
      'coresdk.tenant_id': 'acme-corp',
      'coresdk.action': 'a:b',
      'coresdk.decision': 'deny',
      'coresdk.policy': 'global',
      'coresdk.fail_mode_applied': false,
      'enduser.id': 'alice',
      'http.route': '/deny',
      'http.response.status_code': 403,
    });
    const event = spans[0].events.find((e) => e.name === 'coresdk.audit');
    expect(event?.attributes).toMatchObject({
      decision: 'deny',
      status: 403,
      tenant_id: 'acme-corp',
    });
  });

  it('derives the decision from the status when no guard recorded one, and drops the query string', async () => {
    await fetch(`${base}/allow?token=secret`);
    await fetch(`${base}/nowhere?x=1`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written.map((r) => [r.route, r.decision, r.reason])).toEqual([
      ['/allow', 'allow', 'policy_allow'],
      ['/nowhere', 'allow', 'served'],
    ]);
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => s.attributes))).not.toContain(
      'secret',
    );
  });

  it('writes one record when the client goes away before the response', async () => {
    const aborted = new AbortController();
    const pending = fetch(`${base}/hang`, { signal: aborted.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    aborted.abort();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ route: '/hang', reason: 'client_closed' });
    expect(auditSpans(exporter)).toHaveLength(1);
  });

  it('writes one record per request on a keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<void>((resolve, reject) => {
        httpGet(`${base}${path}`, { agent }, (response) => {
          response.resume();
          response.on('end', resolve);
        }).on('error', reject);
      });
    for (const path of ['/a', '/b', '/c']) await get(path);
    agent.destroy();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(written.map((record) => record.route)).toEqual(['/a', '/b', '/c']);
    expect(written.every((record) => record.reason === 'served')).toBe(true);
  });
});
