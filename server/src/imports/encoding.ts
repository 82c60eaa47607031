// Text encodings of imported files: a .cpg or a DBF's language byte when there is one, otherwise
// UTF-8 versus GBK told apart from the bytes themselves (Chinese survey data is usually GBK).

export const ENCODINGS = ['utf-8', 'gbk'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export type EncodingSource = 'cpg' | 'dbf_language' | 'bom' | 'detected' | 'chosen';

export interface EncodingDetection {
  encoding: Encoding;
  source: EncodingSource;
  /** What the file said, when it said something (a .cpg's text), for the preview. */
  declared?: string;
}

/** The decoder label for an encoding; GB18030 decodes everything GBK and GB2312 hold. */
export function decoderLabel(encoding: Encoding): string {
  return encoding === 'gbk' ? 'gb18030' : 'utf-8';
}

export function decode(bytes: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(decoderLabel(encoding)).decode(bytes);
}

/** A .cpg's code page as one of ours, or null when it names something else. */
export function encodingOfCpg(text: string): Encoding | null {
  const label = text
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (['UTF8', '65001', 'UNICODE'].includes(label)) return 'utf-8';
  if (
    ['GBK', 'CP936', '936', 'ANSI936', 'GB2312', 'GB18030', '54936', 'MS936', 'WINDOWS936'].includes(label)
  ) {
    return 'gbk';
  }
  return null;
}

/** The DBF header's language driver byte: 0x4D and 0x7A are code page 936 (GBK). */
export function encodingOfDbfLanguage(languageDriver: number): Encoding | null {
  return languageDriver === 0x4d || languageDriver === 0x7a ? 'gbk' : null;
}

/**
 * UTF-8 when every value decodes strictly as UTF-8, GBK when they decode as GB18030 instead. Pure
 * ASCII says nothing and is read as UTF-8.
 */
export function detectEncoding(values: readonly Uint8Array[]): Encoding {
  // Streaming decoders forgive a character cut off at the end of a value, as DBF writers cut text
  // at the field's width; a fresh decoder per value keeps one value's cut from the next.
  const fails = (label: string, value: Uint8Array) => {
    try {
      new TextDecoder(label, { fatal: true }).decode(value, { stream: true });
      return 0;
    } catch {
      return 1;
    }
  };
  let utf8Failures = 0;
  let gbkFailures = 0;
  for (const value of values) {
    if (value.every((byte) => byte < 0x80)) continue;
    utf8Failures += fails('utf-8', value);
    gbkFailures += fails('gb18030', value);
  }
  return utf8Failures === 0 || utf8Failures <= gbkFailures ? 'utf-8' : 'gbk';
}

/** Text from a whole file (GeoJSON, CSV): a BOM or valid UTF-8 is UTF-8; otherwise GBK. */
export function detectTextEncoding(bytes: Uint8Array): EncodingDetection {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', source: 'bom' };
  return { encoding: detectEncoding([bytes]), source: 'detected' };
}

/** Decodes text, dropping a UTF-8 byte-order mark. */
export function decodeText(bytes: Uint8Array, encoding: Encoding): string {
  const text = decode(bytes, encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
