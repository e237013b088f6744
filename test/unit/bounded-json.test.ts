import { describe, expect, it } from 'vitest';
import { jsonDepth, JsonDepthError, MAX_JSON_DEPTH, parseJson } from '../../src/bounded-json.js';

describe('parseJson (depth-bounded JSON of untrusted input)', () => {
  it('parses what JSON.parse parses, up to the limit', () => {
    const text = JSON.stringify({ a: [1, { b: 'x' }], c: null });
    expect(parseJson(text)).toEqual(JSON.parse(text));
    const deepest = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseJson(deepest)).not.toThrow();
  });

  it('refuses one level more with a SyntaxError naming the limit, without recursion, at any depth', () => {
    for (const n of [MAX_JSON_DEPTH + 1, 1_000_000]) {
      const text = `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
      expect(() => parseJson(text)).toThrow(JsonDepthError);
      expect(() => parseJson(text)).toThrow(SyntaxError);
      expect(() => parseJson(text)).toThrow(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth(JSON.stringify({ a: '[[[[{{{{\\"[[[[' }))).toBe(1);
    expect(parseJson(JSON.stringify(['['.repeat(10_000)]))).toEqual(['['.repeat(10_000)]);
  });

  it('still reports malformed JSON as JSON.parse does', () => {
    expect(() => parseJson('{"a":')).toThrow(SyntaxError);
  });
});
