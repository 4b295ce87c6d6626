import { describe, expect, it } from 'vitest';
import { escapeAndClip, escapeMrkdwn, mrkdwnLink, snippetToMrkdwn } from '../../adapters/slack/mrkdwn.js';
import { snippetOf } from './answerFixtures.js';

const plain = (text: string) => ({ text, marked: false });
const mark = (text: string) => ({ text, marked: true });

describe('escapeMrkdwn', () => {
  it('escapes exactly &, < and >, so mentions and links become inert text', () => {
    expect(escapeMrkdwn('<!channel> <@U1> a & b > c')).toBe('&lt;!channel&gt; &lt;@U1&gt; a &amp; b &gt; c');
    expect(escapeMrkdwn('&amp; stays visible as typed')).toBe('&amp;amp; stays visible as typed');
    expect(escapeMrkdwn('it\'s "fine" *bold*')).toBe('it\'s "fine" *bold*');
  });
});

describe('escapeAndClip', () => {
  it('keeps text whose escaped form is exactly the limit and clips one character more', () => {
    expect(escapeAndClip('a&b', 7)).toBe('a&amp;b');
    expect(escapeAndClip('a&bc', 7)).toBe('a&amp;…');
  });

  it('never cuts inside an entity or a surrogate pair', () => {
    expect(escapeAndClip('<<<<', 6)).toBe('&lt;…');
    expect(escapeAndClip('😀😀😀', 4)).toBe('😀…');
  });
});

describe('snippetToMrkdwn', () => {
  it('bolds marked runs and keeps whitespace at their edges outside the markers', () => {
    const snippet = snippetOf([plain('the'), mark(' DevOps developer '), plain('role')]);
    expect(snippetToMrkdwn(snippet)).toBe('the *DevOps developer* role');
  });

  it('shows "…" where the passage was clipped', () => {
    const snippet = snippetOf([plain('middle of '), mark('it')], { start: true, end: true });
    expect(snippetToMrkdwn(snippet)).toBe('…middle of *it*…');
  });

  it('leaves a mark inside a word plain, since Slack would show its asterisks', () => {
    expect(snippetToMrkdwn(snippetOf([mark('Dev'), plain('Ops teams')]))).toBe('DevOps teams');
    expect(snippetToMrkdwn(snippetOf([plain('use '), mark('API'), plain('s')]))).toBe('use APIs');
  });

  it('joins neighbouring marked runs into one bold word', () => {
    expect(snippetToMrkdwn(snippetOf([plain('a '), mark('Dev'), mark('Ops'), plain(' b')]))).toBe('a *DevOps* b');
  });

  it('leaves marks plain where *, _ or ~ would misfire', () => {
    expect(snippetToMrkdwn(snippetOf([plain('call '), mark('f*g'), plain(' now')]))).toBe('call f*g now');
    expect(snippetToMrkdwn(snippetOf([plain('snake_'), mark('case'), plain(' names')]))).toBe('snake_case names');
    expect(snippetToMrkdwn(snippetOf([plain('~'), mark('struck'), plain('~ text')]))).toBe('~struck~ text');
    expect(snippetToMrkdwn(snippetOf([plain('x '), mark('   '), plain(' y')]))).toBe('x     y');
  });

  it('bolds next to punctuation, where Slack does render it', () => {
    expect(snippetToMrkdwn(snippetOf([plain('('), mark('CI/CD'), plain('), and')]))).toBe('(*CI/CD*), and');
  });

  it('escapes marked and unmarked text alike', () => {
    expect(snippetToMrkdwn(snippetOf([plain('say '), mark('<!here>'), plain(' & go')]))).toBe(
      'say *&lt;!here&gt;* &amp; go',
    );
  });

  it('cuts to a limit with the bold still paired and "…" at the end', () => {
    const snippet = snippetOf([plain('one two '), mark('three four five'), plain(' six')]);
    const cut = snippetToMrkdwn(snippet, 17);
    expect(cut).toBe('one two *three*…');
    expect(cut.length).toBeLessThanOrEqual(17);
    expect(snippetToMrkdwn(snippet, 100)).toBe('one two *three four five* six');
  });

  it('returns text of exactly the limit untouched', () => {
    const snippet = snippetOf([plain('abc '), mark('def')]);
    expect(snippetToMrkdwn(snippet, 9)).toBe('abc *def*');
    expect(snippetToMrkdwn(snippet, 8)).toBe('abc *d*…');
  });
});

describe('mrkdwnLink', () => {
  it('links http(s) URLs with an escaped label', () => {
    expect(mrkdwnLink('https://x.example/a?b=1&c=2', 'A <b>')).toBe('<https://x.example/a?b=1&amp;c=2|A &lt;b&gt;>');
  });

  it('keeps | and > in a URL from ending the link early', () => {
    expect(mrkdwnLink('https://x.example/a|b>c', 'L')).toBe('<https://x.example/a%7Cb%3Ec|L>');
  });

  it('shows only the label for anything that is not an http(s) URL', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'Title')).toBe('Title');
    expect(mrkdwnLink('!channel', 'Title')).toBe('Title');
  });
});
