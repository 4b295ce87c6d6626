/**
 * The baseline of comparisons 3 and 4: a Bolt app that does nothing but acknowledge `/backend` with a fixed text,
 * on the same receiver as the bot (ExpressReceiver on an express app that also serves `/healthz`), with the same
 * start-up call (auth.test against SLACK_API_URL). Run as plain JavaScript by node, like `npm start` runs the bot:
 * bench/slack/compileBareApp.ts transpiles it into bench/.cache/.
 */
import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const web = express();
web.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
const app = new App({
  token: env('SLACK_BOT_TOKEN'),
  receiver: new ExpressReceiver({ signingSecret: env('SLACK_SIGNING_SECRET'), endpoints: '/slack/events', app: web }),
  clientOptions: { slackApiUrl: env('SLACK_API_URL') },
  deferInitialization: true,
  convoStore: false,
});
app.command('/backend', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'Thanks, noted.' });
});
await app.init();
web.listen(Number(env('PORT')), '127.0.0.1');
