/**
 * The streaming ZIP writer: archives yauzl reads and checks (CRC and sizes), with a streamed entry whose
 * sizes come after its data, with ZIP64 end records once there are 65,535 entries or more, and without
 * leaving temporary files behind when its reader stops early.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSpools } from '../../research/qdpx/fileSpool';
import { qdpxExport } from '../../research/qdpx/qdpxFormat';
import { MemorySpool } from '../../research/qdpx/spool';
import { ZipWriter } from '../../research/qdpx/zipWriter';
import { ExportProjection } from '../../research/projection';
import { openPseudonymiser } from '../../research/runExport';
import { MemoryPseudonymStore } from '../../storage/memoryPseudonymStore';
import { builtInTemplates } from '../../engine';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { storeExampleCase } from './exampleCase';
import { exportMeta } from './exportSupport';
import { entryNamesAndOne, unzip } from './zipReading';

const when = new Date('2026-03-01T12:34:56Z');
const scratch = mkdtempSync(path.join(tmpdir(), 'zip-writer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function collect(pieces: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
}

async function* textPieces(count: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < count; i += 1) yield await Promise.resolve(Buffer.from(`${i}`.padEnd(size, 'æ')));
}

describe('ZipWriter', () => {
  it('writes whole and streamed entries that unzip with their CRCs and sizes checked', async () => {
    const zip = new ZipWriter(new MemorySpool());
    const parts: Buffer[] = [];
    parts.push(...(await collect(zip.entry('sources/a.txt', Buffer.from('første tekst 🚀'), when))));
    parts.push(...(await collect(zip.entry('sources/empty.txt', Buffer.alloc(0), when))));
    parts.push(...(await collect(zip.streamedEntry('project.qde', textPieces(200, 5000), when))));
    parts.push(...(await collect(zip.finish())));
    const entries = await unzip(Buffer.concat(parts));
    expect([...entries.keys()]).toEqual(['sources/a.txt', 'sources/empty.txt', 'project.qde']);
    expect(entries.get('sources/a.txt')?.toString()).toBe('første tekst 🚀');
    expect(entries.get('sources/empty.txt')?.length).toBe(0);
    const streamed = Buffer.concat(await collect(textPieces(200, 5000) as AsyncIterable<Buffer>));
    expect(entries.get('project.qde')?.equals(streamed)).toBe(true);
  });

  it('stores small whole entries as they are and deflates larger ones, both read back checked', async () => {
    const zip = new ZipWriter(new MemorySpool());
    const small = Buffer.from('Deltaker 3 foreslår et lite pilotteam. '.repeat(40)); // under 2 KiB
    const large = Buffer.from('Kveldsvaktene er underbemannet. '.repeat(400)); // about 13 KB
    const smallPieces = await zip.entryPieces('sources/small.txt', small, when);
    const largePieces = await zip.entryPieces('sources/large.txt', large, when);
    const finish = await collect(zip.finish());
    // The method is the local header's field at offset 8: 0 stored, 8 deflated.
    expect(smallPieces[0]?.readUInt16LE(8)).toBe(0);
    expect(smallPieces[1]?.equals(small)).toBe(true);
    expect(largePieces[0]?.readUInt16LE(8)).toBe(8);
    expect(largePieces[1]?.length).toBeLessThan(large.length / 4);

    const entries = await unzip(Buffer.concat([...smallPieces, ...largePieces, ...finish]));
    expect(entries.get('sources/small.txt')?.equals(small)).toBe(true);
    expect(entries.get('sources/large.txt')?.equals(large)).toBe(true);
  });

  it('spools many small writes, text and bytes mixed, back in order (gathered into larger file writes)', async () => {
    const spool = await fileSpools(scratch)('batch');
    const expected: Buffer[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const piece = i % 3 === 0 ? Buffer.from([i & 0xff, 0x00, 0xff]) : `<Ref n="${i}" tekst="æøå 🚀"/>`;
      expected.push(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece));
      await spool.write(piece);
    }
    const read = Buffer.concat(await collect(spool.read()));
    await spool.dispose();
    expect(read.equals(Buffer.concat(expected))).toBe(true);
  });

  it('switches to ZIP64 end records at 65,535 entries', async () => {
    const zip = new ZipWriter(new MemorySpool());
    const parts: Buffer[] = [];
    const count = 65_600;
    for (let i = 0; i < count; i += 1) {
      for await (const piece of zip.entry(`s/${i}.txt`, Buffer.from(String(i)), when)) parts.push(piece);
    }
    parts.push(...(await collect(zip.finish())));
    const archive = Buffer.concat(parts);
    // The ZIP64 end-of-central-directory locator sits right before the classic end record.
    expect(archive.readUInt32LE(archive.length - 22 - 20)).toBe(0x07064b50);
    const { names, text } = await entryNamesAndOne(archive, 's/65599.txt');
    expect(names).toHaveLength(count);
    expect(text).toBe('65599');
  }, 60_000);
});

describe('qdpx writer', () => {
  it('removes its temporary files when its reader stops early', async () => {
    const log = new MemoryEventLog();
    const people = new MemoryPeopleDirectory();
    await storeExampleCase(log, people, 'case-a');
    const projection = new ExportProjection(
      exportMeta('qdpx'),
      [{ caseId: 'case-a', toSeq: (await log.readHead('case-a'))?.version ?? 0 }],
      {
        log,
        templates: builtInTemplates(),
        pseudonymiser: await openPseudonymiser(
          { people: new MemoryPeopleDirectory(), pseudonyms: new MemoryPseudonymStore() },
          'nb',
          'pseudonymised',
        ),
      },
    );
    const parent = mkdtempSync(path.join(scratch, 'spools-'));
    let pieces = 0;
    for await (const piece of qdpxExport(projection.items(), projection, { spools: fileSpools(parent) })) {
      expect(piece.length).toBeGreaterThan(0);
      pieces += 1;
      if (pieces === 5) {
        expect(readdirSync(parent).length).toBeGreaterThan(0);
        break;
      }
    }
    expect(existsSync(parent)).toBe(true);
    expect(readdirSync(parent)).toEqual([]);
  });
});
