import { describe, expect, it } from 'vitest';
import { decodeMentorAskRef, encodeMentorAskRef } from '../../adapters/slack/actionValue.js';
import { decodeSlackReply, encodeSlackReply, parsePostReference, postReference } from '../../adapters/slack/origin.js';

describe('where a mentor answer goes back to', () => {
  it('round-trips a thread and a DM', () => {
    const thread = { kind: 'thread', channel: 'C0GENERAL', threadTs: '1700000000.000100' } as const;
    const dm = { kind: 'dm', user: 'U0ASKER' } as const;
    expect(decodeSlackReply(encodeSlackReply(thread))).toEqual(thread);
    expect(decodeSlackReply(encodeSlackReply(dm))).toEqual(dm);
  });

  it("refuses what this adapter did not write: another platform's target, a bad row, an injected channel", () => {
    for (const bad of ['', 'null', '{"channelId":"123"}', '{"t":"C0X","ts":"not-a-ts"}', '{"dm":"<!channel>"}', '[1]'])
      expect(decodeSlackReply(bad), bad).toBeUndefined();
  });

  it('names a post by its channel and ts, and reads only such names back', () => {
    expect(parsePostReference(postReference('C0MENTORS', '1700000001.000100'))).toEqual({
      channel: 'C0MENTORS',
      ts: '1700000001.000100',
    });
    expect(parsePostReference('1234567890')).toBeUndefined();
    expect(parsePostReference('C0MENTORS/1.2/3')).toBeUndefined();
  });
});

describe('the Ask a mentor button value', () => {
  it('round-trips the question and the passages', () => {
    const ref = { question: 'how do we deploy?', passageIds: ['a#1', 'b#2'] };
    expect(decodeMentorAskRef(encodeMentorAskRef(ref, 2000))).toEqual(ref);
  });

  it('drops passages from the end before it shortens the question, and never exceeds the limit', () => {
    const ref = { question: 'q'.repeat(60), passageIds: ['p'.repeat(30), 'r'.repeat(30)] };
    const value = encodeMentorAskRef(ref, 110);
    expect(value.length).toBeLessThanOrEqual(110);
    expect(decodeMentorAskRef(value)).toEqual({ question: ref.question, passageIds: [ref.passageIds[0]] });
    const tight = encodeMentorAskRef(ref, 40);
    expect(tight.length).toBeLessThanOrEqual(40);
    expect(decodeMentorAskRef(tight)!.passageIds).toEqual([]);
  });

  it('is not mistaken for an answer button value, nor the reverse', () => {
    expect(decodeMentorAskRef('{"q":"x","o":0}')).toBeUndefined();
    expect(decodeMentorAskRef('{"m":"x","ps":[1]}')).toBeUndefined();
  });
});
