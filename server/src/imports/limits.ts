// What an import may hold, so a hostile or mistaken file is refused before it can exhaust memory.

export interface ImportLimits {
  /** Bytes of the uploaded file (IMPORT_MAX_MB). */
  uploadBytes: number;
  /** Bytes all entries of a zip may inflate to together. */
  unzippedBytes: number;
  /** Entries a zip may list (a Shapefile with its side files needs fewer than ten). */
  zipEntries: number;
  /** Features (rows) one file may hold. */
  features: number;
  /** Vertices of one feature's outline. */
  verticesPerFeature: number;
  /** Vertices of all features together. */
  vertices: number;
}

export function importLimits(uploadBytes: number): ImportLimits {
  return {
    uploadBytes,
    // A Shapefile zips to about a third of its size; ten times the upload leaves room and no more.
    unzippedBytes: Math.min(uploadBytes * 10, 1024 * 1024 * 1024),
    zipEntries: 64,
    features: 500_000,
    verticesPerFeature: 100_000,
    vertices: 5_000_000,
  };
}

/** A file refused as a whole: too large, hostile or unreadable. Answered with 400 (413 for size) and this message. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 413 | 415 = 400,
  ) {
    super(message);
  }
}

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
