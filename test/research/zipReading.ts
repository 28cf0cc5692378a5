/** Reading a ZIP (a .qdpx) into memory with yauzl, for tests. */
import yauzl from 'yauzl';

export async function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      data,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true },
      (error, file) => (error ? reject(error) : resolve(file)),
    ),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return entries;
}

/** The names of all entries (from the central directory, contents not read) and the text of one. */
export async function entryNamesAndOne(
  data: Buffer,
  wanted: string,
): Promise<{ names: string[]; text: string | undefined }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, strictFileNames: true }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  const names: string[] = [];
  let text: string | undefined;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      if (entry.fileName !== wanted) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          text = Buffer.concat(chunks).toString('utf8');
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return { names, text };
}

/** The attributes of an XML start tag, entities decoded (enough for the XML the exporter writes). */
export function attributesOf(tag: string): Record<string, string> {
  const decode = (value: string) =>
    value
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#10;/g, '\n')
      .replace(/&#13;/g, '\r')
      .replace(/&#9;/g, '\t')
      .replace(/&amp;/g, '&');
  return Object.fromEntries(
    [...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', decode(m[2] ?? '')]),
  );
}

/** Each element `name` with its attributes and inner XML (non-nested elements of that name). */
export function elements(xml: string, name: string): { attributes: Record<string, string>; inner: string }[] {
  const pattern = new RegExp(`<${name}((?:\\s[^>]*?)?)(?:/>|>([\\s\\S]*?)</${name}>)`, 'g');
  return [...xml.matchAll(pattern)].map((m) => ({ attributes: attributesOf(m[1] ?? ''), inner: m[2] ?? '' }));
}

/** Slices text by Unicode code points, as REFI-QDA positions count. */
export function codePointSlice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}
