import { describe, expect, it } from 'vitest';
import { decodeAnswerRef, encodeAnswerRef } from '../../adapters/slack/actionValue.js';

describe('button values', () => {
  it('round-trips a reference', () => {
    const ref = { question: 'what is "CI/CD"? \\o/', offset: 3, passageId: 'doc#4' };
    expect(decodeAnswerRef(encodeAnswerRef(ref, 2000))).toEqual(ref);
  });

  it('shortens the question by whole characters when escaping would overflow the limit', () => {
    const ref = { question: `${'\u0001'.repeat(300)}😀${'x'.repeat(100)}`, offset: 0 };
    const value = encodeAnswerRef(ref, 200);
    expect(value.length).toBeLessThanOrEqual(200);
    const back = decodeAnswerRef(value)!;
    expect(ref.question.startsWith(back.question)).toBe(true);
    expect(back.question).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('rejects values it did not write', () => {
    for (const value of [
      undefined,
      '',
      'nope',
      '{"q":1,"o":0}',
      '{"q":"a","o":-1}',
      '{"q":"a","o":1.5}',
      '{"q":"a","o":0,"p":2}',
      'null',
    ]) {
      expect(decodeAnswerRef(value)).toBeUndefined();
    }
  });
});
