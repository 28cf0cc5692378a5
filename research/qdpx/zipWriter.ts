/**
 * A streaming ZIP writer whose memory does not grow with the number of entries.
 *
 * Why not yazl (installed, and fine for small archives): yazl keeps an object per entry until the end to
 * write the central directory, about 1.2–2.9 KB of heap each (measured: bench/exportMemory.ts), so a
 * 100,000-event export with ~90,000 sources held over 100 MB. Here each entry's central-directory record
 * is written as bytes to a spool (a temporary file in production) the moment the entry is done, and
 * copied to the output at the end.
 *
 * Whole entries (source texts) are written with the CRC and sizes in their local header: stored as they
 * are below 2 KiB, deflated whole above. A streamed entry (project.qde) is deflated as it is produced and
 * followed by a data descriptor (general-purpose flag bit 3). Names are UTF-8 (flag bit 11). ZIP64 end records are written
 * when there are 65,535 entries or more or the central directory starts beyond 4 GiB, and an entry that
 * starts beyond 4 GiB gets a ZIP64 extra field, as APPNOTE 6.3 section 4.5.3 describes; a single entry
 * larger than 4 GiB is refused.
 *
 * The writer is pull-based: `entry`, `streamedEntry` and `finish` are generators of output pieces, so the
 * caller's consumer sets the pace and nothing is produced ahead of it.
 */
import { once } from 'node:events';
import { promisify } from 'node:util';
import { crc32, createDeflateRaw, deflateRaw, deflateRawSync } from 'node:zlib';
import type { Spool } from './spool';

const deflate = promisify(deflateRaw);

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const UTF8_NAMES = 0x0800;
const SIZES_IN_DESCRIPTOR = 0x0008;
const STORED = 0;
const DEFLATE = 8;
/**
 * Whole entries smaller than this are stored uncompressed. Deflating a source text of a few hundred bytes
 * saves about a third of it but sets up a compressor each time (tens of microseconds, more than the rest
 * of the event's export); above this size the saving is worth it.
 */
const STORE_BELOW_BYTES = 2 * 1024;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;
const SYNC_DEFLATE_BYTES = 64 * 1024;

/** MS-DOS date and time of an instant (UTC fields, so the same export gives the same bytes anywhere). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

interface EntryFacts {
  name: Buffer;
  flags: number;
  method: typeof STORED | typeof DEFLATE;
  when: { time: number; date: number };
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  /** Bytes handed out so far: the offset of whatever comes next. */
  private written = 0;
  private entries = 0;

  /** `centralDirectory` receives one record per entry; it is read back by `finish`. */
  constructor(private readonly centralDirectory: Spool) {}

  /** A whole entry from bytes in memory (stored or compressed here, whole). */
  async *entry(name: string, data: Uint8Array, modified: Date): AsyncGenerator<Buffer> {
    for (const piece of await this.entryPieces(name, data, modified)) yield piece;
  }

  /**
   * The same as `entry`, as the pieces to hand out in order, for a caller that gathers its output into
   * larger pieces itself (the .qdpx writer: one generator step per source cost more than the source).
   */
  async entryPieces(name: string, data: Uint8Array, modified: Date): Promise<Buffer[]> {
    const stored = data.length < STORE_BELOW_BYTES;
    // Mid-sized texts are deflated on this thread (microseconds); a round trip to the thread pool would
    // cost more than the work. Larger ones go to the pool so the event loop stays free.
    const content = stored
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : data.length <= SYNC_DEFLATE_BYTES
        ? deflateRawSync(data)
        : await deflate(data);
    const facts: EntryFacts = {
      name: Buffer.from(name, 'utf8'),
      flags: UTF8_NAMES,
      method: stored ? STORED : DEFLATE,
      when: dosDateTime(modified),
      crc: crc32(data),
      compressedSize: content.length,
      size: data.length,
      offset: this.written,
    };
    checkSize(name, facts);
    const pieces = [this.out(localHeader(facts)), this.out(content)];
    await this.record(facts);
    return pieces;
  }

  /** An entry whose content arrives in pieces, deflated as it comes, sizes in a trailing descriptor. */
  async *streamedEntry(
    name: string,
    pieces: AsyncIterable<Uint8Array>,
    modified: Date,
  ): AsyncGenerator<Buffer> {
    const facts: EntryFacts = {
      name: Buffer.from(name, 'utf8'),
      flags: UTF8_NAMES | SIZES_IN_DESCRIPTOR,
      method: DEFLATE,
      when: dosDateTime(modified),
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.written,
    };
    yield this.out(localHeader(facts));
    const deflater = createDeflateRaw();
    // Input is fed while the compressed output is read, each side waiting for the other (backpressure
    // both ways); a failing input destroys the deflater so the reading side fails too instead of hanging.
    const feeding = (async () => {
      for await (const piece of pieces) {
        // The reader went away (the client disconnected): stop producing; leaving the loop ends `pieces`.
        if (deflater.destroyed) return;
        facts.crc = crc32(piece, facts.crc);
        facts.size += piece.length;
        if (!deflater.write(piece)) await drainedOrClosed(deflater);
      }
      if (!deflater.destroyed) deflater.end();
    })().catch((error: unknown) => {
      deflater.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    try {
      for await (const chunk of deflater as AsyncIterable<Buffer>) {
        facts.compressedSize += chunk.length;
        yield this.out(chunk);
      }
    } finally {
      deflater.destroy();
      await feeding;
    }
    checkSize(name, facts);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(facts.crc, 4);
    descriptor.writeUInt32LE(facts.compressedSize, 8);
    descriptor.writeUInt32LE(facts.size, 12);
    yield this.out(descriptor);
    await this.record(facts);
  }

  /** The central directory (from the spool) and the end records. */
  async *finish(): AsyncGenerator<Buffer> {
    const start = this.written;
    for await (const piece of this.centralDirectory.read()) yield this.out(piece);
    const size = this.written - start;
    const needsZip64 = this.entries >= MAX_16 || start >= MAX_32 || size >= MAX_32;
    if (needsZip64) {
      const zip64EndOffset = this.written;
      const end64 = Buffer.alloc(56);
      end64.writeUInt32LE(ZIP64_END, 0);
      end64.writeBigUInt64LE(44n, 4);
      end64.writeUInt16LE(45, 12);
      end64.writeUInt16LE(45, 14);
      end64.writeUInt32LE(0, 16);
      end64.writeUInt32LE(0, 20);
      end64.writeBigUInt64LE(BigInt(this.entries), 24);
      end64.writeBigUInt64LE(BigInt(this.entries), 32);
      end64.writeBigUInt64LE(BigInt(size), 40);
      end64.writeBigUInt64LE(BigInt(start), 48);
      yield this.out(end64);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(ZIP64_LOCATOR, 0);
      locator.writeUInt32LE(0, 4);
      locator.writeBigUInt64LE(BigInt(zip64EndOffset), 8);
      locator.writeUInt32LE(1, 16);
      yield this.out(locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(Math.min(this.entries, MAX_16), 8);
    end.writeUInt16LE(Math.min(this.entries, MAX_16), 10);
    end.writeUInt32LE(Math.min(size, MAX_32), 12);
    end.writeUInt32LE(Math.min(start, MAX_32), 16);
    yield this.out(end);
  }

  private out(piece: Buffer): Buffer {
    this.written += piece.length;
    return piece;
  }

  private async record(facts: EntryFacts): Promise<void> {
    this.entries += 1;
    await this.centralDirectory.write(centralRecord(facts));
  }
}

/** Waits until a stream wants more, or is closed; the listener left waiting is removed either way. */
async function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  const controller = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: controller.signal }),
      once(stream, 'close', { signal: controller.signal }),
    ]);
  } finally {
    controller.abort();
  }
}

function checkSize(name: string, facts: EntryFacts): void {
  if (facts.size >= MAX_32 || facts.compressedSize >= MAX_32) {
    throw new Error(`ZIP entry ${name} is larger than 4 GiB, which this writer does not support`);
  }
}

function localHeader(facts: EntryFacts): Buffer {
  const streamed = (facts.flags & SIZES_IN_DESCRIPTOR) !== 0;
  const header = Buffer.alloc(30 + facts.name.length);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(facts.flags, 6);
  header.writeUInt16LE(facts.method, 8);
  header.writeUInt16LE(facts.when.time, 10);
  header.writeUInt16LE(facts.when.date, 12);
  header.writeUInt32LE(streamed ? 0 : facts.crc, 14);
  header.writeUInt32LE(streamed ? 0 : facts.compressedSize, 18);
  header.writeUInt32LE(streamed ? 0 : facts.size, 22);
  header.writeUInt16LE(facts.name.length, 26);
  header.writeUInt16LE(0, 28);
  facts.name.copy(header, 30);
  return header;
}

function centralRecord(facts: EntryFacts): Buffer {
  const zip64 = facts.offset >= MAX_32;
  const extra = zip64 ? 12 : 0;
  const record = Buffer.alloc(46 + facts.name.length + extra);
  record.writeUInt32LE(CENTRAL_HEADER, 0);
  record.writeUInt16LE(zip64 ? 45 : 20, 4);
  record.writeUInt16LE(zip64 ? 45 : 20, 6);
  record.writeUInt16LE(facts.flags, 8);
  record.writeUInt16LE(facts.method, 10);
  record.writeUInt16LE(facts.when.time, 12);
  record.writeUInt16LE(facts.when.date, 14);
  record.writeUInt32LE(facts.crc, 16);
  record.writeUInt32LE(facts.compressedSize, 20);
  record.writeUInt32LE(facts.size, 24);
  record.writeUInt16LE(facts.name.length, 28);
  record.writeUInt16LE(extra, 30);
  record.writeUInt16LE(0, 32);
  record.writeUInt16LE(0, 34);
  record.writeUInt16LE(0, 36);
  record.writeUInt32LE(0, 38);
  record.writeUInt32LE(zip64 ? MAX_32 : facts.offset, 42);
  facts.name.copy(record, 46);
  if (zip64) {
    const at = 46 + facts.name.length;
    record.writeUInt16LE(0x0001, at);
    record.writeUInt16LE(8, at + 2);
    record.writeBigUInt64LE(BigInt(facts.offset), at + 4);
  }
  return record;
}
