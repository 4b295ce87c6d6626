import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { Logger } from '../../src/log.js';
import { createSignatureMemory } from './signatureMemory.js';

/** How far a request's timestamp may be from now, either way: Slack's own rule for the past, ours for the future. */
export const SLACK_REQUEST_WINDOW_SECONDS = 5 * 60;

/** Signatures remembered at once (41 bytes each, outside the JavaScript heap); past it the oldest are forgotten. */
export const MAX_REMEMBERED_SIGNATURES = 100_000;

/** Largest request body read; Slack's payloads are a few KB, and Bolt reads this same copy. */
export const MAX_SLACK_BODY = '1mb';

/** Shortest time between two log lines about refused signatures (a wrong SLACK_SIGNING_SECRET refuses them all). */
export const BAD_SIGNATURE_LOG_INTERVAL_MS = 60_000;

/** `v0=` and the hex of an HMAC-SHA256: the only signature form Slack sends. */
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

/** A request as the guard hands it on: its body read, as Bolt's receivers take it when already read. */
export type SlackRequest = IncomingMessage & { body?: unknown; rawBody?: Buffer };

/** One request header's value (the first, if sent more than once). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Ends a response with a status and no body. */
function endWith(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.end();
}

export interface ReplayGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** Milliseconds since the epoch; tests may pass another clock. */
  now?: () => number;
  maxRemembered?: number;
}

/**
 * The one check of Slack's request signature (v0 HMAC-SHA256 of `v0:<timestamp>:<body>`, compared in constant time),
 * run before Bolt, whose own check is switched off so each request is hashed once. Refuses with 401 a request that is
 * unsigned, wrongly signed, or dated more than five minutes from now either way (Slack's rule for the past, ours for
 * the future), and a correctly signed request whose signature was already accepted within the window (a captured
 * request sent again). A repeat that says it is Slack's retry (`X-Slack-Retry-Num`) is acknowledged without being
 * handled again. Only accepted signatures are remembered (as their 32 raw bytes), so forged ones cannot crowd real
 * ones out.
 *
 * The memory is this process's: with several replicas behind a load balancer, a replay routed to another replica
 * within the five minutes is still accepted. Closing that needs a shared set (e.g. Redis `SET NX EX 300`).
 */
export function slackReplayGuard(options: ReplayGuardOptions) {
  const log = options.logger;
  const now = options.now ?? Date.now;
  const max = options.maxRemembered ?? MAX_REMEMBERED_SIGNATURES;
  // Accepted signatures with their timestamps (s), in arrival order: close enough to timestamp order to forget from
  // the oldest. Each also remembers whether its replay was logged (once each, so replays cannot flood the log).
  const seen = createSignatureMemory(max);
  const readBody = express.raw({ type: () => true, limit: MAX_SLACK_BODY });
  let refusedSinceLine = 0;
  let lastRefusalLine = Number.NEGATIVE_INFINITY;

  const refuse = (res: ServerResponse, nowMs: number, reason: string) => {
    refusedSinceLine++;
    if (nowMs - lastRefusalLine >= BAD_SIGNATURE_LOG_INTERVAL_MS) {
      log.warn(
        { code: 'SLACK_BAD_SIGNATURE', reason, refused: refusedSinceLine },
        'refused Slack requests without a valid signature; check SLACK_SIGNING_SECRET if Slack sent them',
      );
      refusedSinceLine = 0;
      lastRefusalLine = nowMs;
    }
    endWith(res, 401);
  };

  const check = (req: SlackRequest, res: ServerResponse, next: () => void) => {
    // Bolt reads the body from here rather than from the stream this guard consumed.
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.rawBody = raw;
    const nowMs = now();
    const nowSeconds = Math.floor(nowMs / 1000);
    const stamp = header(req, 'x-slack-request-timestamp');
    const timestamp = Number(stamp);
    const hex = SIGNATURE.exec(header(req, 'x-slack-signature') ?? '')?.[1];
    if (hex === undefined || stamp === undefined || !Number.isInteger(timestamp)) {
      return refuse(res, nowMs, 'unsigned');
    }
    if (timestamp < nowSeconds - SLACK_REQUEST_WINDOW_SECONDS) return refuse(res, nowMs, 'too old');
    const given = Buffer.from(hex, 'hex');
    const expected = createHmac('sha256', options.signingSecret).update(`v0:${stamp}:`).update(raw).digest();
    if (!timingSafeEqual(given, expected)) return refuse(res, nowMs, 'mismatch');

    if (timestamp > nowSeconds + SLACK_REQUEST_WINDOW_SECONDS) {
      log.warn(
        { code: 'SLACK_FUTURE_TIMESTAMP', aheadSeconds: timestamp - nowSeconds },
        'refused a Slack request dated in the future',
      );
      return endWith(res, 401);
    }
    if (seen.has(given)) {
      if (header(req, 'x-slack-retry-num') !== undefined) return endWith(res, 200);
      if (seen.firstReport(given))
        log.warn(
          { code: 'SLACK_REPLAY' },
          'refused a replayed Slack request (signature already seen); further replays of it are refused silently',
        );
      return endWith(res, 401);
    }
    seen.add(given, timestamp);
    seen.forgetBefore(nowSeconds - SLACK_REQUEST_WINDOW_SECONDS);
    next();
  };

  // A body too large (413) or cut off (400) is refused as body-parser says, before anything else reads it.
  return (req: SlackRequest, res: ServerResponse, next: () => void): void =>
    readBody(req as never, res as never, (error?: unknown) => {
      if (error) return endWith(res, (error as { status?: number }).status ?? 400);
      check(req, res, next);
    });
}
