/**
 * An in-memory gzip-compressed tar writer. Tar blocks are written into fixed-size batches (a file on
 * disk is read straight into one, see addFile) and each full batch goes to zlib's gzip stream, which
 * compresses it on the libuv thread pool while the caller reads and hashes the next files; `tar czf`
 * gets the same overlap from running tar and gzip as two processes.
 *
 * node-tar's `Pack` stream is not used because its per-entry stream machinery dominated packaging
 * time (about 0.4 ms per file). The bytes depend only on what is added, in which order: batch
 * boundaries follow from the entry sizes, and deflate output does not depend on how its input is split.
 */
import { once } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import { BLOCK_SIZE as BLOCK, encodeTarHeader, type TarHeaderFields } from './tar-header';

// Small enough that compression starts early and keeps pace, large enough that the per-write cost
// of the stream and the thread pool stays negligible.
const BATCH_SIZE = 64 * 1024;
/**
 * How far reading may run ahead of gzip. Source code compresses faster than it is read, so this is rarely
 * reached; data that barely compresses is slower to compress, and without a bound the whole workspace would
 * wait in memory, and a size limit would be seen only at the end.
 */
const MAX_AHEAD = 16 * BATCH_SIZE;

/** `size` rounded up to whole tar blocks. */
const padded = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;

export interface TarEntry extends Omit<TarHeaderFields, 'size'> {
  /** File content; ignored for symlinks. */
  content: Buffer;
}

/** The compressed archive passed the writer's `maxCompressedBytes`; what was added is dropped. */
export class CompressedSizeLimitPassed extends Error {
  constructor(readonly limitBytes: number) {
    super(`The compressed archive passed ${limitBytes} bytes.`);
    this.name = 'CompressedSizeLimitPassed';
  }
}

export class GzipTarWriter {
  private readonly gzip = createGzip();
  private readonly compressed: Buffer[] = [];
  /** Compressed bytes gzip has given back so far. */
  private compressedBytes = 0;
  private readonly ended: Promise<void>;
  // Plain Uint8Arrays: their set() and fill() are the typed array's own, while Buffer's copy() and fill()
  // check their arguments in JavaScript, which cost more than the copying for small entries until the
  // JIT has warmed up.
  private batch: Uint8Array = new Uint8Array(BATCH_SIZE);
  private used = 0;
  private handedOver = false;
  /** Batches gzip has finished with, reused so that a build touches little fresh memory. */
  private readonly freeBatches: Uint8Array[] = [];
  private readonly header = Buffer.alloc(BLOCK);

  /**
   * Past `maxCompressedBytes` of compressed output the writer stops (see limitPassed): the rest would be read
   * and held in memory for an archive that is too large anyway.
   */
  constructor(private readonly maxCompressedBytes = Infinity) {
    this.gzip.on('data', (chunk: Buffer) => {
      this.compressedBytes += chunk.length;
      if (this.compressedBytes <= maxCompressedBytes) this.compressed.push(chunk);
      else if (!this.gzip.destroyed) {
        this.compressed.length = 0;
        this.gzip.destroy(new CompressedSizeLimitPassed(maxCompressedBytes));
      }
    });
    this.ended = new Promise((resolve, reject) => {
      this.gzip.on('end', resolve);
      this.gzip.on('error', reject);
    });
    // Observed by finish(); until then a failure must not count as an unhandled rejection.
    this.ended.catch(() => undefined);
  }

  add({ path, content, mode, linkname }: TarEntry): void {
    const size = linkname === undefined ? content.length : 0;
    this.appendHeader({ path, mode, size, linkname });
    if (size > 0) {
      this.append(content);
      this.appendZeros(padded(size) - size);
    }
  }

  /**
   * Adds a file of `size` bytes whose content `fill` reads straight into the archive's batch, and returns
   * that content (to hash it): a view into the batch, valid only until the next call that adds. `fill`
   * returns how many bytes it wrote, fewer when the file shrank since its size was taken; the header
   * records that count. A file too big for one batch is read into a buffer of its own, and one whose
   * path needs a pax header is copied out of the batch; both are then added as add() adds them.
   */
  addFile(
    { path, mode }: Omit<TarHeaderFields, 'size' | 'linkname'>,
    size: number,
    fill: (target: Uint8Array) => number,
  ): Uint8Array {
    const space = BLOCK + padded(size);
    if (space > BATCH_SIZE) {
      const own = Buffer.allocUnsafe(size);
      const content = own.subarray(0, fill(own));
      this.add({ path, mode, content });
      return content;
    }
    // Deflate output does not depend on where its input is split, so an early flush changes no byte.
    if (space > BATCH_SIZE - this.used) this.flush();
    const batch = this.batch; // appendZeros may hand it to gzip, which only reads it
    const contentAt = this.used + BLOCK;
    const content = batch.subarray(contentAt, contentAt + fill(batch.subarray(contentAt, contentAt + size)));
    if (encodeTarHeader(this.header, { path, mode, size: content.length })) {
      // A pax header (long or non-ASCII path) goes first: add a copy of the content after it.
      const copy = Buffer.from(content);
      this.add({ path, mode, content: copy });
      return copy;
    }
    batch.set(this.header, this.used);
    this.used = contentAt + content.length;
    this.appendZeros(padded(content.length) - content.length);
    return content;
  }

  /**
   * Adds a file of `size` bytes that arrives in pieces: `nextPiece(max)` returns the next 1 to `max` bytes,
   * which are copied into the batches before the next call, and gzip catches up between pieces. Memory
   * stays bounded whatever the size, where addFile holds the whole file.
   */
  async addPieces(
    { path, mode }: Omit<TarHeaderFields, 'size' | 'linkname'>,
    size: number,
    nextPiece: (max: number) => Uint8Array,
  ): Promise<void> {
    this.appendHeader({ path, mode, size });
    for (let left = size; left > 0;) {
      // Once destroyed, gzip emits neither 'drain' nor 'error' again.
      this.throwIfLimitPassed();
      const piece = nextPiece(left);
      this.append(piece);
      left -= piece.length;
      // 'drain' comes once gzip has taken every batch handed over (and 'error' rejects instead).
      if (this.gzip.writableNeedDrain) await once(this.gzip, 'drain');
    }
    this.appendZeros(padded(size) - size);
  }

  /**
   * Lets the event loop run once when a batch went to gzip since the last call: gzip's completion
   * callback then passes the next batch to the thread pool while the caller reads on. Without these
   * turns the batches would wait for finish(), and compression would not overlap reading. (Waiting
   * for 'drain' instead would wait for the batch being compressed, and so would not overlap either;
   * it is waited for only when more than MAX_AHEAD bytes are queued.)
   */
  async yieldToCompressor(): Promise<void> {
    if (!this.handedOver || this.limitPassed) return;
    this.handedOver = false;
    // 'drain' comes once gzip has taken every batch handed over (and 'error' rejects instead).
    if (this.gzip.writableLength > MAX_AHEAD) await once(this.gzip, 'drain');
    else await setImmediate();
  }

  /**
   * Fails with CompressedSizeLimitPassed once the compressed output passed `maxCompressedBytes`. The caller
   * checks between entries; within an entry added in pieces, and in finish(), the writer fails by itself.
   */
  throwIfLimitPassed(): void {
    if (this.limitPassed) throw new CompressedSizeLimitPassed(this.maxCompressedBytes);
  }

  private get limitPassed(): boolean {
    return this.compressedBytes > this.maxCompressedBytes;
  }

  /** Ends the archive (two zero blocks) and returns the whole gzip file once compressed. */
  async finish(): Promise<Buffer> {
    this.appendZeros(BLOCK * 2);
    this.flush();
    this.gzip.end();
    await this.ended;
    return Buffer.concat(this.compressed);
  }

  /** Drops the archive (the caller failed part way); queued batches are not compressed. */
  abort(): void {
    this.gzip.destroy();
  }

  /** The entry's header block, after the pax extended header it needs, if any. */
  private appendHeader(fields: TarHeaderFields): void {
    const pax = encodeTarHeader(this.header, fields);
    if (pax) this.append(pax);
    this.append(this.header);
  }

  private append(bytes: Uint8Array): void {
    let copied = 0;
    while (copied < bytes.length) {
      const count = Math.min(bytes.length - copied, BATCH_SIZE - this.used);
      const part = count === bytes.length ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset + copied, count);
      this.batch.set(part, this.used);
      copied += count;
      this.used += count;
      if (this.used === BATCH_SIZE) this.flush();
    }
  }

  private appendZeros(count: number): void {
    let left = count;
    while (left > 0) {
      const end = Math.min(BATCH_SIZE, this.used + left);
      this.batch.fill(0, this.used, end);
      left -= end - this.used;
      this.used = end;
      if (this.used === BATCH_SIZE) this.flush();
    }
  }

  /** Hands the filled part of the batch to gzip, which gives it back for reuse once compressed. */
  private flush(): void {
    if (this.used === 0) return;
    const full = this.batch;
    this.gzip.write(full.subarray(0, this.used), () => this.freeBatches.push(full));
    this.handedOver = true;
    this.batch = this.freeBatches.pop() ?? new Uint8Array(BATCH_SIZE);
    this.used = 0;
  }
}
