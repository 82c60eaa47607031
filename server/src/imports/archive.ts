// Reads a zip into memory without trusting it: entry count, names, nesting and inflated size are
// checked before and while inflating, and nothing is ever written to disk.
import yauzl from 'yauzl';
import { ImportFileError, type ImportLimits, megabytes } from './limits.ts';

export interface ZipEntry {
  /** Path inside the zip, forward slashes. */
  name: string;
  content: Buffer;
}

const ARCHIVE_EXTENSIONS = /\.(zip|7z|rar|tar|gz|tgz|bz2|xz|zst|jar|kmz)$/i;
// Finder and Windows add these; they are never part of a dataset.
const IGNORED = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

function entryError(message: string): ImportFileError {
  // yauzl counts what an entry inflates to against what it declared.
  if (/too many bytes in the stream/.test(message)) {
    return new ImportFileError(
      'an entry of the zip inflates to more than it declares (a zip bomb); the zip is refused',
    );
  }
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(message)) {
    const name = message.replace(/^[^:]*:\s*/, '');
    return new ImportFileError(
      `the zip holds an entry named "${name}": names that are absolute or climb out with .. are refused; zip the files themselves`,
    );
  }
  return new ImportFileError(
    `the zip cannot be read (${message}); zip the files again and upload the new zip`,
  );
}

/** Every entry of the zip `buffer`, inflated, or a clear refusal. */
export async function readZip(buffer: Buffer, limits: ImportLimits): Promise<ZipEntry[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    throw entryError((error as Error).message);
  }
  if (zip.entryCount > limits.zipEntries) {
    zip.close();
    throw new ImportFileError(
      `the zip lists ${zip.entryCount} entries; at most ${limits.zipEntries} are accepted (a Shapefile needs its .shp, .shx, .dbf, .prj and .cpg)`,
    );
  }
  const entries: ZipEntry[] = [];
  let inflated = 0;
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === null) break;
      if (entry.fileName.endsWith('/') || IGNORED.test(entry.fileName)) continue;
      if (ARCHIVE_EXTENSIONS.test(entry.fileName)) {
        throw new ImportFileError(
          `the zip holds another archive ("${entry.fileName}"); nested archives are refused: upload the inner files zipped once`,
        );
      }
      if (entry.isEncrypted()) {
        throw new ImportFileError(
          `"${entry.fileName}" in the zip is encrypted; upload it without a password`,
        );
      }
      // Unix symlinks keep their type in the high bits of the external attributes.
      if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) {
        throw new ImportFileError(`"${entry.fileName}" in the zip is a symbolic link; links are refused`);
      }
      // The declared size is checked first for a quick answer; the inflated bytes are counted too,
      // because a declared size can lie.
      if (inflated + entry.uncompressedSize > limits.unzippedBytes) {
        throw tooLarge(limits);
      }
      const content = await inflate(zip, entry, limits.unzippedBytes - inflated, limits);
      inflated += content.length;
      entries.push({ name: entry.fileName, content });
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw entryError((error as Error).message);
  } finally {
    zip.close();
  }
  return entries;
}

function tooLarge(limits: ImportLimits): ImportFileError {
  return new ImportFileError(
    `the zip inflates to more than ${megabytes(limits.unzippedBytes)}; split the data into several files`,
    413,
  );
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

async function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number, limits: ImportLimits) {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > budget) {
      stream.destroy();
      throw tooLarge(limits);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
