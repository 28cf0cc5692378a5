/**
 * Spools in temporary files (the operating system's temp folder; in Azure Functions the instance's local
 * disk). Writes honour the file stream's backpressure and reading streams the file back in 64 KiB
 * pieces, so memory stays flat however much is spooled. Each spool lives in a folder of its own, removed
 * by `dispose` (the .qdpx writer disposes every spool when it finishes or is abandoned).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Spool, SpoolFactory } from './spool';

/** Bytes (about) gathered before a write to the file. */
const BATCH_BYTES = 64 * 1024;

class FileSpool implements Spool {
  private readonly file: string;
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private ended: Promise<void> | undefined;

  constructor(private readonly directory: string) {
    this.file = path.join(directory, 'spool.bin');
    this.stream = createWriteStream(this.file);
    // Kept, not thrown: a disk error surfaces on the next write or read, never as an uncaught exception.
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Writes not yet handed to the file stream, and their size (UTF-16 units for text: near enough). */
  private pending: (string | Buffer)[] = [];
  private pendingSize = 0;

  async write(data: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    // Gathered into pieces of about BATCH_BYTES: the .qdpx writer spools a few small records per event,
    // and a file-stream write each was a fifth of its work. Bytes are copied, as a stream would own them.
    this.pending.push(typeof data === 'string' ? data : Buffer.from(data));
    this.pendingSize += data.length;
    if (this.pendingSize >= BATCH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const parts = this.pending;
    this.pending = [];
    this.pendingSize = 0;
    const piece = parts.every((part) => typeof part === 'string')
      ? parts.join('')
      : Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
    if (!this.stream.write(piece)) await once(this.stream, 'drain');
  }

  async *read(): AsyncIterable<Buffer> {
    await this.flush();
    await this.end();
    if (this.failure) throw this.failure;
    for await (const chunk of createReadStream(this.file, { highWaterMark: 64 * 1024 })) {
      yield chunk as Buffer;
    }
  }

  /**
   * Ends the file (letting writes still in flight finish: destroying the stream under them would make
   * them fail after the fact) and removes the folder.
   */
  async dispose(): Promise<void> {
    this.pending = [];
    await this.end().catch(() => undefined);
    await rm(this.directory, { recursive: true, force: true });
  }

  private end(): Promise<void> {
    this.ended ??= this.stream.closed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          this.stream.once('close', () => resolve());
          this.stream.end();
        });
    return this.ended;
  }
}

/** Spools in fresh temporary folders under `parent` (the OS temp folder by default). */
export function fileSpools(parent: string = tmpdir()): SpoolFactory {
  return async (name) => new FileSpool(await mkdtemp(path.join(parent, `qdpx-${name}-`)));
}
