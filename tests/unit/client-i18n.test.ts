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
  it('gives English exactly the keys of zh-CN, and singular forms of some of them', () => {
    // i18next picks `key_one` for a count of 1 in English; Chinese has no singular form.
    const singular = [...english.keys()].filter((key) => key.endsWith('_one'));
    for (const key of singular) expect(zh.has(key.slice(0, -4)), key).toBe(true);
    expect([...english.keys()].filter((key) => !key.endsWith('_one')).sort()).toEqual([...zh.keys()].sort());
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
      const one = english.get(`${key}_one`);
      // A singular may spell the number out ("One row"), so its placeholders are a subset.
      if (one !== undefined) {
        for (const name of placeholders(String(one)))
          expect(placeholders(String(value)), `${key}_one`).toContain(name);
      }
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
