/**
 * A stand-in for Discord on loopback, for driving the REAL discord.js client end to end: an HTTP server for
 * the REST API (gateway lookup, command registration, interaction callbacks, webhook edits and follow-ups)
 * and, on the same port, a WebSocket gateway (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs) that
 * dispatches the INTERACTION_CREATE payloads a test builds. Like Discord, it refuses message bodies that break
 * Discord's limits (400, code 50035) and callbacks that come after 3 seconds or twice (404 10062 / 400 40060),
 * so a test passing here means Discord would have accepted the same requests.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayOpcodes,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageType,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIEmbed,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandGuildInteraction,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitGuildInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIUser,
  type Locale,
} from 'discord-api-types/v10';
import { waitUntil } from './waitUntil.js';
import { WebSocketServer, type WebSocket } from 'ws';

/** Discord's documented limits, restated independently of the code under test. */
const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedsTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceText: 100,
  firstResponseMs: 3000,
  modalTitle: 45,
  modalComponents: 5,
  labelText: 45,
  labelDescription: 100,
  textInput: 4000,
  textInputPlaceholder: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
} as const;

/** A JSON body the bot sent for an interaction, in order: the callback, then edits, follow-ups, deletes. */
/** What tests read of a reply body the bot sent (an interaction callback's data or a webhook body). */
export interface ReplyBody {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    url?: string;
    author?: { name: string };
    footer?: { text: string };
    fields?: { name: string; value: string }[];
  }[];
  components?: { components: { custom_id: string; label: string }[] }[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
  choices?: { name: string; value: string }[];
}

export interface Delivery {
  interactionId: string;
  kind: 'callback' | 'edit' | 'followup' | 'delete';
  /** The callback type (4 message, 5 deferred, 7 update, 8 autocomplete); undefined for webhook calls. */
  callbackType?: InteractionResponseType;
  /** The message body (callback `data`, or the webhook body). */
  data: Record<string, unknown>;
  /** Milliseconds after the interaction was dispatched. */
  afterMs: number;
}

/** A request the fake refused, and why; a passing test should leave none. */
export interface Rejection {
  method: string;
  path: string;
  status: number;
  problems: string[];
}

export interface FakeDiscordOptions {
  token: string;
  applicationId: string;
  /** The server the bot is in (sent as GUILD_CREATE after READY) and where interactions come from. */
  guildId?: string;
  heartbeatIntervalMs?: number;
  /** Channels of the guild besides #general (sent in GUILD_CREATE), e.g. a forum or a Q&A text channel. */
  channels?: { id: string; type: ChannelType.GuildText | ChannelType.GuildForum; name: string }[];
  /** Roles of the guild besides @everyone (sent in GUILD_CREATE), e.g. the mentors' role. */
  roles?: { id: string; name: string }[];
}

/** A message the bot posted to a channel or thread (`POST /channels/{id}/messages`), as Discord received it. */
export interface ChannelPost {
  channelId: string;
  body: Record<string, unknown>;
  message: APIMessage;
}

/** GatewayIntentBits, restated: a message event is only sent with GuildMessages; its text only with MessageContent. */
const INTENT_GUILD_MESSAGES = 1 << 9;
const INTENT_MESSAGE_CONTENT = 1 << 15;

interface PendingInteraction {
  payload: APIInteraction;
  dispatchedAt: number;
  acknowledged: boolean;
  original?: APIMessage;
}

/** The person who clicks and types in these tests. */
export const TEST_USER: APIUser = {
  id: '210000000000000001',
  username: 'ada',
  global_name: 'Ada Lovelace',
  discriminator: '0',
  avatar: null,
};
/** Their server nickname, which a shared answer should name. */
export const TEST_NICKNAME = 'Ada (mentor)';
export const CHANNEL_ID = '210000000000000002';
export const DM_CHANNEL_ID = '210000000000000012';

/** Who acts in an interaction, and where: TEST_USER in #general unless a test says otherwise. */
export interface Actor {
  user?: APIUser;
  /** Server nickname (null: none). */
  nick?: string | null;
  /** Role ids the member has in the server. */
  roles?: string[];
  /** Channel (or thread) the interaction happens in. */
  channelId?: string;
  /** The thread's parent channel, when `channelId` is a thread. */
  parentId?: string;
}

/**
 * The fields every guild interaction carries, as Discord sends them (TESTING-NOTES.md lists the ones discord.js
 * needs); shared by the stand-ins so each builds only what differs.
 */
export function guildInteractionBase(
  ids: { id: string; token: string; applicationId: string; guildId: string },
  actor: Actor = {},
) {
  const { guildId } = ids;
  const channelId = actor.channelId ?? CHANNEL_ID;
  const member: APIInteractionGuildMember = {
    user: actor.user ?? TEST_USER,
    nick: actor.nick === undefined ? TEST_NICKNAME : actor.nick,
    roles: actor.roles ?? [],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    permissions: '2248473465835073',
  };
  const channel = actor.parentId
    ? {
        id: channelId,
        type: ChannelType.PublicThread as const,
        guild_id: guildId,
        name: 'thread',
        parent_id: actor.parentId,
      }
    : {
        id: channelId,
        type: ChannelType.GuildText as const,
        guild_id: guildId,
        name: channelId === CHANNEL_ID ? 'general' : 'channel',
      };
  return {
    id: ids.id,
    application_id: ids.applicationId,
    token: ids.token,
    version: 1 as const,
    guild_id: guildId,
    guild: { id: guildId, locale: 'en-US' as Locale, features: [] },
    channel_id: channelId,
    channel,
    member,
    app_permissions: '2248473465835073',
    locale: 'en-US' as Locale,
    guild_locale: 'en-US' as Locale,
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 8 * 1024 * 1024,
  };
}

/** The `type` and `data` of `/backend`, with or without `question:`. */
export function backendCommand(question?: string) {
  return {
    type: InteractionType.ApplicationCommand as const,
    data: {
      id: '210000000000000100',
      name: 'backend',
      type: ApplicationCommandType.ChatInput as const,
      ...(question === undefined
        ? {}
        : { options: [{ type: ApplicationCommandOptionType.String as const, name: 'question', value: question }] }),
    },
  };
}

export class FakeDiscord {
  readonly deliveries: Delivery[] = [];
  readonly rejections: Rejection[] = [];
  readonly commandRegistrations: { scope: 'global' | 'guild'; guildId?: string; body: unknown }[] = [];
  readonly identifies: { intents: number; token: string }[] = [];
  /** Authorization headers seen on REST calls (to check where the token goes). */
  readonly authorizations: { path: string; authorization: string | undefined }[] = [];
  readonly heartbeatsAcked = { count: 0 };

  /** Messages the bot posted to channels and threads, in order. */
  readonly channelPosts: ChannelPost[] = [];
  /** Edits the bot made to channel messages (`PATCH /channels/{id}/messages/{id}`), in order. */
  readonly channelEdits: ChannelPost[] = [];
  /** The last body the bot sent for each of its messages (post, PATCH or type 7 update), by message id. */
  private readonly bodies = new Map<string, Record<string, unknown>>();
  /** Role ids of the server's members, by user id (what `GET /guilds/{id}/members/{user}` and interactions show). */
  private readonly members = new Map<string, string[]>();
  /** People who do not accept direct messages from server members: posting to their DM is refused (50007). */
  readonly closedDms = new Set<string>();
  private readonly dmChannels = new Map<string, string>();
  private readonly messagesByChannel = new Map<string, APIMessage[]>();
  private readonly pending = new Map<string, PendingInteraction>();
  private readonly sockets = new Set<WebSocket>();
  private readonly listeners = new Set<() => void>();
  private sequence = 0;
  private snowflakeCounter = 0;

  private constructor(
    readonly options: FakeDiscordOptions,
    private readonly server: Server,
    private readonly gateway: WebSocketServer,
    readonly port: number,
  ) {}

  /** Starts the fake on 127.0.0.1 at a random port. */
  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const server = createServer();
    const gateway = new WebSocketServer({ server });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new FakeDiscord(options, server, gateway, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => void fake.onRequest(req, res));
    gateway.on('connection', (socket) => fake.onConnection(socket));
    return fake;
  }

  /** Makes `user` a member of the server with `roles` (their interactions and member lookups then show them). */
  setMember(user: APIUser, roles: string[]): void {
    this.members.set(user.id, [...roles]);
  }

  /**
   * The last body the bot sent for message `messageId` (its post, or its latest edit): what it shows now and, for a
   * post, whom it pinged (edits never ping; their own allowed_mentions say what they would have).
   */
  bodyOf(messageId: string): Record<string, unknown> | undefined {
    return this.bodies.get(messageId);
  }

  /** The DM channel Discord opened between the bot and `userId`, if the bot opened one. */
  dmChannelOf(userId: string): string | undefined {
    return this.dmChannels.get(userId);
  }

  /** What discord.js's `rest.api` option (DISCORD_API_URL) should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── Interactions ────────────────────────────────────────────────────────────────────────────────────

  /** Sends INTERACTION_CREATE to every connected client, and remembers it so callbacks can be checked. */
  dispatch(payload: APIInteraction): void {
    this.pending.set(payload.id, { payload, dispatchedAt: Date.now(), acknowledged: false });
    this.send({ op: GatewayOpcodes.Dispatch, t: 'INTERACTION_CREATE', s: ++this.sequence, d: payload });
  }

  /**
   * Sends INTERACTION_CREATE for an interaction Discord no longer knows (its token expired, or another
   * process answered it): every callback to it gets 404 Unknown interaction, as from Discord.
   */
  dispatchExpired(payload: APIInteraction): void {
    this.send({ op: GatewayOpcodes.Dispatch, t: 'INTERACTION_CREATE', s: ++this.sequence, d: payload });
  }

  /** Dispatches and waits for the bot's callback (its first response) to that interaction. */
  async interact(payload: APIInteraction, timeoutMs = 5000): Promise<Delivery> {
    this.dispatch(payload);
    return this.waitForDelivery((d) => d.interactionId === payload.id && d.kind === 'callback', timeoutMs);
  }

  /** Everything sent for one interaction so far. */
  deliveriesFor(interactionId: string): Delivery[] {
    return this.deliveries.filter((d) => d.interactionId === interactionId);
  }

  /** Resolves with the first delivery (past or future) matching `match`. */
  async waitForDelivery(match: (d: Delivery) => boolean, timeoutMs = 5000): Promise<Delivery> {
    return this.waitUntil(() => this.deliveries.find(match), timeoutMs);
  }

  /** Resolves once `check` returns something, re-checking on every request the fake handles. */
  waitUntil<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
    return waitUntil(this.listeners, check, timeoutMs);
  }

  /**
   * The message an interaction's reply became (after edits), as Discord would include it in a later button
   * click on that message.
   */
  messageOf(interactionId: string): APIMessage {
    const original = this.pending.get(interactionId)?.original;
    if (!original) throw new Error(`fake Discord: interaction ${interactionId} has no message`);
    return original;
  }

  /** A Discord-shaped id, increasing like real snowflakes. */
  snowflake(): string {
    return ((BigInt(Date.now() - 1420070400000) << 22n) | BigInt(++this.snowflakeCounter % 4096)).toString();
  }

  // ── Channel messages (gateway events and the REST routes that read and post them) ───────────────────

  private get lastIntents(): number {
    return this.identifies.at(-1)?.intents ?? 0;
  }

  private keep(message: APIMessage): void {
    const list = this.messagesByChannel.get(message.channel_id) ?? [];
    list.push(message);
    this.messagesByChannel.set(message.channel_id, list);
  }

  /** Applies an edit (type 7 callback or PATCH) to a kept message, as later reads and clicks will see it. */
  private update(message: APIMessage, data: Record<string, unknown>): APIMessage {
    const list = this.messagesByChannel.get(message.channel_id) ?? [];
    const index = list.findIndex((m) => m.id === message.id);
    const base = index >= 0 ? list[index]! : message;
    const edited: APIMessage = {
      ...base,
      ...(typeof data.content === 'string' ? { content: data.content } : {}),
      ...(Array.isArray(data.embeds) ? { embeds: data.embeds as APIEmbed[] } : {}),
      ...(Array.isArray(data.components)
        ? { components: data.components as NonNullable<APIMessage['components']> }
        : {}),
      edited_timestamp: new Date().toISOString(),
    };
    if (index >= 0) list[index] = edited;
    this.bodies.set(message.id, data);
    return edited;
  }

  /** The message as it is now (after edits), from the channel it was posted in. */
  current(message: APIMessage): APIMessage {
    return this.messagesByChannel.get(message.channel_id)?.find((m) => m.id === message.id) ?? message;
  }

  /** Messages in a channel or thread, oldest first (people's and the bot's). */
  messagesIn(channelId: string): APIMessage[] {
    return [...(this.messagesByChannel.get(channelId) ?? [])];
  }

  /** The bot's posts to one channel or thread. */
  postsIn(channelId: string): ChannelPost[] {
    return this.channelPosts.filter((p) => p.channelId === channelId);
  }

  /**
   * A person writes `content` in a channel or thread. Discord sends MESSAGE_CREATE only to a bot with the
   * GuildMessages intent, and empties `content` unless the bot has MessageContent or is mentioned in it.
   */
  userMessage(
    channelId: string,
    content: string,
    options: { mentionBot?: boolean; author?: APIUser; id?: string } = {},
  ): APIMessage {
    const author = options.author ?? TEST_USER;
    const roles = this.members.get(author.id) ?? [];
    const botUser = this.botUser();
    const text = options.mentionBot ? `<@${this.options.applicationId}> ${content}` : content;
    const message: APIMessage = {
      ...this.messageShell(options.id ?? this.snowflake()),
      channel_id: channelId,
      author,
      content: text,
      mentions: options.mentionBot ? [botUser] : [],
      type: MessageType.Default,
    };
    this.keep(message);
    if ((this.lastIntents & INTENT_GUILD_MESSAGES) === 0) return message;
    const readable = options.mentionBot || (this.lastIntents & INTENT_MESSAGE_CONTENT) !== 0;
    const guildId = this.options.guildId ?? '210000000000000009';
    this.send({
      op: GatewayOpcodes.Dispatch,
      t: 'MESSAGE_CREATE',
      s: ++this.sequence,
      d: {
        ...message,
        content: readable ? text : '',
        guild_id: guildId,
        member: { roles, joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      },
    });
    return message;
  }

  /**
   * Someone starts a thread on `messageId` in `parentId` (Discord's "Create Thread" on a message): THREAD_CREATE
   * for a public thread whose id is the message's id, as Discord makes it.
   */
  startThread(parentId: string, messageId: string, name = 'Thread'): { threadId: string } {
    this.send({
      op: GatewayOpcodes.Dispatch,
      t: 'THREAD_CREATE',
      s: ++this.sequence,
      d: this.threadChannel(messageId, parentId, name),
    });
    return { threadId: messageId };
  }

  /**
   * A new post in a forum: THREAD_CREATE (a public thread whose parent is the forum), then its starter message,
   * whose id is the thread's id, as Discord sends them.
   */
  forumPost(
    forumId: string,
    title: string,
    content: string,
    options: { mentionBot?: boolean } = {},
  ): { threadId: string } {
    const threadId = this.snowflake();
    this.send({
      op: GatewayOpcodes.Dispatch,
      t: 'THREAD_CREATE',
      s: ++this.sequence,
      d: this.threadChannel(threadId, forumId, title),
    });
    this.userMessage(threadId, content, { ...options, id: threadId });
    return { threadId };
  }

  private threadChannel(id: string, parentId: string, name: string) {
    return {
      id,
      guild_id: this.options.guildId ?? '210000000000000009',
      parent_id: parentId,
      owner_id: TEST_USER.id,
      type: ChannelType.PublicThread,
      name,
      last_message_id: id,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      applied_tags: [],
      flags: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 4320,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
      newly_created: true,
    };
  }

  // ── Payload builders (guild context, as Discord sends them) ─────────────────────────────────────────

  private base(actor: Actor = {}) {
    return guildInteractionBase(
      {
        id: this.snowflake(),
        token: `interaction-token-${this.snowflake()}`,
        applicationId: this.options.applicationId,
        guildId: this.options.guildId ?? '210000000000000009',
      },
      { ...actor, ...(actor.roles || !actor.user ? {} : { roles: this.members.get(actor.user.id) ?? [] }) },
    );
  }

  /** `/backend` with or without `question:`. */
  slashCommand(question?: string, actor: Actor = {}): APIChatInputApplicationCommandGuildInteraction {
    return { ...this.base(actor), ...backendCommand(question) };
  }

  /** The user is typing `typed` into `question:`. */
  autocomplete(typed: string): APIApplicationCommandAutocompleteGuildInteraction {
    return {
      ...this.base(),
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: '210000000000000100',
        name: 'backend',
        type: ApplicationCommandType.ChatInput,
        options: [{ type: ApplicationCommandOptionType.String, name: 'question', value: typed, focused: true }],
      },
    };
  }

  /** The same interaction as if it came from a DM with the bot: a `user` instead of a guild `member`. */
  inDirectMessage<T extends APIInteraction>(payload: T): T {
    const { guild_id: _guildId, guild: _guild, member, guild_locale: _locale, ...rest } = payload;
    const user = member?.user ?? TEST_USER;
    return {
      ...rest,
      user,
      channel_id: DM_CHANNEL_ID,
      channel: { id: DM_CHANNEL_ID, type: ChannelType.DM, recipients: [user] },
      authorizing_integration_owners: { '0': this.options.guildId ?? '210000000000000009' },
      context: InteractionContextType.BotDM,
    } as T;
  }

  /** A click on the button `customId` of `message` (in the message's channel, by TEST_USER unless `actor` says). */
  buttonClick(message: APIMessage, customId: string, actor: Actor = {}): APIMessageComponentButtonInteraction {
    return {
      ...this.base({ channelId: message.channel_id, ...actor }),
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: customId, component_type: ComponentType.Button },
    };
  }

  /** A choice of `values` in the select menu `customId` of `message`. */
  selectChoice(
    message: APIMessage,
    customId: string,
    values: string[],
    actor: Actor = {},
  ): APIMessageComponentSelectMenuInteraction {
    return {
      ...this.base({ channelId: message.channel_id, ...actor }),
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
    } as APIMessageComponentSelectMenuInteraction;
  }

  /**
   * The person who got the modal `opened` (a type 9 callback) fills it in and presses Submit: a MODAL_SUBMIT with
   * one value per input, by custom_id (a string for a text input, the chosen values for a select). Like Discord,
   * it carries the message when the modal was opened from a button on one.
   */
  modalSubmit(opened: Delivery, values: Record<string, string | string[]>): APIModalSubmitGuildInteraction {
    const opener = this.pending.get(opened.interactionId)?.payload;
    if (!opener || opened.callbackType !== InteractionResponseType.Modal)
      throw new Error('fake Discord: that delivery did not open a modal');
    const modal = opened.data as { custom_id: string; components: ModalLabel[] };
    const components = modal.components.map((label) => {
      const input = label.component;
      const value = values[input.custom_id];
      return {
        type: ComponentType.Label as const,
        id: label.id ?? 0,
        component:
          input.type === ComponentType.TextInput
            ? { type: ComponentType.TextInput as const, id: 0, custom_id: input.custom_id, value: String(value ?? '') }
            : {
                type: ComponentType.StringSelect as const,
                id: 0,
                custom_id: input.custom_id,
                values: Array.isArray(value) ? value : value === undefined ? [] : [value],
              },
      };
    });
    const {
      id: _id,
      token: _token,
      type: _type,
      data: _data,
      ...context
    } = opener as APIInteraction & {
      message?: APIMessage;
    };
    return {
      ...context,
      id: this.snowflake(),
      token: `interaction-token-${this.snowflake()}`,
      type: InteractionType.ModalSubmit,
      data: { custom_id: modal.custom_id, components },
    } as APIModalSubmitGuildInteraction;
  }

  /** Apps › `name` (a message context-menu command) on `target`, by TEST_USER unless `actor` says. */
  messageCommand(name: string, target: APIMessage, actor: Actor = {}): APIMessageApplicationCommandGuildInteraction {
    return {
      ...this.base({ channelId: target.channel_id, ...actor }),
      type: InteractionType.ApplicationCommand,
      data: {
        id: '210000000000000101',
        name,
        type: ApplicationCommandType.Message,
        target_id: target.id,
        resolved: { messages: { [target.id]: target } },
      },
    };
  }

  /** Apps › Find an answer on a message someone else wrote. */
  findAnswer(content: string): APIMessageApplicationCommandGuildInteraction {
    const target: APIMessage = {
      ...this.messageShell(this.snowflake()),
      author: { id: '210000000000000005', username: 'grace', global_name: 'Grace', discriminator: '0', avatar: null },
      content,
      type: MessageType.Default,
    };
    return this.messageCommand('Find an answer', target);
  }

  private messageShell(id: string): Omit<APIMessage, 'author' | 'content' | 'type'> {
    return {
      id,
      channel_id: CHANNEL_ID,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
    };
  }

  /** The bot's own user, as the gateway and messages show it. */
  private botUser(): APIUser {
    return {
      id: this.options.applicationId,
      username: 'backend',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    };
  }

  private botMessage(id: string, body: Record<string, unknown>): APIMessage {
    return {
      ...this.messageShell(id),
      author: this.botUser(),
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [],
      components: Array.isArray(body.components) ? (body.components as NonNullable<APIMessage['components']>) : [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      type: MessageType.ChatInputCommand,
      application_id: this.options.applicationId,
      webhook_id: this.options.applicationId,
    };
  }

  // ── Gateway ─────────────────────────────────────────────────────────────────────────────────────────

  private send(payload: unknown): void {
    const text = JSON.stringify(payload);
    for (const socket of this.sockets) socket.send(text);
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 45_000 },
      }),
    );
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { op: number; d: { token?: string; intents?: number } };
      if (message.op === GatewayOpcodes.Heartbeat) {
        this.heartbeatsAcked.count++;
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      } else if (message.op === GatewayOpcodes.Identify) {
        this.identifies.push({ intents: message.d.intents ?? -1, token: message.d.token ?? '' });
        if (message.d.token !== this.options.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        this.sendReady(socket);
      } else if (message.op === GatewayOpcodes.Resume) {
        socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      }
      this.notify();
    });
  }

  private sendReady(socket: WebSocket): void {
    const guildId = this.options.guildId;
    const user = this.botUser();
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Dispatch,
        t: 'READY',
        s: ++this.sequence,
        d: {
          v: 10,
          user,
          guilds: guildId ? [{ id: guildId, unavailable: true }] : [],
          session_id: 'fake-session',
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: this.options.applicationId, flags: 0 },
        },
      }),
    );
    if (!guildId) return;
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Dispatch,
        t: 'GUILD_CREATE',
        s: ++this.sequence,
        d: {
          id: guildId,
          name: 'Backend mentors',
          icon: null,
          owner_id: '210000000000000005',
          joined_at: '2024-01-01T00:00:00.000Z',
          large: false,
          unavailable: false,
          member_count: 2,
          roles: [
            {
              id: guildId,
              name: '@everyone',
              permissions: '0',
              position: 0,
              color: 0,
              hoist: false,
              managed: false,
              mentionable: false,
              flags: 0,
            },
            ...(this.options.roles ?? []).map((role, i) => ({
              ...role,
              permissions: '0',
              position: i + 1,
              color: 0,
              hoist: false,
              managed: false,
              mentionable: true,
              flags: 0,
            })),
          ],
          emojis: [],
          stickers: [],
          features: [],
          channels: [
            { id: CHANNEL_ID, type: ChannelType.GuildText, name: 'general', position: 0, permission_overwrites: [] },
            ...(this.options.channels ?? []).map((c, i) => ({
              ...c,
              position: i + 1,
              permission_overwrites: [],
              ...(c.type === ChannelType.GuildForum
                ? {
                    available_tags: [],
                    default_reaction_emoji: null,
                    default_sort_order: null,
                    default_forum_layout: 0,
                  }
                : {}),
            })),
          ],
          threads: [],
          members: [],
          presences: [],
          voice_states: [],
          stage_instances: [],
          guild_scheduled_events: [],
          soundboard_sounds: [],
          preferred_locale: 'en-US',
        },
      }),
    );
  }

  // ── REST ────────────────────────────────────────────────────────────────────────────────────────────

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    this.authorizations.push({ path, authorization: req.headers.authorization });
    let body: Record<string, unknown> | unknown[] = {};
    if (raw) body = JSON.parse(raw) as Record<string, unknown> | unknown[];

    const reply = (status: number, json?: unknown) => {
      res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
      res.end(json === undefined ? undefined : JSON.stringify(json));
      this.notify();
    };
    const refuse = (status: number, code: number, problems: string[]) => {
      this.rejections.push({ method, path, status, problems });
      reply(status, { code, message: problems.join('; '), errors: {} });
    };
    const authorized = req.headers.authorization === `Bot ${this.options.token}`;
    const app = this.options.applicationId;
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      if (!authorized) return refuse(401, 0, ['401: Unauthorized']);
      return reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'PUT' && (match = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (!authorized) return refuse(401, 0, ['401: Unauthorized']);
      if (match[1] !== app) return refuse(403, 50001, ['Missing Access']);
      const guildId = match[2];
      this.commandRegistrations.push({ scope: guildId ? 'guild' : 'global', ...(guildId ? { guildId } : {}), body });
      const commands = (body as Record<string, unknown>[]).map((c) => ({
        ...c,
        id: this.snowflake(),
        application_id: app,
        version: '1',
      }));
      return reply(200, commands);
    }
    if (method === 'POST' && (match = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const pending = this.pending.get(match[1]!);
      if (!pending || pending.payload.token !== match[2]) return refuse(404, 10062, ['Unknown interaction']);
      const afterMs = Date.now() - pending.dispatchedAt;
      if (afterMs > LIMITS.firstResponseMs)
        return refuse(404, 10062, [`Unknown interaction (answered after ${afterMs} ms)`]);
      if (pending.acknowledged) return refuse(400, 40060, ['Interaction has already been acknowledged.']);
      const callback = body as { type: InteractionResponseType; data?: Record<string, unknown> };
      const problems = checkCallback(callback, pending.payload.type);
      if (problems.length > 0) return refuse(400, 50035, problems);
      pending.acknowledged = true;
      const data = callback.data ?? {};
      if (
        callback.type === InteractionResponseType.ChannelMessageWithSource ||
        callback.type === InteractionResponseType.DeferredChannelMessageWithSource
      ) {
        pending.original = this.botMessage(this.snowflake(), data);
      }
      const clicked = 'message' in pending.payload ? pending.payload.message : undefined;
      if (callback.type === InteractionResponseType.UpdateMessage && clicked) this.update(clicked, data);
      this.deliveries.push({
        interactionId: pending.payload.id,
        kind: 'callback',
        callbackType: callback.type,
        data,
        afterMs,
      });
      if (url.searchParams.get('with_response') !== 'true') return reply(204);
      return reply(200, {
        interaction: {
          id: pending.payload.id,
          type: pending.payload.type,
          response_message_id: pending.original?.id,
          response_message_loading: callback.type === InteractionResponseType.DeferredChannelMessageWithSource,
          response_message_ephemeral: ((Number(data.flags) || 0) & 64) === 64,
        },
        resource: { type: callback.type, ...(pending.original ? { message: pending.original } : {}) },
      });
    }
    if ((match = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path))) {
      const pending = [...this.pending.values()].find((p) => p.payload.token === match![2]);
      if (match[1] !== app || !pending) return refuse(404, 10015, ['Unknown Webhook']);
      if (!pending.acknowledged) return refuse(404, 10008, ['Unknown Message (the interaction was not acknowledged)']);
      const afterMs = Date.now() - pending.dispatchedAt;
      const data = body as Record<string, unknown>;
      if (method === 'PATCH' && match[3]) {
        const problems = checkMessage(data);
        if (problems.length > 0) return refuse(400, 50035, problems);
        pending.original = this.botMessage(pending.original?.id ?? this.snowflake(), { ...pending.original, ...data });
        this.deliveries.push({ interactionId: pending.payload.id, kind: 'edit', data, afterMs });
        return reply(200, pending.original);
      }
      if (method === 'DELETE' && match[3]) {
        this.deliveries.push({ interactionId: pending.payload.id, kind: 'delete', data: {}, afterMs });
        return reply(204);
      }
      if (method === 'POST' && !match[3]) {
        const problems = checkMessage(data);
        if (problems.length > 0) return refuse(400, 50035, problems);
        this.deliveries.push({ interactionId: pending.payload.id, kind: 'followup', data, afterMs });
        return reply(200, this.botMessage(this.snowflake(), data));
      }
    }
    if (method === 'GET' && (match = /^\/api\/v10\/guilds\/(\d+)\/members\/(\d+)$/.exec(path))) {
      if (!authorized) return refuse(401, 0, ['401: Unauthorized']);
      const roles = this.members.get(match[2]!);
      if (match[1] !== (this.options.guildId ?? '210000000000000009') || !roles)
        return refuse(404, 10007, ['Unknown Member']);
      return reply(200, {
        user: { id: match[2], username: `user${match[2]}`, discriminator: '0', global_name: null, avatar: null },
        nick: null,
        roles,
        joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
      });
    }
    if (method === 'POST' && path === '/api/v10/users/@me/channels') {
      if (!authorized) return refuse(401, 0, ['401: Unauthorized']);
      const recipient = String((body as { recipient_id?: unknown }).recipient_id ?? '');
      if (!/^\d+$/.test(recipient)) return refuse(400, 50035, ['recipient_id is not a snowflake']);
      const channelId = this.dmChannels.get(recipient) ?? this.snowflake();
      this.dmChannels.set(recipient, channelId);
      return reply(200, {
        id: channelId,
        type: ChannelType.DM,
        last_message_id: null,
        flags: 0,
        recipients: [
          { id: recipient, username: `user${recipient}`, discriminator: '0', global_name: null, avatar: null },
        ],
      });
    }
    if ((match = /^\/api\/v10\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path))) {
      if (!authorized) return refuse(401, 0, ['401: Unauthorized']);
      const channelId = match[1]!;
      const kept = this.messagesByChannel.get(channelId) ?? [];
      if (method === 'PATCH' && match[2]) {
        const found = kept.find((m) => m.id === match![2]);
        if (!found) return refuse(404, 10008, ['Unknown Message']);
        const data = body as Record<string, unknown>;
        const problems = checkMessage(data);
        if (problems.length > 0) return refuse(400, 50035, problems);
        const edited = this.update(found, data);
        this.channelEdits.push({ channelId, body: data, message: edited });
        return reply(200, edited);
      }
      const closedDm = [...this.dmChannels].find(([user, id]) => id === channelId && this.closedDms.has(user));
      if (method === 'POST' && closedDm) return refuse(403, 50007, ['Cannot send messages to this user']);
      if (method === 'GET' && match[2]) {
        const found = kept.find((m) => m.id === match![2]);
        return found ? reply(200, found) : refuse(404, 10008, ['Unknown Message']);
      }
      if (method === 'GET') {
        const limit = Number(url.searchParams.get('limit') ?? 50);
        return reply(200, [...kept].reverse().slice(0, limit));
      }
      if (method === 'POST' && !match[2]) {
        const data = body as Record<string, unknown>;
        const problems = checkMessage(data);
        if (Number(data.flags ?? 0) & 64) problems.push('a channel message cannot be ephemeral');
        if (problems.length > 0) return refuse(400, 50035, problems);
        const message = {
          ...this.botMessage(this.snowflake(), data),
          channel_id: channelId,
          type: MessageType.Default,
        };
        const reference = data.message_reference as { message_id?: string } | undefined;
        if (reference?.message_id)
          Object.assign(message, {
            type: MessageType.Reply,
            message_reference: { ...reference, channel_id: channelId },
          });
        this.keep(message);
        this.bodies.set(message.id, data);
        this.channelPosts.push({ channelId, body: data, message });
        reply(200, message);
        // Like Discord, the bot's own message comes back to it as an event (its text always readable to it).
        if ((this.lastIntents & INTENT_GUILD_MESSAGES) !== 0) {
          const guildId = this.options.guildId ?? '210000000000000009';
          this.send({
            op: GatewayOpcodes.Dispatch,
            t: 'MESSAGE_CREATE',
            s: ++this.sequence,
            d: { ...message, guild_id: guildId },
          });
        }
        return;
      }
    }
    refuse(404, 0, [`fake Discord has no route ${method} ${path}`]);
  }
}

function checkCallback(
  callback: { type: InteractionResponseType; data?: Record<string, unknown> },
  interactionType: InteractionType,
): string[] {
  switch (callback.type) {
    case InteractionResponseType.Modal:
      if (interactionType === InteractionType.ModalSubmit || interactionType === InteractionType.Ping)
        return ['a modal cannot answer a modal submit'];
      return checkModal(callback.data ?? {});
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.UpdateMessage:
      return checkMessage(callback.data ?? {});
    case InteractionResponseType.DeferredChannelMessageWithSource:
    case InteractionResponseType.DeferredMessageUpdate:
      return [];
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const choices = (callback.data?.choices ?? []) as { name: string; value: unknown }[];
      const problems = choices.length > LIMITS.choices ? [`${choices.length} choices (max ${LIMITS.choices})`] : [];
      for (const c of choices) {
        if (c.name.length < 1 || c.name.length > LIMITS.choiceText)
          problems.push(`choice name of ${c.name.length} characters`);
        if (String(c.value).length > LIMITS.choiceText)
          problems.push(`choice value of ${String(c.value).length} characters`);
      }
      return problems;
    }
    default:
      return [`callback type ${String(callback.type)} is not used by this bot`];
  }
}

/** A Label (type 18) of a modal with the one input it holds, as this bot sends them. */
interface ModalLabel {
  type: number;
  id?: number;
  label: string;
  description?: string;
  component: {
    type: number;
    custom_id: string;
    style?: number;
    value?: string;
    placeholder?: string;
    required?: boolean;
    min_length?: number;
    max_length?: number;
    min_values?: number;
    max_values?: number;
    options?: { label: string; value: string; description?: string }[];
  };
}

/** A modal (callback type 9) checked against Discord's published request schema (ModalInteractionCallbackRequestData). */
export function checkModal(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const length = (name: string, text: unknown, min: number, max: number) => {
    if (text === undefined || text === null) return;
    const n = String(text).length;
    if (n < min || n > max) problems.push(`${name} of ${n} characters (${min}..${max})`);
  };
  if (typeof data.custom_id !== 'string') problems.push('modal without custom_id');
  length('modal custom_id', data.custom_id, 1, LIMITS.customId);
  if (typeof data.title !== 'string') problems.push('modal without title');
  length('modal title', data.title, 1, LIMITS.modalTitle);
  const components = (Array.isArray(data.components) ? data.components : []) as ModalLabel[];
  if (components.length < 1 || components.length > LIMITS.modalComponents)
    problems.push(`${components.length} modal components`);
  for (const label of components) {
    // Action rows in modals are deprecated; this bot uses Labels, each holding one input.
    if (label.type !== ComponentType.Label) {
      problems.push(`modal component of type ${label.type} (this bot sends Labels)`);
      continue;
    }
    length('label', label.label, 1, LIMITS.labelText);
    length('label description', label.description, 1, LIMITS.labelDescription);
    const input = label.component;
    length('input custom_id', input.custom_id, 1, LIMITS.customId);
    if (input.type === ComponentType.TextInput) {
      if (input.style !== 1 && input.style !== 2) problems.push(`text input style ${input.style}`);
      length('text input value', input.value, 0, LIMITS.textInput);
      length('placeholder', input.placeholder, 0, LIMITS.textInputPlaceholder);
      for (const bound of [input.min_length, input.max_length])
        if (bound !== undefined && (bound < 0 || bound > LIMITS.textInput)) problems.push(`text input bound ${bound}`);
      if (input.min_length !== undefined && input.max_length !== undefined && input.min_length > input.max_length)
        problems.push('text input min_length above max_length');
    } else if (input.type === ComponentType.StringSelect) {
      const options = input.options ?? [];
      if (options.length < 1 || options.length > LIMITS.selectOptions) problems.push(`${options.length} options`);
      for (const o of options) {
        length('option label', o.label, 1, LIMITS.selectOptionText);
        length('option value', o.value, 1, LIMITS.selectOptionText);
        length('option description', o.description, 1, LIMITS.selectOptionText);
      }
      length('select placeholder', input.placeholder, 0, LIMITS.selectPlaceholder);
    } else {
      problems.push(`modal input of type ${input.type} is not used by this bot`);
    }
  }
  return problems;
}

/**
 * Who a message would really ping, by Discord's rules: only mentions in `content` (never in embeds), and of those only
 * what `allowed_mentions` permits (when it is absent, everything in the content pings). Entries are `everyone`,
 * `role:<id>` and `user:<id>`.
 */
export function pingsOf(body: { content?: unknown; allowed_mentions?: unknown }): string[] {
  const content = typeof body.content === 'string' ? body.content : '';
  const allowed = body.allowed_mentions as { parse?: string[]; roles?: string[]; users?: string[] } | undefined;
  const parse = allowed ? (allowed.parse ?? []) : ['everyone', 'roles', 'users'];
  const pings: string[] = [];
  if (/@(everyone|here)/.test(content) && parse.includes('everyone')) pings.push('everyone');
  for (const [, kind, id] of content.matchAll(/<@([!&]?)(\d+)>/g)) {
    const isRole = kind === '&';
    const listed = isRole ? allowed?.roles : allowed?.users;
    if (parse.includes(isRole ? 'roles' : 'users') || listed?.includes(id!))
      pings.push(`${isRole ? 'role' : 'user'}:${id}`);
  }
  return [...new Set(pings)];
}

/** Discord's message limits, checked the way the API does (400 Invalid Form Body). */
export function checkMessage(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const content = typeof data.content === 'string' ? data.content : '';
  const embeds = (Array.isArray(data.embeds) ? data.embeds : []) as APIEmbed[];
  const components = (Array.isArray(data.components) ? data.components : []) as {
    components?: { label?: string; custom_id?: string }[];
  }[];
  if (content.length > LIMITS.content) problems.push(`content of ${content.length} characters`);
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds`);
  let total = 0;
  for (const e of embeds) {
    const parts: [string, string | undefined, number][] = [
      ['title', e.title, LIMITS.title],
      ['description', e.description, LIMITS.description],
      ['footer', e.footer?.text, LIMITS.footer],
      ['author', e.author?.name, LIMITS.authorName],
    ];
    for (const [name, text, max] of parts) {
      if (text !== undefined && text.length > max) problems.push(`embed ${name} of ${text.length} characters`);
      total += text?.length ?? 0;
    }
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.fields) problems.push(`${fields.length} fields`);
    for (const f of fields) {
      if (f.name.length < 1 || f.name.length > LIMITS.fieldName)
        problems.push(`field name of ${f.name.length} characters`);
      if (f.value.length < 1 || f.value.length > LIMITS.fieldValue)
        problems.push(`field value of ${f.value.length} characters`);
      total += f.name.length + f.value.length;
    }
    // Discord answers "Not a well formed URL" for hosts without a top-level domain (localhost, a container name).
    if (e.url !== undefined && !/^https?:\/\/[^/:?#\s]+\.[a-z]{2,63}(:\d+)?([/?#]\S*)?$/i.test(e.url)) {
      problems.push(`embed url ${e.url}: Not a well formed URL`);
    }
  }
  if (total > LIMITS.embedsTotal) problems.push(`embeds total ${total} characters`);
  const allowed = data.allowed_mentions as { parse?: string[]; roles?: string[]; users?: string[] } | undefined;
  for (const kind of ['roles', 'users'] as const) {
    if (allowed?.parse?.includes(kind) && allowed[kind]?.length)
      problems.push(`allowed_mentions: parse "${kind}" and a ${kind} list are mutually exclusive`);
  }
  for (const row of components) {
    for (const c of row.components ?? []) {
      if ((c.label ?? '').length > LIMITS.buttonLabel) problems.push(`button label of ${c.label?.length} characters`);
      if ((c.custom_id ?? '').length > LIMITS.customId) problems.push(`custom_id of ${c.custom_id?.length} characters`);
    }
  }
  return problems;
}
