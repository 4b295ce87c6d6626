import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRefusalLog, REFUSAL_LOG_INTERVAL_MS } from '../../src/service/refusalLog.js';

describe('refusal log', () => {
  it('logs the first refusal at once, then one counted line per interval however many arrive', () => {
    const lines: { msg: string; refused: Record<string, number>; sinceMs: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    let t = 1_000;
    const log = createRefusalLog(logger, { now: () => t });

    log.refused('rate_limited');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'questions refused', refused: { rate_limited: 1, busy: 0 } });

    for (let i = 0; i < 5_000; i++) {
      t += 1;
      log.refused(i % 10 === 0 ? 'busy' : 'rate_limited');
    }
    // 5 s of refusals, inside one interval: counted, not logged.
    expect(lines).toHaveLength(1);

    t = 1_000 + REFUSAL_LOG_INTERVAL_MS;
    log.refused('rate_limited');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ refused: { rate_limited: 4_501, busy: 500 }, sinceMs: REFUSAL_LOG_INTERVAL_MS });
  });
});
