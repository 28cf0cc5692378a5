/**
 * A spool: bytes written now, read back once later, in order. The .qdpx writer needs spools because the
 * REFI-QDA schema fixes the order of `project.qde` (Users, CodeBook, Variables, Cases, Sources, Notes,
 * Links) while the facts for the early parts (who took part, what each case reached) are only known once
 * every event has been read, and because a ZIP lists all its entries again at its end. Parts are spooled
 * as they are produced and joined at the end, so memory holds no more than a write buffer, whatever the
 * size of the export.
 */
export interface Spool {
  /** Appends text (as UTF-8) or bytes; resolves when the spool can take more (backpressure). */
  write(data: string | Uint8Array): Promise<void>;
  /** Everything written, in order. Call once, after the last write. */
  read(): AsyncIterable<Buffer>;
  /** Frees what the spool holds (a temporary file). Safe to call more than once. */
  dispose(): Promise<void>;
}

export type SpoolFactory = (name: string) => Promise<Spool>;

/** A spool in memory: for tests and small exports; it holds everything written. */
export class MemorySpool implements Spool {
  private parts: Buffer[] = [];

  write(data: string | Uint8Array): Promise<void> {
    this.parts.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));
    return Promise.resolve();
  }

  async *read(): AsyncIterable<Buffer> {
    for (const part of this.parts) yield await Promise.resolve(part);
  }

  dispose(): Promise<void> {
    this.parts = [];
    return Promise.resolve();
  }
}

export const memorySpools: SpoolFactory = () => Promise.resolve(new MemorySpool());
