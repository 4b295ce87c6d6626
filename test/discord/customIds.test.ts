import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, decodeAction, encodeAction } from '../../adapters/discord/customIds.js';

describe('button custom_ids', () => {
  it('round-trip every action, including passage ids that contain colons', () => {
    for (const action of [
      { kind: 'share', offset: 0 },
      { kind: 'more', offset: 6 },
      { kind: 'vote', helpful: true, passageId: 'guide#3' },
      { kind: 'vote', helpful: false, passageId: 'odd:name#12' },
    ] as const) {
      expect(decodeAction(encodeAction(action)!)).toEqual(action);
    }
  });

  it(`allow exactly CUSTOM_ID_MAX (${CUSTOM_ID_MAX}) characters and refuse one more`, () => {
    const room = CUSTOM_ID_MAX - 'backend:vote:up:'.length;
    expect(encodeAction({ kind: 'vote', helpful: true, passageId: 'p'.repeat(room) })).toHaveLength(CUSTOM_ID_MAX);
    expect(encodeAction({ kind: 'vote', helpful: true, passageId: 'p'.repeat(room + 1) })).toBeUndefined();
  });

  it("ignore ids that are not this bot's, or are malformed", () => {
    for (const id of [
      'other:share:0',
      'backend:share',
      'backend:share:x',
      'backend:more:1:2',
      'backend:vote:maybe:p',
      'backend:vote:up',
    ]) {
      expect(decodeAction(id)).toBeUndefined();
    }
  });
});
