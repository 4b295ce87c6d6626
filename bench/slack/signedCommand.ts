import { createHmac } from 'node:crypto';

/** The signing secret both apps under test are started with; a benchmark value, never a real one. */
export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

/**
 * One `/backend` slash command as Slack sends it: a form body signed with v0 HMAC-SHA256 over
 * `v0:<timestamp>:<body>`. Each request names its own user, so the bot's per-user rate limit (a real cost) is
 * paid but never refuses: the benchmark measures answers, not "slow down" notices.
 */
export function signedSlashCommand(question: string, n: number, responseUrl: string, secret = BENCH_SIGNING_SECRET) {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'general',
    user_id: `U${n.toString(36).toUpperCase().padStart(8, '0')}`,
    user_name: 'bench',
    command: '/backend',
    text: question,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${n}.bench`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
  };
}
