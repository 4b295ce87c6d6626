import { describe, expect, it } from 'vitest';
import {
  clip,
  cutAtWord,
  fitMarkdown,
  neutraliseMentions,
  restoreNeutralised,
  toDiscordMarkdown,
} from '../../adapters/discord/markdown.js';

describe('toDiscordMarkdown', () => {
  it('escapes every inline formatting character, so nothing but our marks formats text', () => {
    expect(toDiscordMarkdown('**bold** __under__ *it* ~~s~~ ||sp|| `c` \\ [t](x)')).toBe(
      '\\*\\*bold\\*\\* \\_\\_under\\_\\_ \\*it\\* \\~\\~s\\~\\~ \\|\\|sp\\|\\| \\`c\\` \\\\ \\[t\\](x)',
    );
    expect(toDiscordMarkdown('***')).toBe('\\*\\*\\*');
  });

  it('escapes syntax that only counts at the start of a line', () => {
    expect(toDiscordMarkdown('# h\n> q\n- li\n+ li\n-# small\n12. n\nok - fine 1. too')).toBe(
      '\\# h\n\\> q\n\\- li\n\\+ li\n\\-# small\n12\\. n\nok - fine 1. too',
    );
  });

  it('leaves URLs intact so they stay clickable', () => {
    expect(toDiscordMarkdown('see https://example.org/a_b*c then _x_')).toBe(
      'see https://example.org/a_b*c then \\_x\\_',
    );
  });

  it('neutralises mentions as it escapes', () => {
    expect(toDiscordMarkdown('@everyone')).not.toBe('@everyone');
  });
});

describe('neutraliseMentions', () => {
  it('breaks every mention form, and the question reads back unchanged', () => {
    const loud = 'hi @everyone and @HERE, <@123> <@!123> <@&456> <#789>';
    const quiet = neutraliseMentions(loud);
    expect(quiet).not.toMatch(/@(everyone|here)|<[@#]/i);
    expect(restoreNeutralised(quiet)).toBe(loud);
  });
});

describe('clipping', () => {
  it('never splits an emoji (a surrogate pair) at the cut', () => {
    // 6 units leave room for "ab" and one and a half emoji before the ellipsis: the half is dropped.
    const clipped = clip(`ab${'😀'.repeat(5)}`, 6);
    expect(clipped).toBe('ab😀…');
    expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('cuts values at a word, without an ellipsis', () => {
    expect(cutAtWord('what does a devops developer do', 20)).toBe('what does a devops');
    expect(cutAtWord('short', 20)).toBe('short');
  });

  it('fits escaped text without leaving a dangling backslash', () => {
    for (let max = 2; max < 30; max++) {
      const fitted = fitMarkdown('a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p', max);
      expect(fitted.length).toBeLessThanOrEqual(max);
      expect(fitted).not.toMatch(/(^|[^\\])(\\\\)*\\…$/);
    }
  });
});
