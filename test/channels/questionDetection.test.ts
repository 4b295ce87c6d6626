import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../src/channels/questionDetection.js';

describe('the question rule for Q&A channels', () => {
  it.each([
    'what does a DevOps developer do',
    'How do I deploy to staging?',
    'Is Kubernetes worth learning',
    'does anyone know which database we use',
    'Anyone have tips for API versioning',
    'can someone explain what a message queue is',
    'Please explain what CI/CD means',
    "I'm looking for the docs on caching",
    'I need help with database indexes',
    'wondering how backend developers test their code',
    'Kubernetes vs Docker Swarm?',
    '<@U0BOT> which languages do backend developers use?',
    "What's an API gateway",
  ])('asks: %s', (text) => {
    expect(looksLikeQuestion(text)).toBe(true);
  });

  it.each([
    'thanks!',
    'lol',
    '?',
    'really?',
    ':tada: :tada:',
    'Deploy of the payments service is done.',
    'Reminder: the backend guild meets on Thursday',
    'I fixed the flaky test',
    'https://example.com/some/page?id=3',
    'done',
    '',
    'Here is the log: `what is wrong?`',
  ])('does not ask: %s', (text) => {
    expect(looksLikeQuestion(text)).toBe(false);
  });
});
