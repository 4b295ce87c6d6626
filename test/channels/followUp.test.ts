import { describe, expect, it } from 'vitest';
import { isThinFollowUp, questionInThread } from '../../src/channels/followUp.js';

describe('reading a follow-up with its thread', () => {
  it.each([
    'and what tools do they use?',
    'what skills do they need?',
    'why?',
    'how so?',
    'what about testing?',
    'Also, is it hard?',
    'which ones?',
  ])('leans on the thread: %s', (text) => {
    expect(isThinFollowUp(text)).toBe(true);
  });

  it.each([
    'What is Kubernetes?',
    'how do backend developers secure an API?',
    'Which databases are popular for backend work?',
  ])('stands on its own: %s', (text) => {
    expect(isThinFollowUp(text)).toBe(false);
  });

  it('adds the first question only to a thin follow-up, and only when there is one', () => {
    const first = 'what does a DevOps developer do';
    expect(questionInThread('and what tools do they use?', first)).toBe(`${first} and what tools do they use?`);
    expect(questionInThread('What is Kubernetes?', first)).toBe('What is Kubernetes?');
    expect(questionInThread('and what tools do they use?', undefined)).toBe('and what tools do they use?');
    expect(questionInThread('and what tools do they use?', '  ')).toBe('and what tools do they use?');
  });
});
