/**
 * A small Discord stand-in on loopback that understands sharding: `GET /gateway/bot` recommends a shard count,
 * each gateway session's IDENTIFY is recorded with its `[shard_id, num_shards]`, and an interaction is dispatched
 * on the one session that owns the server (as Discord routes guild events by `(guild_id >> 22) % num_shards`).
 * Records callbacks, command registrations, and sessions closing, for the sharding and shutdown tests.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayOpcodes, type APIChatInputApplicationCommandGuildInteraction } from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import { backendCommand, guildInteractionBase } from '../support/fakeDiscord.js';
import { waitUntil } from '../support/waitUntil.js';

export const TOKEN = 'MTAxShardTest.Token.abcdefghijklmnopqrstuvwxyz012345';
export const APPLICATION_ID = '310000000000000001';

interface Session {
  socket: WebSocket;
  shard: [number, number];
  closedWith?: number;
}

export class FakeShardedDiscord {
  readonly sessions: Session[] = [];
  readonly callbacks: { interactionId: string; body: { type: number; data?: Record<string, unknown> } }[] = [];
  readonly registrations: string[] = [];
  private readonly listeners = new Set<() => void>();
  private counter = 0;

  private constructor(
    private readonly server: Server,
    private readonly gateway: WebSocketServer,
    readonly port: number,
    private readonly recommendedShards: number,
  ) {}

  static async start(options: { recommendedShards: number }): Promise<FakeShardedDiscord> {
    const server = createServer();
    const gateway = new WebSocketServer({ server });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new FakeShardedDiscord(
      server,
      gateway,
      (server.address() as AddressInfo).port,
      options.recommendedShards,
    );
    server.on('request', (req, res) => void fake.onRequest(req, res));
    gateway.on('connection', (socket) => fake.onConnection(socket));
    return fake;
  }

  /** DISCORD_API_URL for the bot. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once `check` returns something, re-checked on every event the fake sees. */
  waitUntil<T>(check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    return waitUntil(this.listeners, check, timeoutMs);
  }

  /** A server id that Discord would route to `shardId` of `numShards`. */
  guildOnShard(shardId: number, numShards: number): string {
    for (let id = 400000000000000000n; ; id += 1n << 22n) {
      if (Number((id >> 22n) % BigInt(numShards)) === shardId) return id.toString();
    }
  }

  /** Sends `/backend question:<question>` from `guildId`, on the session that owns it; returns the interaction id. */
  askFrom(guildId: string, question: string): string {
    const open = this.sessions.filter((s) => s.closedWith === undefined);
    const numShards = open[0]?.shard[1] ?? 1;
    const shardId = Number((BigInt(guildId) >> 22n) % BigInt(numShards));
    const session = open.find((s) => s.shard[0] === shardId);
    if (!session) throw new Error(`fake Discord: no open session for shard ${shardId}`);
    const id = String(500000000000000000n + BigInt(++this.counter));
    const payload: APIChatInputApplicationCommandGuildInteraction = {
      ...guildInteractionBase({ id, token: `interaction-token-${id}`, applicationId: APPLICATION_ID, guildId }),
      ...backendCommand(question),
    };
    session.socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t: 'INTERACTION_CREATE', s: 2, d: payload }));
    return id;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private onConnection(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 45_000 } }));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { op: number; d: { token?: string; shard?: [number, number] } };
      if (message.op === GatewayOpcodes.Heartbeat) {
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      } else if (message.op === GatewayOpcodes.Identify) {
        if (message.d.token !== TOKEN) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const session: Session = { socket, shard: message.d.shard ?? [0, 1] };
        this.sessions.push(session);
        socket.on('close', (code) => {
          session.closedWith = code;
          this.notify();
        });
        const user = {
          id: APPLICATION_ID,
          username: 'backend',
          discriminator: '0',
          global_name: null,
          avatar: null,
          bot: true,
        };
        socket.send(
          JSON.stringify({
            op: GatewayOpcodes.Dispatch,
            t: 'READY',
            s: 1,
            d: {
              v: 10,
              user,
              guilds: [],
              session_id: `session-${session.shard[0]}`,
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
              shard: session.shard,
              application: { id: APPLICATION_ID, flags: 0 },
            },
          }),
        );
      }
      this.notify();
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
      this.notify();
    };
    if (req.headers.authorization !== undefined && req.headers.authorization !== `Bot ${TOKEN}`) {
      return reply(401, { code: 0, message: '401: Unauthorized' });
    }
    let match: RegExpExecArray | null;
    if (req.method === 'GET' && path === '/api/v10/gateway/bot') {
      return reply(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 16 },
      });
    }
    if (req.method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      this.registrations.push(path);
      return reply(
        200,
        (JSON.parse(text) as object[]).map((c, i) => ({
          ...c,
          id: String(600 + i),
          application_id: APPLICATION_ID,
          version: '1',
        })),
      );
    }
    if (req.method === 'POST' && (match = /^\/api\/v10\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path))) {
      this.callbacks.push({
        interactionId: match[1]!,
        body: JSON.parse(text) as { type: number; data?: Record<string, unknown> },
      });
      return reply(204);
    }
    return reply(404, { code: 0, message: `404: Not Found (${req.method} ${path})` });
  }
}
