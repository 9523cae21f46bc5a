import { AuditStats } from './audit-stats';
import { HttpBatchSink, splitCredentials } from './http-batch.sink';

describe('HttpBatchSink', () => {
  const sink = new HttpBatchSink(
    {
      urlTemplate: 'https://audit.example/v1/{tenant}/records',
      tenantUrls: { globex: 'https://siem.globex.example/in' },
      batchSize: 10,
      flushIntervalMs: 10,
      maxQueue: 10,
      retryBackoffMs: 10,
      maxRetryBackoffMs: 10,
      timeoutMs: 100,
      shutdownTimeoutMs: 100,
    },
    new AuditStats(),
  );

  it('fills {tenant} in, unless the tenant has its own collector', () => {
    expect(sink.urlOf('acme')).toBe('https://audit.example/v1/acme/records');
    expect(sink.urlOf('_unauthenticated')).toBe(
      'https://audit.example/v1/_unauthenticated/records',
    );
    expect(sink.urlOf('globex')).toBe('https://siem.globex.example/in');
    // Names that would change the path are encoded (the stream check rejects them earlier).
    expect(sink.urlOf('a/b')).toBe('https://audit.example/v1/a%2Fb/records');
    expect(sink.urlOf('toString')).toBe('https://audit.example/v1/toString/records');
  });

  it('turns credentials in the URL into Basic authentication', () => {
    expect(splitCredentials('https://collector:s%3Acret@audit.example/in')).toEqual({
      url: 'https://audit.example/in',
      authorization: `Basic ${Buffer.from('collector:s:cret').toString('base64')}`,
    });
    expect(splitCredentials('https://audit.example/in')).toEqual({
      url: 'https://audit.example/in',
      authorization: null,
    });
  });
});
