/**
 * The one contract every store passes, SQLite and PostgreSQL alike: the same tests, run by sqliteStore.test.ts and
 * postgresStore.test.ts against a real database of each kind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import type { MentorAnswer } from '../../src/mentors/types.js';
import type { NewHandoff, Store } from '../../src/store/types.js';
import { WRITE_BATCH_MAX_ROWS } from '../../src/store/writeBatch.js';

export interface StoreOptions {
  storeUserIds?: boolean;
  now?: () => Date;
}

/** One empty database (a file, or a database on the server) that a test may open, close and reopen. */
export interface StorePlace {
  open(options?: StoreOptions): Promise<Store>;
  /** Every row of a table, read straight from the database, not through the store. */
  rows(table: 'votes' | 'declined'): Promise<Record<string, unknown>[]>;
}

export function describeStoreContract(kind: Store['kind'], freshPlace: () => Promise<StorePlace>): void {
  const opened: Store[] = [];
  const open = async (place: StorePlace, options?: StoreOptions) => {
    const store = await place.open(options);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  });

  describe(`the ${kind} store (contract)`, () => {
    it('is ready once opened, and keeps votes and declined questions across a restart', async () => {
      const place = await freshPlace();
      const first = await open(place);
      expect(first.kind).toBe(kind);
      expect(first.status()).toBe('ready');
      await first.votes.record({
        platform: 'slack',
        question: 'what does a devops developer do',
        passageId: 'roles#3',
        helpful: false,
      });
      await first.declined.record({ platform: 'web', question: 'how do I bake bread' });
      await first.close();

      const report = await (await open(place)).insights.report();
      expect(report.mostNotHelpful).toEqual([{ passageId: 'roles#3', notHelpful: 1, helpful: 0 }]);
      expect(report.topDeclined.map((d) => d.question)).toEqual(['how do I bake bread']);
    });

    it('keeps every declined question of a burst, more than one batched write holds', async () => {
      const store = await open(await freshPlace());
      const burst = Array.from({ length: WRITE_BATCH_MAX_ROWS + 7 }, (_, i) =>
        store.declined.record({ platform: 'slack', question: i % 2 ? 'what is a sandwich' : `question number ${i}` }),
      );
      await Promise.all(burst);
      const report = await store.insights.report(1);
      expect(report.topDeclined).toEqual([
        { question: 'what is a sandwich', count: (WRITE_BATCH_MAX_ROWS + 7) >> 1, lastAsked: expect.any(String) },
      ]);
    });

    it('keeps the declined questions still waiting for their batched write when it closes', async () => {
      const place = await freshPlace();
      const store = await open(place);
      await store.declined.record({ platform: 'slack', question: 'what is a sandwich' });
      // Asked one after another, each after the write of the one before: they wait for the next batched write.
      const recorded: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        recorded.push(store.declined.record({ platform: 'slack', question: `question number ${i}` }));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await store.close();
      await Promise.all(recorded);
      expect(await place.rows('declined')).toHaveLength(21);
    });

    it('groups differently typed declined questions, ranks passages by "not helpful", and counts per day', async () => {
      let clock = new Date('2025-03-01T09:00:00Z');
      const store = await open(await freshPlace(), { now: () => clock });
      await store.declined.record({ platform: 'slack', question: 'What is Kubernetes?' });
      await store.declined.record({ platform: 'web', question: 'how do I bake bread' });
      clock = new Date('2025-03-02T10:00:00Z');
      await store.declined.record({ platform: 'discord', question: 'what is  kubernetes' });
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'a#1', helpful: false });
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'b#2', helpful: false });
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'b#2', helpful: false });
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'b#2', helpful: true });
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'c#3', helpful: true });

      const report = await store.insights.report();
      expect(report.topDeclined).toEqual([
        { question: 'what is  kubernetes', count: 2, lastAsked: '2025-03-02T10:00:00.000Z' },
        { question: 'how do I bake bread', count: 1, lastAsked: '2025-03-01T09:00:00.000Z' },
      ]);
      expect(report.mostNotHelpful).toEqual([
        { passageId: 'b#2', notHelpful: 2, helpful: 1 },
        { passageId: 'a#1', notHelpful: 1, helpful: 0 },
      ]);
      expect(report.perDay).toEqual([
        { day: '2025-03-02', declined: 1, helpful: 2, notHelpful: 3 },
        { day: '2025-03-01', declined: 2, helpful: 0, notHelpful: 0 },
      ]);
      expect((await store.insights.report(1)).topDeclined).toHaveLength(1);
    });

    it('leaves days older than the 30-day window out of the per-day counts', async () => {
      let clock = new Date('2025-01-01T12:00:00Z');
      const store = await open(await freshPlace(), { now: () => clock });
      await store.declined.record({ platform: 'web', question: 'old question' });
      clock = new Date('2025-03-01T12:00:00Z');
      await store.declined.record({ platform: 'web', question: 'new question' });
      const report = await store.insights.report();
      expect(report.perDay.map((d) => d.day)).toEqual(['2025-03-01']);
      expect(report.topDeclined).toHaveLength(2);
    });

    it("replaces a person's earlier vote on the same passage and question, and keeps everyone else's", async () => {
      const place = await freshPlace();
      const store = await open(place);
      const vote = { platform: 'slack' as const, question: 'What is DevOps?', passageId: 'roles#3', userId: 'T1:U1' };
      await store.votes.record({ ...vote, helpful: true });
      await store.votes.record({ ...vote, question: 'what is devops', helpful: false });
      expect((await store.insights.report()).mostNotHelpful).toEqual([
        { passageId: 'roles#3', notHelpful: 1, helpful: 0 },
      ]);

      await store.votes.record({ ...vote, userId: 'T1:U2', helpful: false });
      await store.votes.record({ ...vote, passageId: 'roles#4', helpful: false });
      await store.votes.record({ ...vote, question: 'who does devops', helpful: false });
      // Without a voter there is no one to replace: every anonymous vote counts.
      await store.votes.record({ platform: 'web', question: 'What is DevOps?', passageId: 'roles#3', helpful: false });
      await store.votes.record({ platform: 'web', question: 'What is DevOps?', passageId: 'roles#3', helpful: false });
      expect((await store.insights.report()).mostNotHelpful).toEqual([
        { passageId: 'roles#3', notHelpful: 5, helpful: 0 },
        { passageId: 'roles#4', notHelpful: 1, helpful: 0 },
      ]);
      expect(await place.rows('votes')).toHaveLength(6);
    });

    it('stores no user id unless STORE_USER_IDS is on, and no key that contains one', async () => {
      const without = await freshPlace();
      const store = await open(without);
      await store.votes.record({
        platform: 'slack',
        question: 'q',
        passageId: 'd#1',
        helpful: true,
        userId: 'slack:T1:U1',
      });
      await store.declined.record({ platform: 'discord', question: 'q', userId: 'discord:42' });
      const stored = [...(await without.rows('votes')), ...(await without.rows('declined'))];
      expect(stored.map((r) => r.user_id)).toEqual([null, null]);
      expect(JSON.stringify(stored)).not.toMatch(/U1|discord:42/);

      const withIds = await freshPlace();
      const keeping = await open(withIds, { storeUserIds: true });
      await keeping.votes.record({
        platform: 'slack',
        question: 'q',
        passageId: 'd#1',
        helpful: true,
        userId: 'slack:T1:U1',
      });
      await keeping.declined.record({ platform: 'discord', question: 'q', userId: 'discord:42' });
      expect((await withIds.rows('votes')).map((r) => r.user_id)).toEqual(['slack:T1:U1']);
      expect((await withIds.rows('declined')).map((r) => r.user_id)).toEqual(['discord:42']);
    });

    it('clips a pasted essay to 500 characters before storing it', async () => {
      const place = await freshPlace();
      const store = await open(place);
      await store.declined.record({ platform: 'web', question: `  ${'x'.repeat(5000)}  ` });
      expect(((await place.rows('declined'))[0]!.question as string).length).toBe(500);
    });

    it('loses no vote when many are written at once', async () => {
      const place = await freshPlace();
      const store = await open(place);
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          store.votes.record({
            platform: 'discord',
            question: `q ${i}`,
            passageId: `p#${i % 7}`,
            helpful: i % 2 === 0,
            userId: `u${i}`,
          }),
        ),
      );
      expect(await place.rows('votes')).toHaveLength(200);
    });

    it('refuses with a typed STORE_UNAVAILABLE error, never silently, once it cannot reach its database', async () => {
      const store = await open(await freshPlace());
      await store.close();
      expect(store.status()).toBe('unavailable');
      const refused = store.votes.record({ platform: 'web', question: 'q', passageId: 'd#1', helpful: true });
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.insights.report()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.handoffs.get('h1')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.mentorAnswers.live()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    });

    it('keeps the reason given with "Not helpful", and a second vote replaces the first reason too', async () => {
      const store = await open(await freshPlace());
      const vote = { platform: 'slack' as const, question: 'q', passageId: 'roles#3', helpful: false, userId: 'U1' };
      await store.votes.record({ ...vote, reason: 'other', reasonText: `  ${'y'.repeat(900)} ` });
      await store.votes.record({ ...vote, userId: 'U2', reason: 'outdated' });
      // A reason with "Helpful" or one no platform offers is not kept.
      await store.votes.record({ ...vote, userId: 'U3', helpful: true, reason: 'too_long' });
      await store.votes.record({ ...vote, userId: 'U4', reason: 'nonsense' as never });
      let [row] = (await store.insights.report()).notHelpfulReasons;
      expect(row).toEqual({ passageId: 'roles#3', reasons: { other: 1, outdated: 1 }, comments: ['y'.repeat(500)] });
      await store.votes.record({ ...vote, reason: 'wrong_passage' });
      [row] = (await store.insights.report()).notHelpfulReasons;
      expect(row).toEqual({ passageId: 'roles#3', reasons: { wrong_passage: 1, outdated: 1 }, comments: [] });
    });

    describe('hand-offs', () => {
      const handoff = (id: string, over: Partial<NewHandoff> = {}): NewHandoff => ({
        id,
        platform: 'slack',
        question: 'how do I get VPN access',
        origin: { platform: 'slack', userId: 'U1', userName: 'Nia', reply: '{"channel":"C1","thread":"1.2"}' },
        passagesTried: [{ passageId: 'roles#3', title: 'Roles', section: 'DevOps', link: 'http://x/docs/roles' }],
        createdAt: '2025-03-01T09:00:00.000Z',
        askerKey: `key-${id}`,
        ...over,
      });
      const ana = { id: 'U9', name: 'Ana' };
      const ben = { id: 'U8', name: 'Ben' };

      it('keeps a hand-off whole across a restart, found by id, by its post and by its asker', async () => {
        const place = await freshPlace();
        const first = await open(place);
        const created = await first.handoffs.create(handoff('h1'));
        expect(created).toMatchObject({ id: 'h1', state: 'open', question: 'how do I get VPN access' });
        expect(await first.handoffs.setPost('h1', 'C0MENTORS/1700000000.000100')).toBe(true);
        expect(await first.handoffs.setPost('nope', 'x')).toBe(false);
        await first.close();
        const store = await open(place);
        const again = await store.handoffs.get('h1');
        expect(again).toEqual({ ...created, post: { reference: 'C0MENTORS/1700000000.000100' } });
        expect(await store.handoffs.byPost('C0MENTORS/1700000000.000100')).toEqual(again);
        expect(await store.handoffs.unansweredFor('key-h1')).toEqual(again);
        expect(await store.handoffs.get('h2')).toBeUndefined();
      });

      it('lets exactly one mentor take it, and exactly one answer close it', async () => {
        const store = await open(await freshPlace());
        await store.handoffs.create(handoff('h1'));
        const [a, b] = await Promise.all([
          store.handoffs.take('h1', ana, '2025-03-01T09:05:00.000Z'),
          store.handoffs.take('h1', ben, '2025-03-01T09:05:00.000Z'),
        ]);
        expect(a?.takenBy).toEqual(b?.takenBy);
        expect(a?.state).toBe('taken');
        const answer = { text: 'Ask IT.', mentor: ana, at: '2025-03-01T10:00:00.000Z', mentorAnswerId: 'm1' };
        const results = await Promise.all([
          store.handoffs.answer('h1', answer),
          store.handoffs.answer('h1', { ...answer, mentor: ben }),
        ]);
        expect(results.filter((r) => r?.won)).toHaveLength(1);
        const done = await store.handoffs.get('h1');
        expect(done?.state).toBe('answered');
        expect(done?.answer?.mentorAnswerId).toBe('m1');
        expect(await store.handoffs.unansweredFor('key-h1')).toBeUndefined();
        // Taking an answered one changes nothing.
        expect((await store.handoffs.take('h1', ben, '2025-03-01T11:00:00.000Z'))?.state).toBe('answered');
        expect(await store.handoffs.answer('nope', answer)).toBeUndefined();
      });

      it('claims each untaken hand-off of a platform for its one re-post, once, across concurrent callers', async () => {
        const store = await open(await freshPlace());
        await store.handoffs.create(handoff('old', { createdAt: '2025-03-01T08:00:00.000Z' }));
        await store.handoffs.create(handoff('new', { createdAt: '2025-03-01T09:30:00.000Z' }));
        await store.handoffs.create(handoff('taken', { createdAt: '2025-03-01T08:00:00.000Z' }));
        await store.handoffs.create(handoff('discord', { platform: 'discord', createdAt: '2025-03-01T08:00:00.000Z' }));
        await store.handoffs.take('taken', ana, '2025-03-01T08:10:00.000Z');
        const cutoff = '2025-03-01T09:00:00.000Z';
        const now = '2025-03-01T10:00:00.000Z';
        const claims = await Promise.all([
          store.handoffs.claimReposts('slack', cutoff, now),
          store.handoffs.claimReposts('slack', cutoff, now),
        ]);
        expect(claims.flat().map((h) => h.id)).toEqual(['old']);
        expect(claims.flat()[0]?.repostedAt).toBe(now);
        expect(await store.handoffs.claimReposts('slack', '2025-03-01T23:00:00.000Z', now)).toEqual([
          expect.objectContaining({ id: 'new' }),
        ]);
        expect(await store.handoffs.claimReposts('slack', '2025-03-01T23:00:00.000Z', now)).toEqual([]);
      });

      it('lists open hand-offs and the time each answered one took in the insights report', async () => {
        const store = await open(await freshPlace());
        await store.handoffs.create(handoff('h1'));
        await store.handoffs.create(handoff('h2', { question: 'where is the on-call rota' }));
        await store.handoffs.take('h2', ana, '2025-03-01T09:10:00.000Z');
        await store.handoffs.create(handoff('h3', { question: 'who approves deploys' }));
        await store.handoffs.answer('h3', { text: 'Your lead.', mentor: ben, at: '2025-03-01T10:30:00.000Z' });
        const report = await store.insights.report();
        expect(report.openHandoffs).toEqual([
          expect.objectContaining({ id: 'h1', state: 'open', question: 'how do I get VPN access' }),
          expect.objectContaining({ id: 'h2', state: 'taken', takenBy: 'Ana' }),
        ]);
        expect(report.answeredHandoffs).toEqual([
          expect.objectContaining({ id: 'h3', mentorName: 'Ben', minutesToAnswer: 90 }),
        ]);
      });
    });

    it('groups declined and voted-down questions by topic, most-asked first, marking those a mentor answered', async () => {
      const store = await open(await freshPlace());
      await store.declined.record({ platform: 'slack', question: 'How do I get VPN access?' });
      await store.declined.record({ platform: 'web', question: 'how do I get vpn access' });
      await store.declined.record({ platform: 'web', question: 'VPN access for staging' });
      await store.votes.record({ platform: 'web', question: 'how to bake bread', passageId: 'a#1', helpful: false });
      await store.votes.record({ platform: 'web', question: 'what is devops', passageId: 'a#1', helpful: true });
      await store.mentorAnswers.create({
        id: 'm1',
        question: 'getting access to the VPN',
        text: 'Ask IT.',
        mentor: { id: 'U9', name: 'Ana' },
        date: '2025-03-01T09:00:00.000Z',
        state: 'live',
      });
      const { gaps, mentorAnswers } = await store.insights.report();
      expect(gaps.map((g) => [g.count, g.questions.length, g.answeredBy?.mentorName])).toEqual([
        [3, 2, 'Ana'],
        [1, 1, undefined],
      ]);
      expect(gaps[0]!.questions[0]).toMatchObject({ count: 2, kind: 'declined' });
      expect(gaps[1]).toMatchObject({ topic: 'how to bake bread', questions: [{ kind: 'voted_down' }] });
      expect(mentorAnswers.map((a) => a.id)).toEqual(['m1']);
    });

    describe('mentor answers', () => {
      const answer = (id: string, over: Partial<MentorAnswer> = {}): MentorAnswer => ({
        id,
        question: 'how do I get VPN access',
        text: 'Ask in #it-help.',
        mentor: { id: 'U9', name: 'Ana' },
        date: `2025-03-0${id.length}T09:00:00.000Z`,
        state: 'live',
        ...over,
      });

      it('keeps them across a restart, lists the live ones oldest first, edits and retires them once', async () => {
        const place = await freshPlace();
        const first = await open(place);
        await first.mentorAnswers.create(answer('a', { handoffId: 'h1' }));
        await first.mentorAnswers.create(answer('bb'));
        await first.close();
        const store = await open(place);
        expect(await store.mentorAnswers.get('a')).toEqual(answer('a', { handoffId: 'h1' }));
        expect((await store.mentorAnswers.live()).map((a) => a.id)).toEqual(['a', 'bb']);
        const edited = await store.mentorAnswers.edit('a', 'Ask in #it-support.', '2025-04-01T00:00:00.000Z');
        expect(edited).toMatchObject({ text: 'Ask in #it-support.', editedAt: '2025-04-01T00:00:00.000Z' });
        expect(await store.mentorAnswers.retire('a', '2025-04-02T00:00:00.000Z')).toMatchObject({ state: 'retired' });
        expect(await store.mentorAnswers.retire('a', '2025-04-03T00:00:00.000Z')).toBeUndefined();
        expect(await store.mentorAnswers.edit('a', 'again', '2025-04-03T00:00:00.000Z')).toBeUndefined();
        expect((await store.mentorAnswers.live()).map((a) => a.id)).toEqual(['bb']);
        expect((await store.mentorAnswers.all()).map((a) => [a.id, a.state])).toEqual([
          ['bb', 'live'],
          ['a', 'retired'],
        ]);
        expect(await store.mentorAnswers.get('zz')).toBeUndefined();
      });
    });
  });
}
