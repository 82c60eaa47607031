// Telling GBK from UTF-8 in imported files, as Chinese survey data arrives in both.
import { describe, expect, it } from 'vitest';
import {
  decode,
  detectEncoding,
  detectTextEncoding,
  encodingOfCpg,
} from '../../server/src/imports/encoding.ts';

const gbk = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
// 地块编号 in GBK and in UTF-8.
const GBK_TEXT = gbk('b5d8bfe9b1e0bac5');
const UTF8_TEXT = new TextEncoder().encode('地块编号');

describe('encodings of imported files', () => {
  it('reads the code pages a .cpg names', () => {
    expect(encodingOfCpg('UTF-8')).toBe('utf-8');
    expect(encodingOfCpg('65001\n')).toBe('utf-8');
    expect(encodingOfCpg('CP936')).toBe('gbk');
    expect(encodingOfCpg('GB2312')).toBe('gbk');
    expect(encodingOfCpg('ANSI 936')).toBe('gbk');
    expect(encodingOfCpg('1252')).toBeNull();
  });

  it('tells GBK from UTF-8 by the bytes', () => {
    expect(detectEncoding([GBK_TEXT])).toBe('gbk');
    expect(detectEncoding([UTF8_TEXT])).toBe('utf-8');
    expect(decode(GBK_TEXT, 'gbk')).toBe('地块编号');
  });

  it('forgives a character cut at the end of a DBF field, as writers cut text at the field width', () => {
    expect(detectEncoding([UTF8_TEXT.subarray(0, 10)])).toBe('utf-8');
  });

  it('calls pure ASCII UTF-8, and a BOM says UTF-8 whatever follows', () => {
    expect(detectEncoding([new TextEncoder().encode('HA-ETDZ-0001')])).toBe('utf-8');
    expect(detectTextEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b]))).toEqual({
      encoding: 'utf-8',
      source: 'bom',
    });
    expect(detectTextEncoding(GBK_TEXT)).toEqual({ encoding: 'gbk', source: 'detected' });
  });
});
