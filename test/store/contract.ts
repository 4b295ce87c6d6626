/**
 * The one contract every store passes, SQLite and PostgreSQL alike: the same tests, run by sqliteStore.test.ts and
 * postgresStore.test.ts against a real database of each kind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import type { Store } from '../../src/store/types.js';

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
    });
  });
}
