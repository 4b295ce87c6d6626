import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Signal } from './waitUntil.js';

/**
 * A stand-in for Slack on 127.0.0.1: the Web API (`auth.test`, `chat.postMessage`, `apps.connections.open`, …),
 * `response_url`s, and the Socket Mode WebSocket. It records what the bot sends so tests can assert on what a
 * person would see, and answers the way Slack does (including `invalid_auth` for a wrong token). Also here: the
 * request signing Slack does, and builders for the payloads Slack posts to `/slack/events`.
 */

/**
 * Slack's documented Block Kit limits, restated here from Slack's reference (not imported from the adapter), so a
 * wrong constant in the adapter fails a test instead of agreeing with itself.
 * https://api.slack.com/reference/block-kit/blocks and …/block-elements#button
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  headerText: 150,
  messageText: 40_000,
  modalTitle: 24,
  modalButton: 24,
  modalBlocks: 100,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

/** What Slack would refuse in a `views.open` / `views.update` view (`invalid_arguments`); empty when it takes it. */
export function slackViewProblems(view: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const textOf = (t: unknown) => (t as { text?: string } | undefined)?.text ?? '';
  if (view.type !== 'modal') problems.push(`view type ${String(view.type)}`);
  const title = textOf(view.title);
  if (title === '' || title.length > SLACK_LIMITS.modalTitle) problems.push(`modal title ${title.length}`);
  for (const key of ['submit', 'close'] as const) {
    if (textOf(view[key]).length > SLACK_LIMITS.modalButton) problems.push(`${key} text ${textOf(view[key]).length}`);
  }
  const blocks = Array.isArray(view.blocks) ? (view.blocks as { type: string }[]) : [];
  if (blocks.length === 0 || blocks.length > SLACK_LIMITS.modalBlocks) problems.push(`${blocks.length} modal blocks`);
  if (blocks.some((b) => b.type === 'input') && view.submit === undefined) problems.push('input without submit');
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > SLACK_LIMITS.privateMetadata)
    problems.push(`private_metadata ${view.private_metadata.length}`);
  if (typeof view.callback_id === 'string' && view.callback_id.length > SLACK_LIMITS.callbackId)
    problems.push(`callback_id ${view.callback_id.length}`);
  problems.push(...slackMessageProblems({ blocks }));
  return problems;
}

/** What Slack would refuse in a message body (`invalid_blocks`); empty when Slack would take it. */
export function slackMessageProblems(message: Record<string, unknown>): string[] {
  const problems: string[] = [];
  type TextObject = { text?: string };
  type Element = { text?: TextObject | string; value?: string };
  type Block = { type: string; text?: TextObject; elements?: Element[] };
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Block[]) : [];
  const textOf = (t: TextObject | string | undefined) => (typeof t === 'string' ? t : (t?.text ?? ''));
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) problems.push(`${blocks.length} blocks`);
  if (typeof message.text === 'string' && message.text.length > SLACK_LIMITS.messageText)
    problems.push('text too long');
  for (const block of blocks) {
    const text = textOf(block.text).length;
    const elements = block.elements ?? [];
    if (block.type === 'section' && text > SLACK_LIMITS.sectionText) problems.push(`section text ${text}`);
    if (block.type === 'header' && text > SLACK_LIMITS.headerText) problems.push(`header text ${text}`);
    if (block.type === 'context') {
      if (elements.length > SLACK_LIMITS.contextElements) problems.push(`${elements.length} context elements`);
      for (const e of elements)
        if (textOf(e.text).length > SLACK_LIMITS.sectionText) problems.push('context text too long');
    }
    if (block.type === 'actions') {
      if (elements.length > SLACK_LIMITS.actionsElements) problems.push(`${elements.length} actions elements`);
      for (const e of elements) {
        if (textOf(e.text).length > SLACK_LIMITS.buttonText) problems.push(`button text ${textOf(e.text).length}`);
        if ((e.value?.length ?? 0) > SLACK_LIMITS.buttonValue) problems.push(`button value ${e.value?.length}`);
      }
    }
  }
  return problems;
}

/** A message the fake refused, and why; a passing test should leave none. */
export interface Rejection {
  where: string;
  problems: string[];
}

/** A Web API call as the bot made it; `blocks` (sent as a JSON string in form bodies) is parsed back. */
export interface RecordedApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The token the call carried (Authorization header or `token` field). */
  token: string | undefined;
}

/** A message the bot posted to a response_url. */
export interface RecordedResponse {
  url: string;
  body: Record<string, unknown>;
}

/** A message in a channel, as `conversations.replies` returns it. */
export interface SlackStoredMessage {
  ts: string;
  text?: string | undefined;
  user?: string | undefined;
  bot_id?: string | undefined;
  thread_ts?: string | undefined;
  /** `thread_broadcast`: a thread reply also shown in the channel (`reply_broadcast`). */
  subtype?: string | undefined;
  blocks?: unknown;
}

/** What the bot sent back over Socket Mode for one envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** A modal the bot opened (views.open) or replaced (views.update), as Slack keeps it. */
export interface OpenedView {
  id: string;
  /** Whose screen it is on: the user whose trigger_id opened it. */
  user: string | undefined;
  view: Record<string, unknown>;
}

/** A person as `users.info` describes them. */
export interface FakeSlackUser {
  id: string;
  name: string;
  displayName?: string;
  realName?: string;
}

export interface FakeSlackOptions {
  botToken: string;
  /** Needed only for Socket Mode (`apps.connections.open`). */
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
}

export interface FakeSlack {
  /** For SLACK_API_URL / `clientOptions.slackApiUrl` (ends with a slash). */
  readonly apiUrl: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly apiCalls: readonly RecordedApiCall[];
  readonly responses: readonly RecordedResponse[];
  /** Messages Slack would have refused (response_url posts and chat.postMessage beyond its limits). */
  readonly rejections: readonly Rejection[];
  /** A fresh response_url for one request. */
  responseUrl(): string;
  calls(method: string): RecordedApiCall[];
  responsesTo(url: string): RecordedResponse[];
  /** Resolves with `find()`'s first defined result, re-checked on every request the fake receives. */
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** Sends a Socket Mode envelope to every connected client and resolves with the first ack. */
  sendEnvelope(envelope: { type: string; payload: unknown; accepts_response_payload?: boolean }): Promise<SocketAck>;
  /** Socket Mode connections currently open. */
  readonly socketClients: number;
  /**
   * Keeps a person's message as Slack would (the bot's own posts are kept automatically), so that
   * `conversations.replies` answers with the whole thread.
   */
  remember(channel: string, message: SlackStoredMessage): void;
  /** The messages kept in `channel`, oldest first. */
  messagesIn(channel: string): SlackStoredMessage[];
  /** The message with `ts` in `channel` as it stands now (after any chat.update). */
  message(channel: string, ts: string): SlackStoredMessage | undefined;
  /**
   * Sets a user group's members (`usergroups.users.list`); `undefined` makes the group unknown to Slack
   * (`no_such_subteam`).
   */
  setUsergroup(id: string, users: readonly string[] | undefined): void;
  /** Adds people `users.info` knows. */
  addUsers(...users: FakeSlackUser[]): void;
  /** Modals opened so far, newest last; a `views.update` replaces the view in place. */
  readonly views: readonly OpenedView[];
  /** Trigger ids handed out by the payload builders are valid once; this issues a fresh one for `user`. */
  trigger(user: string): string;
  close(): Promise<void>;
}

/** Starts the stand-in on a random loopback port. */
export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0TEAM';
  const botUserId = options.botUserId ?? 'U0BOT';
  const botId = options.botId ?? 'B0BOT';
  const apiCalls: RecordedApiCall[] = [];
  const responses: RecordedResponse[] = [];
  const rejections: Rejection[] = [];
  const pendingAcks = new Map<string, (ack: SocketAck) => void>();
  const news = new Signal('fake Slack');
  const channels = new Map<string, SlackStoredMessage[]>();
  const remember = (channel: string, message: SlackStoredMessage) => {
    const list = channels.get(channel) ?? [];
    list.push(message);
    list.sort((a, b) => Number(a.ts) - Number(b.ts));
    channels.set(channel, list);
  };
  let ts = 1_700_000_000;
  const usergroups = new Map<string, readonly string[]>();
  const users = new Map<string, FakeSlackUser>();
  const views: OpenedView[] = [];
  /** trigger_id -> user: Slack lets each be exchanged once (and only briefly). */
  const triggers = new Map<string, string>();
  let viewCount = 0;
  const findMessage = (channel: string, at: string) => channels.get(channel)?.find((m) => m.ts === at);

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      news.notify();
    };

    if (req.method === 'POST' && url.pathname.startsWith('/respond/')) {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const problems = slackMessageProblems(body);
      if (problems.length > 0) {
        rejections.push({ where: 'response_url', problems });
        return reply(200, { ok: false, error: 'invalid_blocks' });
      }
      responses.push({ url: `${base}${url.pathname}`, body });
      return reply(200, { ok: true });
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/'))
      return reply(404, { ok: false, error: 'unknown_method' });

    const method = url.pathname.slice('/api/'.length);
    const args = parseApiArgs(raw, req.headers['content-type']);
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    apiCalls.push({ method, args, token });

    if (method === 'apps.connections.open') {
      if (token !== options.appToken) return reply(200, { ok: false, error: 'invalid_auth' });
      return reply(200, { ok: true, url: `ws://127.0.0.1:${port}/socket-mode` });
    }
    if (token !== options.botToken) return reply(200, { ok: false, error: 'invalid_auth' });
    switch (method) {
      case 'auth.test':
        return reply(200, {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'bot',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        });
      case 'chat.postMessage': {
        const problems = slackMessageProblems(args);
        if (problems.length > 0) {
          rejections.push({ where: method, problems });
          return reply(200, { ok: false, error: 'invalid_blocks' });
        }
        ts += 1;
        const posted: SlackStoredMessage = {
          ts: `${ts}.000100`,
          text: args.text as string | undefined,
          user: botUserId,
          bot_id: botId,
          blocks: args.blocks,
          ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
          ...(typeof args.thread_ts === 'string' && String(args.reply_broadcast) === 'true'
            ? { subtype: 'thread_broadcast' }
            : {}),
        };
        remember(String(args.channel), posted);
        return reply(200, { ok: true, channel: args.channel, ts: posted.ts, message: { ...args, ...posted } });
      }
      case 'conversations.replies': {
        const thread = (channels.get(String(args.channel)) ?? []).filter(
          (m) => m.ts === args.ts || m.thread_ts === args.ts,
        );
        if (thread.length === 0) return reply(200, { ok: false, error: 'thread_not_found' });
        const limit = Number(args.limit ?? 1000);
        return reply(200, { ok: true, messages: thread.slice(0, limit), has_more: thread.length > limit });
      }
      case 'chat.postEphemeral': {
        const problems = slackMessageProblems(args);
        if (problems.length > 0) {
          rejections.push({ where: method, problems });
          return reply(200, { ok: false, error: 'invalid_blocks' });
        }
        ts += 1;
        return reply(200, { ok: true, message_ts: `${ts}.000200` });
      }
      case 'chat.update': {
        const stored = findMessage(String(args.channel), String(args.ts));
        if (!stored) return reply(200, { ok: false, error: 'message_not_found' });
        if (stored.bot_id !== botId) return reply(200, { ok: false, error: 'cant_update_message' });
        const problems = slackMessageProblems(args);
        if (problems.length > 0) {
          rejections.push({ where: method, problems });
          return reply(200, { ok: false, error: 'invalid_blocks' });
        }
        stored.text = args.text as string | undefined;
        stored.blocks = args.blocks;
        return reply(200, { ok: true, channel: args.channel, ts: stored.ts, text: stored.text });
      }
      case 'chat.getPermalink': {
        const stored = findMessage(String(args.channel), String(args.message_ts));
        if (!stored) return reply(200, { ok: false, error: 'message_not_found' });
        const thread = stored.thread_ts && stored.thread_ts !== stored.ts ? `?thread_ts=${stored.thread_ts}` : '';
        const permalink = `https://fake.slack.test/archives/${String(args.channel)}/p${stored.ts.replace('.', '')}${thread}`;
        return reply(200, { ok: true, channel: args.channel, permalink });
      }
      case 'conversations.open': {
        const who = String(args.users ?? '')
          .split(',')
          .filter((u) => u !== '');
        if (who.length !== 1) return reply(200, { ok: false, error: 'invalid_arguments' });
        return reply(200, { ok: true, channel: { id: `D${who[0]!.slice(1)}` } });
      }
      case 'usergroups.users.list': {
        const members = usergroups.get(String(args.usergroup));
        if (members === undefined) return reply(200, { ok: false, error: 'no_such_subteam' });
        return reply(200, { ok: true, users: [...members] });
      }
      case 'users.info': {
        const user = users.get(String(args.user));
        if (user === undefined) return reply(200, { ok: false, error: 'user_not_found' });
        return reply(200, {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.realName ?? user.name,
            profile: { display_name: user.displayName ?? '', real_name: user.realName ?? user.name },
          },
        });
      }
      case 'views.open': {
        const user = triggers.get(String(args.trigger_id));
        if (user === undefined) return reply(200, { ok: false, error: 'invalid_trigger_id' });
        triggers.delete(String(args.trigger_id));
        const view = (typeof args.view === 'string' ? JSON.parse(args.view) : args.view) as Record<string, unknown>;
        const problems = slackViewProblems(view);
        if (problems.length > 0) {
          rejections.push({ where: method, problems });
          return reply(200, { ok: false, error: 'invalid_arguments' });
        }
        viewCount += 1;
        const opened = { id: `V${String(viewCount).padStart(8, '0')}`, user, view };
        views.push(opened);
        return reply(200, { ok: true, view: { id: opened.id, ...view } });
      }
      case 'views.update': {
        const opened = views.find((v) => v.id === args.view_id);
        if (opened === undefined) return reply(200, { ok: false, error: 'not_found' });
        const view = (typeof args.view === 'string' ? JSON.parse(args.view) : args.view) as Record<string, unknown>;
        const problems = slackViewProblems(view);
        if (problems.length > 0) {
          rejections.push({ where: method, problems });
          return reply(200, { ok: false, error: 'invalid_arguments' });
        }
        opened.view = view;
        return reply(200, { ok: true, view: { id: opened.id, ...view } });
      }
      default:
        return reply(200, { ok: true });
    }
  });

  const sockets = new WebSocketServer({ server, path: '/socket-mode' });
  const clients = new Set<WebSocket>();
  sockets.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      pendingAcks.get(ack.envelope_id)?.(ack);
      pendingAcks.delete(ack.envelope_id);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    teamId,
    botUserId,
    botId,
    apiCalls,
    responses,
    rejections,
    responseUrl: () => `${base}/respond/${randomUUID()}`,
    calls: (method) => apiCalls.filter((c) => c.method === method),
    responsesTo: (url) => responses.filter((r) => r.url === url),
    waitFor: (find, timeoutMs = 3000) => news.waitUntil(find, timeoutMs),
    sendEnvelope: (envelope) => {
      const envelopeId = randomUUID();
      const acked = new Promise<SocketAck>((resolve) => pendingAcks.set(envelopeId, resolve));
      const message = JSON.stringify({ envelope_id: envelopeId, accepts_response_payload: false, ...envelope });
      for (const client of clients) client.send(message);
      return acked;
    },
    get socketClients() {
      return clients.size;
    },
    remember,
    messagesIn: (channel) => [...(channels.get(channel) ?? [])],
    message: findMessage,
    setUsergroup: (id, members) => {
      if (members === undefined) usergroups.delete(id);
      else usergroups.set(id, [...members]);
    },
    addUsers: (...people) => {
      for (const person of people) users.set(person.id, person);
    },
    views,
    trigger: (user) => {
      const id = `${Date.now()}.${randomUUID().slice(0, 8)}`;
      triggers.set(id, user);
      return id;
    },
    close: async () => {
      for (const client of clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Web API client sends form bodies in which `blocks` and `attachments` are JSON strings. */
function parseApiArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments', 'metadata', 'view']) {
    if (typeof args[key] === 'string') args[key] = JSON.parse(args[key]);
  }
  return args;
}

// ---- Requests as Slack sends them to /slack/events ----

/** Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignatureHeaders(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** A request body with the content type Slack uses for it. */
export interface SlackRequestBody {
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  body: string;
}

/** Posts a body to the bot the way Slack does: signed, unless a test overrides the headers to forge or age it. */
export async function postToSlackEvents(
  url: string,
  request: SlackRequestBody,
  signing: { signingSecret: string; timestamp?: number; headers?: Record<string, string> },
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      ...slackSignatureHeaders(signing.signingSecret, request.body, signing.timestamp),
      ...signing.headers,
    },
    body: request.body,
  });
  return { status: response.status, text: await response.text() };
}

/** Who does things in the payloads below. */
export interface SlackActor {
  teamId: string;
  userId: string;
  userName: string;
}

/** A `/backend` slash command (form encoded, as Slack sends it). */
export function slashCommandBody(
  actor: SlackActor,
  text: string,
  responseUrl: string,
  command = '/backend',
): SlackRequestBody {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: actor.teamId,
    team_domain: 'fake',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: actor.userId,
    user_name: actor.userName,
    command,
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  });
  return { contentType: 'application/x-www-form-urlencoded', body: form.toString() };
}

/** Where a click or shortcut happens, when not on an ephemeral message in #general. */
export interface SlackPlace {
  channel?: string;
  /** The message clicked (or shortcut), as Slack sends it with a non-ephemeral message. */
  message?: SlackStoredMessage;
  /** A trigger from {@link FakeSlack.trigger}, for the bot to open a modal with. */
  triggerId?: string;
}

/** A `block_actions` payload for one button click; `ephemeral` says whether the clicked message was ephemeral. */
export function buttonClickBody(
  actor: SlackActor,
  button: { action_id: string; value?: string | undefined; block_id?: string },
  responseUrl: string,
  ephemeral = true,
  place: SlackPlace = {},
): SlackRequestBody {
  const channel = place.channel ?? 'C0GENERAL';
  const messageTs = place.message?.ts ?? '1700000000.000100';
  const threadTs = place.message?.thread_ts;
  const payload = {
    type: 'block_actions',
    user: { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: ephemeral,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    },
    trigger_id: place.triggerId ?? '1.2.3',
    team: { id: actor.teamId, domain: 'fake' },
    channel: { id: channel, name: channel.toLowerCase() },
    ...(ephemeral ? {} : { message: { type: 'message', ...(place.message ?? { ts: messageTs }) } }),
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: button.block_id ?? 'answer_actions',
        text: { type: 'plain_text', text: 'button' },
        value: button.value,
        action_ts: '1700000001.000000',
      },
    ],
  };
  return formPayload(payload);
}

/** What a person typed or picked in one input of a modal, as `view.state.values[block][action]` carries it. */
export type ViewInputValue =
  | { type: 'plain_text_input'; value: string | null }
  | { type: 'radio_buttons'; selected_option: { value: string; text?: { type: 'plain_text'; text: string } } | null };

/** A `view_submission` payload: `actor` pressed the modal's submit button with these inputs. */
export function viewSubmissionBody(
  actor: SlackActor,
  opened: OpenedView,
  values: Record<string, Record<string, ViewInputValue>>,
): SlackRequestBody {
  return formPayload({
    type: 'view_submission',
    team: { id: actor.teamId, domain: 'fake' },
    user: { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    trigger_id: '1.2.4',
    view: {
      ...opened.view,
      id: opened.id,
      team_id: actor.teamId,
      app_id: 'A0APP',
      bot_id: 'B0BOT',
      hash: '1700000000.abcdef',
      state: { values },
    },
    response_urls: [],
    is_enterprise_install: false,
  });
}

/** A message shortcut used on a message with `text` (by default someone else's, in #general, not in a thread). */
export function messageShortcutBody(
  actor: SlackActor,
  callbackId: string,
  text: string,
  responseUrl: string,
  place: SlackPlace = {},
): SlackRequestBody {
  const message = place.message ?? { ts: '1700000000.000300', user: 'U0OTHER' };
  return formPayload({
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: '1700000002.000000',
    team: { id: actor.teamId, domain: 'fake' },
    user: { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId },
    channel: { id: place.channel ?? 'C0GENERAL', name: 'general' },
    callback_id: callbackId,
    trigger_id: place.triggerId ?? '1.2.3',
    message_ts: message.ts,
    message: { type: 'message', ...message, text },
    response_url: responseUrl,
  });
}

/** An Events API `event_callback` wrapping `event` (JSON, as Slack sends it). */
export function eventCallbackBody(teamId: string, event: Record<string, unknown>): SlackRequestBody {
  return { contentType: 'application/json', body: JSON.stringify(eventCallback(teamId, event)) };
}

/** The `event_callback` envelope itself, for Socket Mode `events_api` payloads too. */
export function eventCallback(teamId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  };
}

function formPayload(payload: unknown): SlackRequestBody {
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  };
}
