import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { GzipTarWriter } from './gzip-tar';

interface Member {
  path: string;
  mode: number;
  content: Buffer;
}

/** Every member of a gzip tarball, read by node-tar. */
function members(tarball: Buffer): Promise<Member[]> {
  return new Promise((resolve, reject) => {
    const found: Member[] = [];
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => found.push({ path: entry.path, mode: entry.mode!, content: Buffer.concat(chunks) }));
      },
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(found));
    parser.end(tarball);
  });
}

const patterned = (size: number, seed: number): Buffer =>
  Buffer.from(Array.from({ length: size }, (_, index) => (index * 31 + seed) % 251));

/** Sizes around the tar block and the 64 KiB batch: a file with its header fills a batch exactly at 65,024 bytes. */
const SIZES = [0, 1, 511, 512, 513, 30_000, 64_512, 65_024, 64_600, 65_025, 65_536, 200_000, 3];

describe('GzipTarWriter.addFile', () => {
  it('writes the bytes add() writes for the same files, and returns each content as packed', async () => {
    const files = SIZES.map((size, index) => ({
      path: index === 5 ? `files/${'long/'.repeat(30)}f.py` : index === 6 ? 'files/données/été.py' : `files/f${index}`,
      mode: index % 2 ? 0o755 : 0o644,
      content: patterned(size, index),
    }));
    const copied = new GzipTarWriter();
    for (const file of files) copied.add(file);
    const readIn = new GzipTarWriter();
    for (const file of files) {
      const returned = readIn.addFile({ path: file.path, mode: file.mode }, file.content.length, (target) => {
        file.content.copy(target);
        return file.content.length;
      });
      expect(Buffer.from(returned).equals(file.content)).toBe(true);
    }
    const [expected, actual] = await Promise.all([copied.finish(), readIn.finish()]);
    expect(gunzipSync(actual).equals(gunzipSync(expected))).toBe(true);
    expect(await members(actual)).toEqual(files);
  });

  it('records the bytes read when a file shrank after its size was taken', async () => {
    const writer = new GzipTarWriter();
    const returned = writer.addFile({ path: 'files/shrunk.py', mode: 0o644 }, 1_000, (target) => {
      expect(target.length).toBe(1_000);
      return patterned(700, 1).copy(target);
    });
    writer.add({ path: 'files/next.py', mode: 0o644, content: Buffer.from('next\n') });
    expect(returned.length).toBe(700);
    expect(await members(await writer.finish())).toEqual([
      { path: 'files/shrunk.py', mode: 0o644, content: patterned(700, 1) },
      { path: 'files/next.py', mode: 0o644, content: Buffer.from('next\n') },
    ]);
  });
});

describe('GzipTarWriter.addPieces', () => {
  it('writes the bytes add() writes, whatever the pieces', async () => {
    const content = patterned(300_001, 7);
    const whole = new GzipTarWriter();
    whole.add({ path: 'files/data.bin', mode: 0o600, content });
    whole.add({ path: 'files/next.py', mode: 0o644, content: Buffer.from('next\n') });
    const pieces = new GzipTarWriter();
    let offset = 0;
    await pieces.addPieces({ path: 'files/data.bin', mode: 0o600 }, content.length, (max) => {
      // Uneven pieces, and never more than asked for.
      const piece = content.subarray(offset, offset + Math.min(max, 7_001 + (offset % 3)));
      offset += piece.length;
      return piece;
    });
    pieces.add({ path: 'files/next.py', mode: 0o644, content: Buffer.from('next\n') });
    const [expected, actual] = await Promise.all([whole.finish(), pieces.finish()]);
    expect(actual.equals(expected)).toBe(true);
  });
});
