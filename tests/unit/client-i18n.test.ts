// The message catalogues: English has exactly the zh-CN keys, and no message is empty.
import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const zh = leaves(zhCN);
const english = leaves(en);

describe('message catalogues', () => {
  it('gives English exactly the keys of zh-CN', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('has a non-empty string for every message in both languages', () => {
    for (const [name, catalogue] of [
      ['zh-CN', zh],
      ['en', english],
    ] as const) {
      for (const [key, value] of catalogue) {
        expect(typeof value, `${name} ${key}`).toBe('string');
        expect(String(value).trim(), `${name} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same interpolation placeholders in both languages', () => {
    for (const [key, value] of zh) {
      expect(placeholders(String(english.get(key))), key).toEqual(placeholders(String(value)));
    }
  });

  it('labels every plot status in both languages', () => {
    const statuses = [
      'in_use',
      'low_efficiency',
      'idle',
      'revitalizing',
      'available',
      'reserved',
      'supplied',
      'occupied',
    ];
    for (const status of statuses) {
      expect(zh.get(`status.${status}`), status).toBeTruthy();
      expect(english.get(`status.${status}`), status).toBeTruthy();
    }
    expect(zhCN.status.occupied).toBe('已使用');
    expect(en.status.low_efficiency).toBe('Low-efficiency');
  });
});
