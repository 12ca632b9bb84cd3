import { describe, expect, it } from 'vitest';
import { formatQuantity, parseDecimal, parseIsoDate, parseNumberText, parseQuantity } from '../../src/io/quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['7e9', 7e9],
    ['7000000000', 7e9],
    ['7B', 7e9],
    ['7b', 7e9],
    ['300M', 3e8],
    ['1.4T', 1.4e12],
    ['125k', 125e3],
    [' 2.5B ', 2.5e9],
    ['0.5', 0.5],
  ])('reads %s as %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 6);
  });

  it.each(['', 'B', '7 billion', '7BB', 'NaN', 'Infinity', '0x10', '1,000', '7G'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('parseDecimal', () => {
  it('reads the 0/1 cells of per-item files and ordinary decimals', () => {
    expect(parseDecimal('0')).toBe(0);
    expect(parseDecimal('1.0')).toBe(1);
    expect(parseDecimal('0.695224')).toBe(0.695224);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('1e-3')).toBe(0.001);
  });
  it('rejects what Number() would silently accept', () => {
    for (const t of ['', ' ', '0x1', '1e', 'nan', 'Infinity', '--1', '1.2.3', '1_000']) expect(parseDecimal(t)).toBeUndefined();
  });
});

describe('formatQuantity', () => {
  it('writes sizes as model cards do', () => {
    expect(formatQuantity(6.9e9)).toBe('6.9B');
    expect(formatQuantity(1.4e12)).toBe('1.4T');
    expect(formatQuantity(122e6)).toBe('122M');
    expect(formatQuantity(undefined)).toBe('');
  });

  it('carries rounding into the next unit instead of writing 1000M, 1000K or 1000T', () => {
    expect(formatQuantity(999.9e6)).toBe('1B');
    expect(formatQuantity(999.95e3)).toBe('1M');
    expect(formatQuantity(999.7)).toBe('1K');
    expect(formatQuantity(999.9e12)).toBe('1e15');
    expect(formatQuantity(999.4e6)).toBe('999M');
    expect(formatQuantity(1.6e18)).toBe('1.6e18');
  });
});

describe('parseNumberText', () => {
  it('tells numbers too large for a double (Infinity) from text that is no number (undefined)', () => {
    expect(parseNumberText('1e400', false)).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberText('-1e400', false)).toBe(Number.NEGATIVE_INFINITY);
    expect(parseNumberText('1e300T', true)).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberText('1e300T', false)).toBeUndefined();
    expect(parseNumberText('7B', true)).toBe(7e9);
    expect(parseNumberText('0x10', true)).toBeUndefined();
    expect(parseQuantity('1e400')).toBeUndefined();
  });
});

describe('parseIsoDate', () => {
  it('accepts real calendar days only', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2023-13-01')).toBeUndefined();
    expect(parseIsoDate('2023-1-01')).toBeUndefined();
    expect(parseIsoDate('01/02/2023')).toBeUndefined();
  });
});
