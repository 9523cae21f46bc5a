import { buildTestBundle } from '../../../test/policy-support/bundle-fixtures';
import { BundleServer } from '../../../test/policy-support/bundle-server';
import { PolicySourceError } from '../policy-source.error';
import { BundleHttpPolicySource } from './bundle-http-policy-source';
import { discoverHostBuiltins } from './module-builtins';
import { compile } from '@coresdk/rego';

const GLOBAL = 'package coresdk.authz\n\nallow if input.action == "read"\n';

describe('BundleHttpPolicySource', () => {
  let server: BundleServer;
  beforeAll(async () => {
    server = await BundleServer.start();
  });
  afterAll(() => server.close());

  const source = () => new BundleHttpPolicySource(server.url, 'coresdk/authz/allow', null, 1_000);

  it('downloads a bundle, then sends its ETag and reads a 304 as "unchanged"', async () => {
    server.publish(await buildTestBundle({ global: GLOBAL, revision: 'h1' }));
    const http = source();
    await expect(http.read()).resolves.toMatchObject({
      revision: 'h1',
      origin: `bundle:${server.url}`,
    });
    await expect(http.read()).resolves.toBeNull();
    const [first, second] = server.requests.slice(-2);
    expect(first).toMatchObject({ status: 200, ifNoneMatch: null });
    expect(second).toMatchObject({ status: 304, ifNoneMatch: expect.stringMatching(/^".+"$/) });

    server.publish(await buildTestBundle({ global: GLOBAL, revision: 'h2' }));
    await expect(http.read()).resolves.toMatchObject({ revision: 'h2' });
  });

  it('reports a server error as a transient failure (the reloader backs off)', async () => {
    server.fail(503);
    const error = await source()
      .read()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicySourceError);
    expect(error).toMatchObject({ transient: true, message: expect.stringContaining('HTTP 503') });
  });

  it('reports an unreachable server as a transient failure', async () => {
    const closed = new BundleHttpPolicySource(
      'http://127.0.0.1:1/b.tar.gz',
      'coresdk/authz/allow',
      null,
      1_000,
    );
    await expect(closed.read()).rejects.toMatchObject({
      transient: true,
      message: expect.stringContaining('request failed'),
    });
  });

  it('reports a body that is not a bundle as a content error, not a transient one', async () => {
    server.publish(new TextEncoder().encode('<html>not a bundle</html>'));
    const error = await source()
      .read()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ transient: false });
    expect((error as PolicySourceError).diagnostics[0]).toContain(`bundle:${server.url}`);
  });
});

describe('discoverHostBuiltins', () => {
  it("reads the host built-ins from the module's builtins() export", () => {
    const result = compile(
      [
        {
          path: 'p.rego',
          source: 'package coresdk.authz\n\nallow if regex.match("^a", input.x)\n',
        },
      ],
      { entrypoints: ['coresdk/authz/allow'], regoVersion: 'v1' },
    );
    expect(discoverHostBuiltins(result.wasm!)).toEqual(result.hostBuiltins);
    expect(result.hostBuiltins).toContain('regex.match');
  });

  it('refuses bytes that are not a Wasm module', () => {
    expect(() => discoverHostBuiltins(new Uint8Array([0, 1, 2]))).toThrow();
  });
});
