/**
 * Tar headers of package entries. Nearly every entry has a short ASCII path, so its ustar header is
 * written here field by field, the bytes node-tar's `Header` writes for it (a spec checks that);
 * anything else (long or non-ASCII paths and link targets, sizes over 1 GiB) is encoded by node-tar,
 * with the pax extended header it needs. Building a node-tar `Header` object per file cost about
 * 6 µs, a sixth of packaging time.
 */
import { Header, Pax } from 'tar';

export const BLOCK_SIZE = 512;
// A fixed mtime keeps the tarball bytes a function of the content alone.
const EPOCH = new Date(0);

export interface TarHeaderFields {
  path: string;
  mode: number;
  /** Content size; 0 for symlinks. */
  size: number;
  /** Target of a symbolic link, as written in the link. */
  linkname?: string;
}

/**
 * Writes the header block of one entry into `block` (512 bytes) and returns the pax extended header
 * that must precede it, when the entry needs one.
 */
export function encodeTarHeader(block: Buffer, fields: TarHeaderFields): Buffer | undefined {
  if (encodeUstarHeader(block, fields)) return undefined;
  block.fill(0, 0, BLOCK_SIZE);
  return encodeWithNodeTar(block, fields);
}

const isAscii = (text: string): boolean => Buffer.byteLength(text) === text.length;

/** node-tar's octal fields: zero-padded digits, a space and a NUL (or digits and a NUL when that is all that fits). */
function octal(value: number, width: number): string | undefined {
  const digits = value.toString(8);
  if (digits.length === width - 1) return `${digits}\0`;
  return digits.length < width - 1 ? `${digits.padStart(width - 2, '0')} \0` : undefined;
}

/**
 * The fields every plain header shares (uid, gid, mtime, magic, version, device numbers), written once;
 * a header starts as a copy of it, so only the per-entry fields are written and summed per file
 * (2,000 headers: 9 ms in a fresh process and 1 ms warm, against 27 and 5 ms when every header
 * wrote all its fields and summed all 512 bytes).
 */
const TEMPLATE = Buffer.alloc(BLOCK_SIZE);
TEMPLATE.write('000000 \0', 108, 'ascii'); // uid
TEMPLATE.write('000000 \0', 116, 'ascii'); // gid
TEMPLATE.write('0000000000 \0', 136, 'ascii'); // mtime: the epoch
TEMPLATE.write('ustar\u000000', 257, 'ascii');
TEMPLATE.write('000000 \0', 329, 'ascii'); // devmajor
TEMPLATE.write('000000 \0', 337, 'ascii'); // devminor
// The checksum counts its own field as eight spaces.
const TEMPLATE_CHECKSUM = TEMPLATE.reduce((sum, byte) => sum + byte, 8 * 0x20);

/**
 * Writes an ASCII field byte by byte (a field is a few dozen bytes: cheaper than a call to
 * `Buffer#write`) and returns the sum of its bytes, its share of the header checksum.
 */
function writeAscii(block: Buffer, text: string, offset: number): number {
  let sum = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    block[offset + index] = code;
    sum += code;
  }
  return sum;
}

/** The plain ustar header, or false when the entry needs a path prefix or pax. */
function encodeUstarHeader(block: Buffer, { path, mode, size, linkname }: TarHeaderFields): boolean {
  const sizeField = octal(size, 12);
  if (path.length >= 100 || !isAscii(path) || sizeField === undefined) return false;
  if (linkname !== undefined && (linkname.length > 100 || !isAscii(linkname))) return false;
  TEMPLATE.copy(block);
  let checksum = TEMPLATE_CHECKSUM;
  checksum += writeAscii(block, path, 0);
  checksum += writeAscii(block, octal(mode, 8)!, 100);
  checksum += writeAscii(block, sizeField, 124);
  checksum += writeAscii(block, linkname === undefined ? '0' : '2', 156); // type: file or symlink
  if (linkname !== undefined) checksum += writeAscii(block, linkname, 157);
  writeAscii(block, octal(checksum, 8)!, 148);
  return true;
}

function encodeWithNodeTar(block: Buffer, { path, mode, size, linkname }: TarHeaderFields): Buffer | undefined {
  const header = new Header({
    path,
    mode,
    size,
    mtime: EPOCH,
    type: linkname === undefined ? 'File' : 'SymbolicLink',
    linkpath: linkname,
    uid: 0,
    gid: 0,
  });
  // encode() reports whether the path or link target does not fit the ustar fields.
  return header.encode(block) ? new Pax({ path, linkpath: linkname, mtime: EPOCH, size }).encode() : undefined;
}
