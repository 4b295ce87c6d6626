import type { APIMessage } from 'discord.js';
import { startDiscord } from '../../../adapters/discord/client.js';
import { BUTTON_LABELS } from '../../../adapters/discord/embeds.js';
import { pino } from 'pino';
import { unrenderQuote } from '../../discord/readEmbed.js';
import { FakeDiscord, type ReplyBody, type Delivery } from '../../support/fakeDiscord.js';
import { startTestCore } from '../../support/testCore.js';
import { fullGate, type ButtonKind, type FrontEndDriver, type Shown } from '../frontEndContract.js';

const APPLICATION_ID = '210000000000000042';
const GUILD_ID = '210000000000000043';
const TOKEN = 'MjEwMDAwMDAwMDAwMDAwMDQy.GxYz12.contractTokenSecretPart_0123456789ab';

const KIND_OF: Record<string, ButtonKind> = {
  [BUTTON_LABELS.share]: 'share',
  [BUTTON_LABELS.helpful]: 'helpful',
  [BUTTON_LABELS.notHelpful]: 'notHelpful',
  [BUTTON_LABELS.more]: 'more',
};
/** Text Discord shows as a mention (embeds never ping, but a mention-shaped text there is still wrong to show). */
const MENTION = /@(everyone|here)|<@[!&]?\d+>/g;

export function read(delivery: Delivery, problems: string[]): Shown {
  const body = delivery.data as ReplyBody;
  const embeds = body.embeds ?? [];
  const texts = [
    body.content ?? '',
    ...embeds.flatMap((e) => [
      e.author?.name,
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text,
    ]),
  ].filter((t): t is string => typeof t === 'string' && t !== '');
  const quotes: string[] = [];
  const citations: string[] = [];
  for (const e of embeds) {
    if (e.description?.startsWith('> ')) {
      quotes.push(unrenderQuote(e.description));
      citations.push(unrenderQuote(`${e.title ?? ''} — ${e.footer?.text ?? ''}`));
    }
    for (const f of e.fields ?? []) {
      if (!f.value.startsWith('> ')) continue;
      quotes.push(unrenderQuote(f.value.split('\n')[0]!));
      citations.push(unrenderQuote(f.name));
    }
  }
  const buttons = (body.components ?? []).flatMap((row) => row.components);
  const pings = texts.flatMap((t) => t.match(MENTION) ?? []);
  if (JSON.stringify(body.allowed_mentions) !== JSON.stringify({ parse: [] }))
    pings.push(`allowed_mentions ${JSON.stringify(body.allowed_mentions)}`);
  return {
    text: texts.map(unrenderQuote).join('\n'),
    quotes,
    citations,
    buttons: buttons.map((b) => KIND_OF[b.label]).filter((k): k is ButtonKind => k !== undefined),
    declined: embeds.some((e) => /couldn't find/i.test(e.title ?? '')),
    livePings: pings,
    problems,
    raw: delivery,
  };
}

/** Discord: the real discord.js client against the Discord stand-in; `/backend` and button interactions. */
export const discordDriver: FrontEndDriver = {
  name: 'Discord',
  mentions: '@everyone @here <@210000000000000005> <@!210000000000000005> <@&210000000000000077>',
  async start(options) {
    const fake = await FakeDiscord.start({ token: TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID });
    const core = await startTestCore({
      publicUrl: 'https://answers.example.org',
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
      ...(options.full ? { gate: fullGate() } : {}),
    });
    const handle = await startDiscord({
      config: { token: TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID, apiUrl: `${fake.apiUrl}/` },
      service: core.service,
      logger: pino({ level: 'silent' }),
    });
    /** Interacts, and reads the reply with whatever the stand-in refused meanwhile. */
    const interact = async (payload: Parameters<FakeDiscord['interact']>[0]): Promise<Shown> => {
      const before = fake.rejections.length;
      const delivery = await fake.interact(payload);
      return read(
        delivery,
        fake.rejections.slice(before).flatMap((r) => r.problems),
      );
    };
    const click = (shown: Shown, customId: string, message?: APIMessage) =>
      interact(fake.buttonClick(message ?? fake.messageOf((shown.raw as Delivery).interactionId), customId));
    return {
      core,
      ask: (question) => interact(fake.slashCommand(question === '' ? undefined : question)),
      async press(shown, kind) {
        const buttons = ((shown.raw as Delivery).data as ReplyBody).components?.flatMap((row) => row.components) ?? [];
        const button = buttons.find((b) => KIND_OF[b.label] === kind);
        if (!button) throw new Error(`no ${kind} button`);
        return click(shown, button.custom_id);
      },
      async pressStale() {
        // A custom_id in a format no version of this bot reads any more, on a real answer.
        const shown = await interact(fake.slashCommand('what does a DevOps developer do'));
        return click(shown, 'answers:v0:old-style-button');
      },
      async close() {
        await handle.stop();
        await fake.close();
        core.close();
      },
    };
  },
};
