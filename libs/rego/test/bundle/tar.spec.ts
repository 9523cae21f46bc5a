/** The ustar writer and reader, including archives made by the system's tar. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BundleError, readTar, unpackArchive, writeTar, packArchive } from '../../src/bundle';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('tar', () => {
  it('round-trips files of any size and long paths', () => {
    const longPath = `/${'dir'.repeat(40)}/${'name'.repeat(20)}.json`;
    const entries = [
      { path: '/empty', data: new Uint8Array(0) },
      { path: '/exact', data: new Uint8Array(512).fill(1) },
      { path: '/binary.wasm', data: Uint8Array.from({ length: 1300 }, (_, index) => index % 256) },
      { path: longPath, data: bytes('{"a":1}') },
    ];
    const archive = writeTar(entries);
    expect(archive.length % 512).toBe(0);
    expect(readTar(archive)).toEqual(entries);
  });

  it('is deterministic', () => {
    const files = new Map([['data.json', bytes('{}')]]);
    expect(packArchive(files)).toEqual(packArchive(files));
  });

  it('reads an archive made by the system tar (directories skipped)', () => {
    const root = mkdtempSync(join(tmpdir(), 'coresdk-tar-'));
    mkdirSync(join(root, 'src', 'tenants', 'acme'), { recursive: true });
    writeFileSync(join(root, 'src', 'data.json'), '{"x": 1}');
    writeFileSync(
      join(root, 'src', 'tenants', 'acme', 'policy.wasm'),
      Buffer.from([0, 97, 115, 109]),
    );
    const archive = join(root, 'b.tar.gz');
    const run = spawnSync('tar', ['czf', archive, '-C', join(root, 'src'), '.'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const files = unpackArchive(readFileSync(archive));
    expect([...files.keys()].sort()).toEqual(['data.json', 'tenants/acme/policy.wasm']);
    expect([...(files.get('tenants/acme/policy.wasm') ?? [])]).toEqual([0, 97, 115, 109]);
  });

  it('writes archives the system tar lists', () => {
    const root = mkdtempSync(join(tmpdir(), 'coresdk-tar-'));
    const archive = join(root, 'b.tar.gz');
    writeFileSync(
      archive,
      packArchive(
        new Map([
          ['tenants/a/policy.wasm', bytes('w')],
          ['.manifest', bytes('{}')],
        ]),
      ),
    );
    const run = spawnSync('tar', ['tzf', archive], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      '/tenants/a/policy.wasm',
      '/.manifest',
    ]);
  });

  it('refuses corrupt, truncated and special-entry archives', () => {
    const archive = writeTar([{ path: '/a', data: bytes('hello') }]);
    const corrupt = archive.slice();
    corrupt[0] ^= 1;
    expect(() => readTar(corrupt)).toThrow(/bad header checksum/);
    expect(() => readTar(archive.slice(0, 512))).toThrow(/truncated/);
    expect(() => readTar(archive.slice(0, 1024))).toThrow(/end-of-archive/);
    const symlink = writeTar([{ path: '/link', data: new Uint8Array(0) }]);
    symlink[156] = 0x32; // '2': symbolic link
    fixChecksum(symlink);
    expect(() => readTar(symlink)).toThrow(/unsupported entry type '2'/);
  });

  it('refuses duplicate paths, escaping paths, non-gzip input and oversized content', () => {
    const twice = new Uint8Array(
      gzipSync(
        writeTar([
          { path: '/data.json', data: bytes('{}') },
          { path: 'data.json', data: bytes('{"evil":1}') },
        ]),
      ),
    );
    expect(() => unpackArchive(twice)).toThrow(/data.json twice/);
    expect(() => packArchive(new Map([['../etc/passwd', bytes('x')]]))).toThrow(BundleError);
    expect(() => unpackArchive(bytes('not gzip'))).toThrow(/not a readable .tar.gz/);
    const big = packArchive(new Map([['data.json', new Uint8Array(100_000)]]));
    expect(() => unpackArchive(big, { maxBytes: 10_000 })).toThrow(BundleError);
    expect(gunzipSync(big).length).toBeGreaterThan(100_000);
  });
});

function fixChecksum(block: Uint8Array): void {
  block.fill(0x20, 148, 156);
  const sum = block.subarray(0, 512).reduce((total, byte) => total + byte, 0);
  block.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
}
