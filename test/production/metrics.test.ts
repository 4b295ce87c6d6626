import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, scratchDir } from './botProcess.js';
import { startTestBot, type TestBot } from './inProcessBot.js';

const IN_SCOPE = 'what does a DevOps developer do';
const OUT_OF_SCOPE = 'how do I bake sourdough bread at home';

/** The value of one sample line of a Prometheus exposition, e.g. `bot_questions_total{platform="web",outcome="answered"}`. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics, logs and the per-user rate limit', () => {
  let t: TestBot;
  const startedAt = Date.now() / 1000;

  beforeAll(async () => {
    t = await startTestBot({
      CORPUS_DIR: CORPUS,
      DATA_DIR: scratchDir('metrics-data'),
      WATCH_CORPUS: 'false',
      RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(async () => {
    await t.bot.stop('test over');
  });

  it('answers, declines, and then asks a user who asks too fast to slow down', async () => {
    const answered = await t.ask(IN_SCOPE);
    expect(answered.status).toBe(200);
    expect(answered.body.declined).toBe(false);
    const passageId = answered.body.answers![0]!.passageId;

    expect((await t.ask(OUT_OF_SCOPE)).body.declined).toBe(true);
    expect((await t.ask(IN_SCOPE)).status).toBe(200);

    const limited = await t.ask(IN_SCOPE);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('RATE_LIMITED');
    expect(limited.body.error?.message).toMatch(/wait \d+ seconds?/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const vote = await fetch(`${t.bot.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: IN_SCOPE, passageId, helpful: true }),
    });
    expect(vote.status).toBe(200);
  });

  it('GET /metrics counts questions by platform and outcome, answer latency, feedback, and the corpus', async () => {
    const response = await t.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();

    expect(sample(text, 'bot_questions_total{platform="web",outcome="answered"}')).toBe(2);
    expect(sample(text, 'bot_questions_total{platform="web",outcome="declined"}')).toBe(1);
    expect(sample(text, 'bot_questions_total{platform="web",outcome="rate_limited"}')).toBe(1);
    // Latency covers the three questions that were worked on, not the refusal.
    expect(text).toMatch(/^# TYPE bot_answer_duration_seconds histogram$/m);
    expect(sample(text, 'bot_answer_duration_seconds_count{platform="web"}')).toBe(3);
    expect(sample(text, 'bot_answer_duration_seconds_bucket{le="+Inf",platform="web"}')).toBe(3);
    expect(sample(text, 'bot_feedback_total{platform="web",helpful="true"}')).toBe(1);

    expect(sample(text, 'bot_corpus_documents')).toBe(t.bot.service.documents().length);
    expect(sample(text, 'bot_corpus_passages')).toBeGreaterThan(t.bot.service.documents().length);
    const reloadedAt = sample(text, 'bot_corpus_last_reload_timestamp_seconds')!;
    expect(reloadedAt).toBeGreaterThanOrEqual(Math.floor(startedAt));
    expect(reloadedAt).toBeLessThanOrEqual(Date.now() / 1000);
    // Node's own process metrics come along, for memory and event-loop alerts.
    expect(text).toMatch(/^process_resident_memory_bytes /m);
  });

  it('logs each question with platform, latency, passages and outcome, and nothing that identifies the asker', () => {
    const questions = t.logs.filter((l) => l.msg === 'question');
    expect(questions.map((l) => l.outcome)).toEqual(['answered', 'declined', 'answered']);
    expect(t.logs.filter((l) => l.msg === 'questions refused')).toEqual([
      expect.objectContaining({ level: 'warn', refused: { rate_limited: 1, busy: 0 } }),
    ]);
    for (const line of questions) {
      expect(line).toMatchObject({ platform: 'web', level: 'info' });
      expect(typeof line.ms).toBe('number');
      expect(typeof line.passages).toBe('number');
      const text = JSON.stringify(line);
      expect(text).not.toMatch(/127\.0\.0\.1|::1|web:|sourdough|DevOps/i);
    }
  });

  it('a client hammering while refused gets a Retry-After on every 429 and adds no log line per request', async () => {
    const logged = t.logs.length;
    const started = performance.now();
    const refused = await Promise.all(Array.from({ length: 100 }, () => t.ask(IN_SCOPE)));
    const elapsedMs = performance.now() - started;
    for (const response of refused) {
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Counted into sampled lines (one per 10 s at most), not logged one by one.
    expect(t.logs.length - logged).toBeLessThanOrEqual(1 + Math.floor(elapsedMs / 10_000));
  }, 30_000);

  it('/healthz is 200 once everything configured is up', async () => {
    expect((await t.get('/healthz')).status).toBe(200);
  });
});
