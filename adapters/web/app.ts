import { existsSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { passageLink } from '../../src/answer/citation.js';
import { toAnswerJson } from '../../src/answer/toAnswerJson.js';
import type { Logger } from '../../src/log.js';
import { isHelpRequest } from '../../src/service/help.js';
import type { PreviewRenderer } from '../../src/service/previewRenderer.js';
import { FRIENDLY_ERROR_TEXT, STALE_BUTTON_TEXT, voteThanksText } from '../../src/service/texts.js';
import type {
  AskOutcome,
  BotService,
  HelpContent,
  MentorNoticeCode,
  Notice,
  RateLimiter,
} from '../../src/service/types.js';
import { mentorAnswerDocId } from '../../src/mentors/mentorDocuments.js';
import { toUserKey } from '../../src/service/userKey.js';
import type { InsightsReport, Store } from '../../src/store/types.js';
import { renderDocsIndex, renderDocumentNotFound, renderDocumentPage } from './docsPages.js';
import { renderInsightsPage } from './insightsPage.js';
import { renderMentorAnswerGone, renderMentorAnswerPage } from './mentorAnswerPage.js';
import { methodNotAllowed } from './notFound.js';
import { renderPlaygroundPage } from './playgroundPage.js';
import { previewAnswer, previewHelp, previewNotice } from './preview.js';
import { feedbackBody, MAX_QUESTION_CHARS, readAskQuery, type ApiError } from './requests.js';
import { presentedToken, securityHeaders, tokenMatches } from './security.js';
import { createVoteGuard } from './voteGuard.js';

/**
 * Node refuses request heads over 16 KB with a bare 431 before the app sees them; the web server accepts more, so
 * a pasted 100 KB question reaches the app and gets a 400 that says what to do.
 */
export const MAX_REQUEST_HEAD_BYTES = 256 * 1024;

/** Largest JSON body `/api/feedback` reads. */
export const MAX_FEEDBACK_BODY = '16kb';

export interface WebAppOptions {
  service: BotService;
  /** For `/insights` and `/readyz`; votes go through the service. */
  store: Store;
  logger: Logger;
  /** Origin of the links posted to chat; the canonical address of the docs pages. */
  publicUrl: string;
  /** INSIGHTS_TOKEN; without it `/insights` answers 404. */
  insightsToken?: string | undefined;
  /** Whether the corpus is loaded and the bot can answer (for `/healthz`). */
  isReady: () => boolean;
  /**
   * The platforms the playground previews (the chat adapters' renderers, handed in by the composition root), asked
   * for on each preview: the composition root loads them on first use, as they pull in the platforms' own types.
   */
  previews: () => Promise<readonly PreviewRenderer[]>;
  /** Limits votes per reader on `/api/feedback` (a bucket apart from questions, at the same rate). */
  voteLimiter: RateLimiter;
  /**
   * TRUST_PROXY, as express's `trust proxy`: which proxies may name the client in `X-Forwarded-For` (a hop count or
   * their addresses). `false` trusts none, so a client cannot pick its own address to dodge the rate limit.
   */
  trustProxy: false | number | readonly string[];
}

/** The folder of the page's CSS and JS, found from this file both in the source tree and in the built dist/. */
function publicDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'adapters', 'web', 'public');
}

const NOTICE_STATUS: Readonly<Record<Notice['code'], number>> = {
  RATE_LIMITED: 429,
  BUSY: 503,
  INTERNAL: 500,
  STORE_UNAVAILABLE: 503,
};

/** HTTP statuses of the refusals an edit or retire from /insights can meet; the rest are 400. */
const MENTOR_ANSWER_STATUS: Partial<Record<MentorNoticeCode, number>> = {
  ANSWER_NOT_FOUND: 404,
  ANSWER_RETIRED: 409,
  STORE_UNAVAILABLE: 503,
};

function sendError(res: Response, error: ApiError & { retryAfterSeconds?: number | undefined }): void {
  if (error.retryAfterSeconds !== undefined)
    res.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  res.status(error.status).json({ error: { code: error.code, message: error.message } });
}

/** A service notice as the API's error, with Retry-After when the reader was rate-limited. */
const noticeError = (notice: Notice) => ({
  status: NOTICE_STATUS[notice.code],
  code: notice.code,
  message: notice.text,
  retryAfterSeconds: notice.retryAfterSeconds,
});

/** Errors body-parser raises for a bad request (bad JSON, too large): the client's fault, said plainly. */
function clientError(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (type === 'entity.too.large')
    return { status: 413, code: 'BODY_TOO_LARGE', message: `Send at most ${MAX_FEEDBACK_BODY} of JSON.` };
  if (type === 'entity.parse.failed') return { status: 400, code: 'BAD_JSON', message: 'The body is not valid JSON.' };
  return { status, code: 'BAD_REQUEST', message: 'The request could not be read.' };
}

/**
 * The one express app for everything served over HTTP: the playground, `/api/*`, the docs pages, `/insights`
 * and `/healthz`. The composition root listens with it (see {@link createWebServer}), routing Slack's POSTs to
 * `/slack/events` to the Slack adapter ahead of it; the metrics endpoint mounts its route onto the same app, which is
 * why nothing here catches all paths.
 */
export function createWebApp(options: WebAppOptions): express.Express {
  const { service, store, insightsToken, previews } = options;
  const log = options.logger.child({ component: 'web' });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', typeof options.trustProxy === 'object' ? [...options.trustProxy] : options.trustProxy);
  const votes = createVoteGuard({ limiter: options.voteLimiter });

  const routes = express.Router();
  routes.use(securityHeaders);

  routes.get('/healthz', (_req, res) => {
    if (options.isReady()) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'starting' });
  });

  // Answering needs no database, so /healthz (the probes) ignores the store; /readyz says whether saving works too.
  routes.get('/readyz', (_req, res) => {
    const answering = options.isReady();
    const storeStatus = store.status();
    const ok = answering && storeStatus === 'ready';
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ok' : 'degraded', answering: answering ? 'ok' : 'starting', store: storeStatus });
  });

  routes.get('/', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, MAX_QUESTION_CHARS) : '';
    res.type('html').send(renderPlaygroundPage(service.help(), q));
  });

  /** A bad query, a help request (`help`, `?`), or the service's outcome; readers are rate-limited by their address. */
  const ask = async (
    req: Request,
  ): Promise<AskOutcome | { kind: 'invalid'; error: ApiError } | { kind: 'help'; help: HelpContent }> => {
    const query = readAskQuery(req.query);
    if (!query.ok) return { kind: 'invalid', error: query.error };
    if (isHelpRequest(query.question)) return { kind: 'help', help: service.help() };
    const userKey = toUserKey('web', req.ip ?? 'unknown');
    return service.ask({ platform: 'web', userKey, question: query.question, offset: query.offset });
  };

  routes.all('/api/ask', methodNotAllowed('GET'));
  routes.all('/api/preview', methodNotAllowed('GET'));
  routes.all('/api/feedback', methodNotAllowed('POST'));

  routes.get('/api/ask', async (req, res) => {
    const outcome = await ask(req);
    if (outcome.kind === 'invalid') return sendError(res, outcome.error);
    if (outcome.kind === 'help') return res.json({ help: outcome.help });
    if (outcome.kind === 'notice') return sendError(res, noticeError(outcome.notice));
    res.json(toAnswerJson(outcome.answer));
  });

  routes.get('/api/preview', async (req, res) => {
    const outcome = await ask(req);
    if (outcome.kind === 'invalid') return sendError(res, outcome.error);
    const renderers = await previews();
    if (outcome.kind === 'help') return res.json(previewHelp(renderers, outcome.help));
    if (outcome.kind === 'notice') {
      const { notice } = outcome;
      if (notice.retryAfterSeconds !== undefined) res.set('Retry-After', String(notice.retryAfterSeconds));
      return res
        .status(NOTICE_STATUS[notice.code])
        .json({ error: { code: notice.code, message: notice.text }, ...previewNotice(renderers, notice) });
    }
    // A first page only: a thread answer has no "More results".
    const inThread = outcome.answer.offset === 0 ? service.previewInThread(outcome.answer.question) : undefined;
    res.json(previewAnswer(renderers, outcome.answer, inThread));
  });

  routes.post('/api/feedback', express.json({ limit: MAX_FEEDBACK_BODY }), async (req, res) => {
    const parsed = feedbackBody.safeParse(req.body);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'body';
      return sendError(res, {
        status: 400,
        code: 'BAD_FEEDBACK',
        message: `Send JSON {"question": string, "passageId": string, "helpful": boolean} (problem with ${where}).`,
      });
    }
    const { question, passageId, helpful } = parsed.data;
    if (!service.hasPassage(passageId)) {
      // A made-up id, or a vote from a page older than the corpus: the same "expired" line a chat button gets.
      return sendError(res, { status: 400, code: 'UNKNOWN_PASSAGE', message: STALE_BUTTON_TEXT });
    }
    // The web has no user id, so the store cannot replace a repeat vote as it does for chat: the guard counts one
    // vote each way per reader address, passage and question (in memory), and rate-limits votes in their own bucket.
    const reader = toUserKey('web', req.ip ?? 'unknown');
    const admission = votes.admit(reader, { passageId, question, helpful });
    if (!admission.ok && admission.reason === 'RATE_LIMITED') {
      return sendError(res, {
        status: 429,
        code: 'RATE_LIMITED',
        message: `Too many votes at once. Please wait ${admission.retryAfterSeconds} seconds and try again.`,
        retryAfterSeconds: admission.retryAfterSeconds,
      });
    }
    // A repeat of a counted vote is thanked (a double click is not an error) but not counted again.
    if (admission.ok) {
      const saved = await service.recordVote({ platform: 'web', question, passageId, helpful });
      if (!saved.ok) {
        votes.forget(reader, { passageId, question, helpful });
        return sendError(res, noticeError(saved.notice));
      }
    }
    res.json({ message: voteThanksText(helpful) });
  });

  routes.get('/docs', (_req, res) => {
    res.type('html').send(renderDocsIndex(service.documents()));
  });

  routes.get('/docs/mentor-answers/:id', async (req, res) => {
    let answer: Awaited<ReturnType<BotService['mentorAnswer']>>;
    try {
      answer = await service.mentorAnswer(req.params.id);
    } catch (error) {
      log.warn({ err: error, code: 'STORE_UNAVAILABLE' }, 'mentor answer page unavailable');
      return sendError(res, {
        status: 503,
        code: 'STORE_UNAVAILABLE',
        message: 'The database is unavailable right now; this answer is back when it is.',
      });
    }
    if (!answer || answer.state === 'retired') {
      const state = answer ? 'retired' : 'missing';
      return res
        .status(answer ? 410 : 404)
        .type('html')
        .send(renderMentorAnswerGone(state));
    }
    res.set('Link', `<${passageLink(options.publicUrl, mentorAnswerDocId(answer.id), '')}>; rel="canonical"`);
    res.type('html').send(renderMentorAnswerPage(answer));
  });

  routes.get('/docs/:doc', (req, res) => {
    const doc = service.documents().find((d) => d.id === req.params.doc);
    if (!doc) {
      res.status(404).type('html').send(renderDocumentNotFound(req.params.doc));
      return;
    }
    res.set('Link', `<${passageLink(options.publicUrl, doc.id, '')}>; rel="canonical"`);
    res.type('html').send(renderDocumentPage(doc));
  });

  /** The INSIGHTS_TOKEN the request presented (header, `?token=`, or a form's field), or why it may not see insights. */
  const insightsAccess = (req: Request, res: Response): string | undefined => {
    if (!insightsToken) {
      sendError(res, {
        status: 404,
        code: 'NOT_FOUND',
        message: 'Insights are off: set INSIGHTS_TOKEN to turn them on.',
      });
      return undefined;
    }
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    const field = (req.body as { token?: unknown } | undefined)?.token;
    const token = presentedToken(req) ?? (typeof field === 'string' && field !== '' ? field : undefined);
    if (!token || !tokenMatches(token, insightsToken)) {
      res.set('WWW-Authenticate', 'Bearer realm="insights"');
      sendError(res, {
        status: 401,
        code: 'UNAUTHORIZED',
        message:
          'Insights need the INSIGHTS_TOKEN: send Authorization: Bearer <token>, or open /insights?token=<token>.',
      });
      return undefined;
    }
    return token;
  };

  routes.get('/insights', async (req, res) => {
    const token = insightsAccess(req, res);
    if (token === undefined) return;
    let report: InsightsReport;
    try {
      report = await store.insights.report();
    } catch (error) {
      log.warn({ err: error, code: 'STORE_UNAVAILABLE' }, 'insights unavailable');
      return sendError(res, {
        status: 503,
        code: 'STORE_UNAVAILABLE',
        message: 'The database is unavailable right now; insights are back when it is.',
      });
    }
    if (req.accepts(['html', 'json']) === 'json') return res.json(report);
    res.type('html').send(renderInsightsPage(report, token));
  });

  routes.all('/insights/mentor-answers/:id', methodNotAllowed('POST'));
  // The maintainers' edit and retire: a form on /insights, behind the same token (in the form, so no cookie is
  // needed and no other site can forge the request).
  routes.post(
    '/insights/mentor-answers/:id',
    express.urlencoded({ extended: false, limit: MAX_FEEDBACK_BODY }),
    async (req, res) => {
      const token = insightsAccess(req, res);
      if (token === undefined) return;
      const { action, text } = req.body as { action?: unknown; text?: unknown };
      const id = req.params.id;
      const outcome =
        action === 'retire'
          ? await service.retireMentorAnswer(id, { maintainer: true })
          : action === 'edit' && typeof text === 'string'
            ? await service.editMentorAnswer(id, { maintainer: true }, text)
            : undefined;
      if (!outcome) {
        return sendError(res, {
          status: 400,
          code: 'BAD_REQUEST',
          message: 'Send action=edit with text, or action=retire.',
        });
      }
      if (!outcome.ok) {
        const { code, text: message } = outcome.notice;
        return sendError(res, { status: MENTOR_ANSWER_STATUS[code] ?? 400, code, message });
      }
      res.redirect(303, `/insights?token=${encodeURIComponent(token)}#mentor-answers`);
    },
  );

  routes.use('/static', express.static(publicDir(), { index: false, redirect: false }));

  routes.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const known = clientError(error);
    if (known) return sendError(res, known);
    log.error({ err: error, code: 'WEB_INTERNAL' }, 'web request failed');
    sendError(res, { status: 500, code: 'INTERNAL', message: FRIENDLY_ERROR_TEXT });
  });

  app.use(routes);
  return app;
}

/**
 * The HTTP server for the web app, accepting request heads up to {@link MAX_REQUEST_HEAD_BYTES} so an over-long
 * `?q=` gets the app's friendly 400 rather than Node's bare 431. The composition root calls `listen` on it.
 */
export function createWebServer(app: RequestListener): Server {
  return createServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES }, app);
}
