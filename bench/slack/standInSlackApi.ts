import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running stand-in for Slack's Web API. */
export interface StandInSlackApi {
  /** For SLACK_API_URL (ends with a slash, as the Web API client wants). */
  apiUrl: string;
  /** Where slash-command payloads say to send follow-ups; counted, not checked. */
  responseUrl: string;
  /** Follow-ups received on `responseUrl` (the slow path; zero when every answer travels in the ack). */
  followUps(): number;
  close(): Promise<void>;
}

/**
 * Answers `auth.test` (which Bolt calls at start) for both apps under test, on 127.0.0.1, so their start-up pays
 * the same round trip it pays against Slack. Every other call answers `{ok:true}`.
 */
export async function startStandInSlackApi(): Promise<StandInSlackApi> {
  let followUps = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/response/')) followUps++;
      const body = req.url?.startsWith('/api/auth.test')
        ? {
            ok: true,
            url: 'https://bench.slack.example/',
            team: 'bench',
            user: 'bot',
            team_id: 'T0BENCH',
            user_id: 'U0BOT',
            bot_id: 'B0BOT',
          }
        : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: `http://127.0.0.1:${port}/response/bench`,
    followUps: () => followUps,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
