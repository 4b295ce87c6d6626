/**
 * The mentor loop through the real bot service, its real SQLite store and the real corpus index: what every platform
 * builds on. The platforms' own end-to-end runs are the mentor contract (test/contract/mentorContract.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MAX_MENTOR_ANSWER_CHARS, type AskerOrigin } from '../../src/mentors/types.js';
import { createBotService } from '../../src/service/botService.js';
import type { BotService, HandoffOutcome } from '../../src/service/types.js';
import {
  ANSWER_RETIRED_TEXT,
  HANDOFF_ANSWERED_TEXT,
  HANDOFF_NOT_FOUND_TEXT,
  NOT_YOUR_ANSWER_TEXT,
} from '../../src/service/texts.js';
import { corpusIndex, startTestCore, type TestCore } from '../support/testCore.js';
import { openSqliteStore } from '../support/sqliteStore.js';
import { HANDOFF_QUESTION, MENTOR_ANSWER_TEXT, PARAPHRASED_QUESTION } from '../contract/mentorContract.js';

const origin: AskerOrigin = { platform: 'slack', userId: 'U1', userName: 'Nia', reply: '{"channel":"C1"}' };
const ana = { id: 'U9', name: 'Ana Lima' };
const ben = { id: 'U8', name: 'Ben' };

async function citations(service: BotService, question: string): Promise<string[]> {
  const outcome = await service.ask({ platform: 'slack', userKey: 'slack:U2', question });
  if (outcome.kind !== 'answer') throw new Error(outcome.notice.text);
  return outcome.answer.passages.map((p) => p.citation.title);
}

function ok(outcome: HandoffOutcome) {
  if (!outcome.ok) throw new Error(`${outcome.notice.code}: ${outcome.notice.text}`);
  return outcome;
}

describe('the mentor loop in the service', () => {
  let core: TestCore;
  let clock = new Date('2026-11-28T09:00:00.000Z');
  let service: BotService;
  beforeAll(async () => {
    core = await startTestCore({ publicUrl: 'https://bot.example.com' });
    const index = await corpusIndex();
    service = createBotService({
      index: () => index,
      store: core.store,
      publicUrl: 'https://bot.example.com',
      logger: pino({ level: 'silent' }),
      now: () => clock,
      mentorRepostMinutes: 60,
    });
  });
  afterAll(async () => {
    await core?.close();
  });

  let handoffId = '';
  it('hands a declined question to the mentors once per asker, with a ping on the first post only', async () => {
    expect(await citations(service, HANDOFF_QUESTION)).toEqual([]);
    const asked = ok(await service.askMentor({ question: `  ${HANDOFF_QUESTION} `, origin }));
    handoffId = asked.handoff.id;
    expect(asked.handoff).toMatchObject({ state: 'open', question: HANDOFF_QUESTION, origin });
    expect(asked.message).toMatchObject({ ping: true, askerName: 'Nia', buttons: ['take', 'answer'] });
    expect(asked.alreadyAsked).toBeUndefined();
    const again = ok(await service.askMentor({ question: HANDOFF_QUESTION.toUpperCase(), origin }));
    expect(again).toMatchObject({ alreadyAsked: true, handoff: { id: handoffId }, message: { ping: false } });
    expect((await core.store.insights.report()).openHandoffs.map((h) => h.id)).toEqual([handoffId]);
  });

  it('lists the passages the asker was shown as "tried", with their citations', async () => {
    const outcome = await service.ask({ platform: 'slack', userKey: 'k', question: 'what does a DevOps developer do' });
    if (outcome.kind !== 'answer') throw new Error('no answer');
    const shown = outcome.answer.passages.map((p) => p.passageId);
    const asked = ok(
      await service.askMentor({ question: 'what does a DevOps developer do', origin, passageIds: shown }),
    );
    expect(asked.message.passagesTried.map((p) => p.passageId)).toEqual(shown.slice(0, 3));
    expect(asked.message.passagesTried[0]).toMatchObject({
      title: outcome.answer.passages[0]!.citation.title,
      link: outcome.answer.passages[0]!.citation.link,
    });
  });

  it('finds the hand-off from its post, and re-posts it once after the delay, if nobody took it', async () => {
    expect((await service.recordHandoffPost(handoffId, 'C0MENTORS/1.1')).ok).toBe(true);
    expect(await service.recordHandoffPost('nope', 'x')).toMatchObject({
      ok: false,
      notice: { code: 'HANDOFF_NOT_FOUND' },
    });
    expect((await service.handoffByPost('C0MENTORS/1.1'))?.id).toBe(handoffId);
    expect(await service.dueReposts('slack', new Date('2026-11-28T09:59:00.000Z'))).toEqual([]);
    const due = await service.dueReposts('slack', new Date('2026-11-28T10:00:00.000Z'));
    expect(due.map((d) => d.handoff.id)).toContain(handoffId);
    expect(due[0]!.message).toMatchObject({ ping: true, heading: 'Still waiting for a mentor' });
    expect(await service.dueReposts('slack', new Date('2026-11-28T12:00:00.000Z'))).toEqual([]);
    expect(await service.dueReposts('discord', new Date('2026-11-29T12:00:00.000Z'))).toEqual([]);
  });

  it('lets one mentor take it; another mentor is told who has it', async () => {
    const taken = ok(await service.takeHandoff(handoffId, ana));
    expect(taken.message).toMatchObject({ stateLine: 'Taken by Ana Lima.', buttons: ['answer'], ping: false });
    expect(ok(await service.takeHandoff(handoffId, ana)).handoff.takenBy).toEqual(ana);
    expect(await service.takeHandoff(handoffId, ben)).toEqual({
      ok: false,
      notice: { code: 'HANDOFF_ALREADY_TAKEN', text: 'Ana Lima has already taken this question. Nothing was changed.' },
    });
    expect(await service.takeHandoff('nope', ben)).toEqual({
      ok: false,
      notice: { code: 'HANDOFF_NOT_FOUND', text: HANDOFF_NOT_FOUND_TEXT },
    });
  });

  it('refuses an empty or over-long answer, and changes nothing', async () => {
    expect(await service.answerHandoff(handoffId, ana, ' \n ')).toMatchObject({
      ok: false,
      notice: { code: 'EMPTY_TEXT' },
    });
    const long = 'x'.repeat(MAX_MENTOR_ANSWER_CHARS + 1);
    expect(await service.answerHandoff(handoffId, ana, long)).toMatchObject({
      ok: false,
      notice: { code: 'TEXT_TOO_LONG' },
    });
    expect((await service.handoff(handoffId))?.state).toBe('taken');
  });

  let answerId = '';
  it('delivers the answer naming the mentor, keeps it as a source, and a paraphrase then finds it', async () => {
    clock = new Date('2026-11-28T10:30:00.000Z');
    const answered = ok(await service.answerHandoff(handoffId, ana, `${MENTOR_ANSWER_TEXT}\n`));
    expect(answered.delivery).toEqual({
      origin,
      intro: 'Ana Lima (a mentor) answered your question:',
      question: HANDOFF_QUESTION,
      answer: MENTOR_ANSWER_TEXT,
      mentor: ana,
    });
    expect(answered.message).toMatchObject({ stateLine: 'Answered by Ana Lima.', buttons: [] });
    answerId = answered.mentorAnswer!.id;
    expect(await service.mentorAnswer(answerId)).toMatchObject({ handoffId, text: MENTOR_ANSWER_TEXT, state: 'live' });
    expect((await citations(service, PARAPHRASED_QUESTION))[0]).toBe('Answer by Ana Lima, 2026-11-28');
    expect(service.hasPassage(`mentor-answers/${answerId}#0`)).toBe(true);
    // The docs pages and help stay the corpus's own.
    expect(service.documents().some((d) => d.id.startsWith('mentor-answers/'))).toBe(false);
    expect((await core.store.insights.report()).answeredHandoffs[0]).toMatchObject({ minutesToAnswer: 90 });
  });

  it('answers a second answer, or a late "take", with the clear stale message', async () => {
    for (const late of [service.answerHandoff(handoffId, ben, 'me too'), service.takeHandoff(handoffId, ben)]) {
      expect(await late).toEqual({
        ok: false,
        notice: { code: 'HANDOFF_ALREADY_ANSWERED', text: HANDOFF_ANSWERED_TEXT },
      });
    }
  });

  it('lets only its mentor (or a maintainer) edit or retire an answer; a retired one is never cited again', async () => {
    expect(await service.editMentorAnswer(answerId, ben, 'Nope.')).toEqual({
      ok: false,
      notice: { code: 'NOT_YOUR_ANSWER', text: NOT_YOUR_ANSWER_TEXT },
    });
    const edited = await service.editMentorAnswer(answerId, ana, `${MENTOR_ANSWER_TEXT} Ask for the staging profile.`);
    expect(edited).toMatchObject({ ok: true, answer: { editedAt: '2026-11-28T10:30:00.000Z' } });
    expect(await service.editMentorAnswer(answerId, { maintainer: true }, MENTOR_ANSWER_TEXT)).toMatchObject({
      ok: true,
    });
    expect(await service.retireMentorAnswer(answerId, ben)).toMatchObject({
      ok: false,
      notice: { code: 'NOT_YOUR_ANSWER' },
    });
    expect(await service.retireMentorAnswer(answerId, ana)).toMatchObject({ ok: true, answer: { state: 'retired' } });
    expect(await citations(service, PARAPHRASED_QUESTION)).toEqual([]);
    expect(service.hasPassage(`mentor-answers/${answerId}#0`)).toBe(false);
    for (const stale of [service.retireMentorAnswer(answerId, ana), service.editMentorAnswer(answerId, ana, 'x')]) {
      expect(await stale).toEqual({ ok: false, notice: { code: 'ANSWER_RETIRED', text: ANSWER_RETIRED_TEXT } });
    }
    expect(await service.retireMentorAnswer('nope', ana)).toMatchObject({
      ok: false,
      notice: { code: 'ANSWER_NOT_FOUND' },
    });
  });

  it('saves any mentor message as an answer ("Save as answer"), found at once', async () => {
    const saved = await service.saveMentorAnswer({
      question: 'which laptop stickers are allowed on the demo machines',
      text: 'Laptop stickers on demo machines must be the company logo only.',
      mentor: ben,
    });
    expect(saved).toMatchObject({ ok: true, answer: { mentor: ben, state: 'live' } });
    expect((await citations(service, 'which stickers may go on the demo laptops'))[0]).toBe(
      'Answer by Ben, 2026-11-28',
    );
    expect(await service.saveMentorAnswer({ question: ' ', text: 'x', mentor: ben })).toMatchObject({
      ok: false,
      notice: { code: 'EMPTY_TEXT' },
    });
  });

  it('serves the saved answers after a restart, from the store', async () => {
    const index = await corpusIndex();
    const restarted = createBotService({
      index: () => index,
      store: core.store,
      publicUrl: 'https://bot.example.com',
      logger: pino({ level: 'silent' }),
    });
    await restarted.refreshMentorAnswers();
    expect((await citations(restarted, 'which stickers may go on the demo laptops'))[0]).toBe(
      'Answer by Ben, 2026-11-28',
    );
    expect(await citations(restarted, PARAPHRASED_QUESTION)).toEqual([]);
  });

  it('says "not saved, try again" when the store is down, and answers questions still', async () => {
    const dataDir = core.dataDir;
    const store = await openSqliteStore(`${dataDir}/down`, { logger: pino({ level: 'silent' }) });
    await store.close();
    const index = await corpusIndex();
    const down = createBotService({ index: () => index, store, publicUrl: 'x', logger: pino({ level: 'silent' }) });
    expect(await down.askMentor({ question: HANDOFF_QUESTION, origin })).toMatchObject({
      ok: false,
      notice: { code: 'STORE_UNAVAILABLE' },
    });
    expect(await down.saveMentorAnswer({ question: 'q', text: 't', mentor: ana })).toMatchObject({ ok: false });
    expect((await citations(down, 'what does a DevOps developer do')).length).toBeGreaterThan(0);
  });
});
