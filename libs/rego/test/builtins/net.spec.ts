import { call, callError } from './host-test-helpers';

describe('net.cidr_contains / cidr_intersects / cidr_is_valid', () => {
  it.each<[string, string, boolean]>([
    ['10.0.0.0/8', '10.1.0.0/24', true],
    ['10.0.0.0/8', '10.1.2.3', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.0.0.0/24', '10.0.0.0/16', false],
    ['2001:4860:4860::8888/32', '2001:4860:4860:1234::8888/40', true],
    ['2001:4860::/32', '2001:4861::1', false],
    ['::/0', '1.2.3.4', false],
    ['0.0.0.0/0', '::ffff:1.2.3.4', true],
    ['192.168.1.5/24', '192.168.1.200', true],
  ])('net.cidr_contains(%j, %j) = %s', (cidr, other, expected) => {
    expect(call('net.cidr_contains', cidr, other)).toBe(expected);
    expect(call('net.cidr_overlap', cidr, other)).toBe(expected);
  });

  it('reports invalid CIDRs as errors', () => {
    expect(callError('net.cidr_contains', '10.0.0.0', '10.0.0.1').message).toBe(
      'net.cidr_contains: invalid CIDR address: 10.0.0.0',
    );
    expect(callError('net.cidr_contains', '10.0.0.0/8', 'nope').message).toBe(
      'net.cidr_contains: invalid CIDR address: nope',
    );
  });

  it.each<[string, string, boolean]>([
    ['192.168.0.0/16', '192.168.1.0/24', true],
    ['192.168.1.0/24', '192.168.0.0/16', true],
    ['192.168.0.0/24', '192.168.1.0/24', false],
    ['fd1e:5bfe:8af3:9ddc::/64', 'fd1e:5bfe:8af3:9ddc:1111::/72', true],
  ])('net.cidr_intersects(%j, %j) = %s', (a, b, expected) => {
    expect(call('net.cidr_intersects', a, b)).toBe(expected);
  });

  it.each<[unknown, boolean]>([
    ['10.0.0.0/8', true],
    ['::/0', true],
    ['10.0.0.0/33', false],
    ['010.0.0.0/8', false],
    ['10.0.0.0', false],
    ['256.0.0.0/8', false],
    ['fe80::1%eth0/64', false],
    [7, false],
  ])('net.cidr_is_valid(%j) = %s', (value, expected) => {
    expect(call('net.cidr_is_valid', value)).toBe(expected);
  });
});

describe('net.cidr_expand / net.cidr_merge', () => {
  it('expands to a sorted set of addresses', () => {
    expect(call('net.cidr_expand', '192.168.0.0/30')).toEqual([
      '192.168.0.0',
      '192.168.0.1',
      '192.168.0.2',
      '192.168.0.3',
    ]);
    expect(call('net.cidr_expand', '2001:db8::/127')).toEqual(['2001:db8::', '2001:db8::1']);
    expect(call('net.cidr_expand', '10.0.0.7/32')).toEqual(['10.0.0.7']);
    expect(callError('net.cidr_expand', '10.0.0.0/8').message).toContain(
      'more than 65536 addresses',
    );
  });

  it.each<[string[], string[]]>([
    [['192.0.128.0/24', '192.0.129.0/24'], ['192.0.128.0/23']],
    [
      ['192.0.128.0/24', '192.0.130.0/24'],
      ['192.0.128.0/24', '192.0.130.0/24'],
    ],
    [['10.0.0.0/8', '10.1.0.0/16', '10.2.3.4'], ['10.0.0.0/8']],
    [['1.1.1.0', '1.1.1.1', '1.1.1.2', '1.1.1.3'], ['1.1.1.0/30']],
    [
      ['2001:db8::/33', '2001:db8:8000::/33', '::1'],
      ['2001:db8::/32', '::1/128'],
    ],
    [['0.0.0.0/1', '128.0.0.0/1'], ['0.0.0.0/0']],
  ])('net.cidr_merge(%j) = %j', (input, expected) => {
    expect(call('net.cidr_merge', input)).toEqual(expected);
  });

  it('rejects invalid members', () => {
    expect(callError('net.cidr_merge', ['bad']).message).toContain(
      'IP address or CIDR invalid: bad',
    );
  });
});

describe('net.cidr_contains_matches', () => {
  it('follows the OPA documentation examples', () => {
    expect(call('net.cidr_contains_matches', '1.1.1.0/24', '1.1.1.128')).toEqual([
      ['1.1.1.0/24', '1.1.1.128'],
    ]);
    expect(call('net.cidr_contains_matches', ['1.1.1.0/24', '1.1.2.0/24'], '1.1.1.128')).toEqual([
      [0, '1.1.1.128'],
    ]);
    expect(
      call('net.cidr_contains_matches', [['1.1.0.0/16', 'foo'], '1.1.2.0/24'], {
        x: '1.1.1.128',
        y: ['1.1.254.254', 'bar'],
      }),
    ).toEqual([
      [0, 'x'],
      [0, 'y'],
    ]);
  });

  it('rejects non-CIDR entries', () => {
    expect(callError('net.cidr_contains_matches', [1], '1.1.1.1').message).toContain(
      'expected CIDR or IP string',
    );
  });
});
