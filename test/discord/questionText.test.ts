import { describe, expect, it } from 'vitest';
import { discordTextToQuestion } from '../../adapters/discord/questionText.js';

describe('discordTextToQuestion', () => {
  it('drops mention, channel, command and emoji markup, keeping the words as typed', () => {
    expect(discordTextToQuestion('<@210000000000000005> <@!2100> <@&2100> what does a DevOps developer do')).toBe(
      'what does a DevOps developer do',
    );
    expect(discordTextToQuestion('see <#2100> and </backend:2100> <:party:2100> <a:wave:2100> please')).toBe(
      'see and please',
    );
  });

  it('leaves text that only looks like markup, and @everyone (the core ignores it), alone', () => {
    expect(discordTextToQuestion('is <div> valid in @everyone <@name>?')).toBe('is <div> valid in @everyone <@name>?');
  });
});
