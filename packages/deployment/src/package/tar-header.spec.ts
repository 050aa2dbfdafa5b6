import { Header, Pax } from 'tar';
import { BLOCK_SIZE, encodeTarHeader, type TarHeaderFields } from './tar-header';

/** The header node-tar writes for the same fields, as packages were built before (and read since). */
function nodeTarHeader({ path, mode, size, linkname }: TarHeaderFields): { block: Buffer; pax: Buffer | undefined } {
  const header = new Header({
    path,
    mode,
    size,
    mtime: new Date(0),
    type: linkname === undefined ? 'File' : 'SymbolicLink',
    linkpath: linkname,
    uid: 0,
    gid: 0,
  });
  const needsPax = header.encode();
  const pax = needsPax ? new Pax({ path, linkpath: linkname, mtime: new Date(0), size }).encode() : undefined;
  return { block: header.block!, pax };
}

describe('encodeTarHeader', () => {
  it.each<[string, TarHeaderFields]>([
    ['a small file', { path: 'files/pipeline.py', mode: 0o644, size: 12 }],
    ['an executable', { path: 'files/bin/run.sh', mode: 0o755, size: 4096 }],
    ['an empty file', { path: 'files/__init__.py', mode: 0o600, size: 0 }],
    ['a path of 99 bytes', { path: `files/${'p'.repeat(93)}`, mode: 0o644, size: 1 }],
    ['a size of 10 octal digits', { path: 'files/data.bin', mode: 0o644, size: 0o7777777777 }],
    ['a size of 11 octal digits', { path: 'files/data.bin', mode: 0o644, size: 0o10000000000 }],
    ['a symlink', { path: 'files/alias.py', mode: 0o777, size: 0, linkname: 'pipeline.py' }],
    ['a link target of 100 bytes', { path: 'files/l', mode: 0o777, size: 0, linkname: 't'.repeat(100) }],
    ['a path of 100 bytes (prefix field)', { path: `files/${'d'.repeat(40)}/${'m'.repeat(53)}`, mode: 0o644, size: 7 }],
    ['a path too long for ustar (pax)', { path: `files/${'x'.repeat(300)}.py`, mode: 0o644, size: 3 }],
    ['a non-ASCII path (pax)', { path: 'files/données/été.py', mode: 0o644, size: 3 }],
    ['a non-ASCII link target (pax)', { path: 'files/l.py', mode: 0o777, size: 0, linkname: 'é.py' }],
    ['a size of 8 GiB (pax)', { path: 'files/huge.bin', mode: 0o644, size: 8 * 1024 ** 3 }],
  ])('writes the bytes node-tar writes for %s', (_name, fields) => {
    const expected = nodeTarHeader(fields);
    // A reused block with stale bytes from an earlier entry must not leak into the header.
    const block = Buffer.alloc(BLOCK_SIZE, 0xff);
    const pax = encodeTarHeader(block, fields);
    expect(block.equals(expected.block)).toBe(true);
    expect(pax?.toString('latin1')).toBe(expected.pax?.toString('latin1'));
    expect(new Header(block).cksumValid).toBe(true);
  });
});
