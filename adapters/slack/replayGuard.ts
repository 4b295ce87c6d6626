import { isValidSlackRequest } from '@slack/bolt';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../src/log.js';

/** How far a request's timestamp may be from now, either way: Slack's own rule for the past, ours for the future. */
export const SLACK_REQUEST_WINDOW_SECONDS = 5 * 60;

/** Signatures remembered at once; past it the oldest are forgotten, so a flood cannot exhaust memory. */
export const MAX_REMEMBERED_SIGNATURES = 100_000;

/** Largest request body read; Slack's payloads are a few KB, and Bolt reads this same copy. */
export const MAX_SLACK_BODY = '1mb';

export interface ReplayGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** Milliseconds since the epoch; tests may pass another clock. */
  now?: () => number;
  maxRemembered?: number;
}

/**
 * Refuses replayed Slack requests before Bolt sees them. Bolt checks the signature and refuses timestamps more
 * than five minutes old; this also refuses timestamps more than five minutes ahead, and a correctly signed request
 * whose signature was already accepted within the window (a captured request sent again). Only requests with a valid
 * signature are remembered, so forged ones cannot crowd real ones out; anything unsigned passes on to Bolt's own
 * refusal. A repeat that says it is Slack's retry (`X-Slack-Retry-Num`) is acknowledged without being handled again.
 *
 * The memory is this process's: with several replicas behind a load balancer, a replay routed to another replica
 * within the five minutes is still accepted. Closing that needs a shared set (e.g. Redis `SET NX EX 300`).
 */
export function slackReplayGuard(options: ReplayGuardOptions) {
  const log = options.logger;
  const now = options.now ?? Date.now;
  const max = options.maxRemembered ?? MAX_REMEMBERED_SIGNATURES;
  // signature -> its timestamp (s), and whether a replay of it was logged (once, so replays cannot flood the log).
  // Insertion order is arrival order, close enough to timestamp order to prune from the front.
  const seen = new Map<string, { timestamp: number; reported: boolean }>();
  const readBody = express.raw({ type: () => true, limit: MAX_SLACK_BODY });

  const forgetExpired = (nowSeconds: number) => {
    for (const [signature, { timestamp }] of seen) {
      if (timestamp >= nowSeconds - SLACK_REQUEST_WINDOW_SECONDS && seen.size <= max) break;
      seen.delete(signature);
    }
  };

  const check = (req: Request & { rawBody?: Buffer }, res: Response, next: NextFunction) => {
    // Bolt reads the body from here rather than from the stream this middleware consumed.
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.rawBody = raw;
    const signature = req.get('x-slack-signature');
    const timestamp = Number(req.get('x-slack-request-timestamp'));
    const nowMs = now();
    const signed =
      signature !== undefined &&
      Number.isInteger(timestamp) &&
      isValidSlackRequest({
        signingSecret: options.signingSecret,
        body: raw.toString('utf8'),
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      });
    if (!signed) return next();

    const nowSeconds = Math.floor(nowMs / 1000);
    if (timestamp > nowSeconds + SLACK_REQUEST_WINDOW_SECONDS) {
      log.warn(
        { code: 'SLACK_FUTURE_TIMESTAMP', aheadSeconds: timestamp - nowSeconds },
        'refused a Slack request dated in the future',
      );
      return void res.status(401).end();
    }
    const earlier = seen.get(signature);
    if (earlier) {
      if (req.get('x-slack-retry-num') !== undefined) return void res.status(200).end();
      if (!earlier.reported)
        log.warn(
          { code: 'SLACK_REPLAY' },
          'refused a replayed Slack request (signature already seen); further replays of it are refused silently',
        );
      earlier.reported = true;
      return void res.status(401).end();
    }
    seen.set(signature, { timestamp, reported: false });
    forgetExpired(nowSeconds);
    next();
  };

  return [readBody, check];
}
