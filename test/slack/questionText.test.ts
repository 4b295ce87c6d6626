import { describe, expect, it } from 'vitest';
import { slackTextToQuestion } from '../../adapters/slack/questionText.js';

describe('slackTextToQuestion', () => {
  it("drops the bot's own mention, wherever it is", () => {
    expect(slackTextToQuestion('<@U0BOT> what does a DevOps developer do', 'U0BOT')).toBe(
      'what does a DevOps developer do',
    );
    expect(slackTextToQuestion('hey <@U0BOT|backend-answers>, what is CI/CD?', 'U0BOT')).toBe('hey , what is CI/CD?');
  });

  it('turns Slack markup back into what the person typed', () => {
    expect(slackTextToQuestion('<!channel> <!here|here> <!everyone> ask')).toBe('@channel here @everyone ask');
    expect(
      slackTextToQuestion('<@U1|bob> in <#C1|general> read <https://x.example|the doc> or <https://y.example>'),
    ).toBe('@bob in #general read the doc or https://y.example');
    expect(slackTextToQuestion('<!subteam^S1|@backend> and <@U2>')).toBe('@backend and');
  });

  it('decodes entities once, so a typed "&lt;" survives as typed', () => {
    expect(slackTextToQuestion('what is &lt;div&gt; &amp; &amp;lt;')).toBe('what is <div> & &lt;');
  });

  it('folds whitespace and trims', () => {
    expect(slackTextToQuestion('  what\n\tis   this  ')).toBe('what is this');
    expect(slackTextToQuestion('<@U0BOT>', 'U0BOT')).toBe('');
  });
});
