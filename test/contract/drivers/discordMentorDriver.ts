import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { InteractionResponseType } from 'discord-api-types/v10';
import { pino } from 'pino';
import { startDiscord } from '../../../adapters/discord/client.js';
import { BUTTON_LABELS } from '../../../adapters/discord/embeds.js';
import { MENTOR_BUTTON_LABELS } from '../../../adapters/discord/mentorMessages.js';
import { INPUT_IDS } from '../../../adapters/discord/modals.js';
import { unrenderQuote } from '../../discord/readEmbed.js';
import { FakeDiscord, pingsOf, type Actor, type Delivery, type ReplyBody } from '../../support/fakeDiscord.js';
import { startTestCore } from '../../support/testCore.js';
import type { MentorButtonKind, MentorDriver, MentorShown, Person } from '../mentorContract.js';

const APPLICATION_ID = '210000000000000042';
const GUILD_ID = '210000000000000043';
const MENTOR_CHANNEL = '210000000000000061';
const MENTOR_ROLE = '210000000000000077';
const TOKEN = 'MjEwMDAwMDAwMDAwMDAwMDQy.GxYz12.mentorTokenSecretPart_0123456789abcd';

const KIND_OF: Record<string, MentorButtonKind> = {
  [BUTTON_LABELS.ask]: 'askMentor',
  [BUTTON_LABELS.helpful]: 'helpful',
  [BUTTON_LABELS.notHelpful]: 'notHelpful',
  [MENTOR_BUTTON_LABELS.take]: 'take',
  [MENTOR_BUTTON_LABELS.answer]: 'answer',
  [MENTOR_BUTTON_LABELS.edit]: 'edit',
  [MENTOR_BUTTON_LABELS.retire]: 'retire',
};

/** Text Discord shows as a mention pill, wherever it appears. */
const MENTION = /@(everyone|here)|<@[!&]?\d+>/g;

/** A message the person saw, and how to find it again for a later click (it may have been edited since). */
interface Seen {
  body: ReplyBody & { allowed_mentions?: unknown; custom_id?: string; title?: string };
  message: () => APIMessage;
}

type Body = Seen['body'];

const LABELS_OF = (body: Body) =>
  ((body as { components?: { label?: string; components?: { label?: string }[] }[] }).components ?? []).flatMap(
    (row) => [row.label, ...(row.components ?? []).map((c) => c.label)],
  );

/** Reads a body as the person sees it: text, quotes, citations, buttons, and who it really pings. */
function read(seen: Seen, problems: string[]): MentorShown {
  const { body } = seen;
  const embeds = body.embeds ?? [];
  const texts = [
    body.title,
    body.content,
    ...embeds.flatMap((e) => [
      e.author?.name,
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text,
    ]),
    ...(body.title ? LABELS_OF(body) : []),
  ].filter((t): t is string => typeof t === 'string' && t !== '');
  const quotes: string[] = [];
  const citations: string[] = [];
  for (const e of embeds) {
    if (e.description?.startsWith('> ') && e.footer) {
      quotes.push(unrenderQuote(e.description));
      citations.push(unrenderQuote(`${e.title ?? ''} — ${e.footer.text}`));
    }
  }
  const real = pingsOf(body).map((p) =>
    p === 'everyone' ? '@everyone' : p.startsWith('role:') ? `<@&${p.slice(5)}>` : `<@${p.slice(5)}>`,
  );
  const shown = texts.flatMap((t) => t.match(MENTION) ?? []).filter((m) => !real.includes(m));
  const buttons = (body.components ?? [])
    .flatMap((row) => row.components ?? [])
    .map((b) => KIND_OF[b.label])
    .filter((k): k is MentorButtonKind => k !== undefined);
  return {
    text: texts.map(unrenderQuote).join('\n'),
    quotes,
    citations,
    buttons,
    declined: embeds.some((e) => /couldn't find/i.test(e.title ?? '')),
    livePings: [...new Set([...real, ...shown])],
    problems,
    raw: seen,
  };
}

function userOf(person: Person): APIUser {
  return {
    id: person.id,
    username: person.name.toLowerCase().replace(/\W+/g, ''),
    global_name: person.name,
    discriminator: '0',
    avatar: null,
  };
}

/** Discord: the real discord.js client against the stand-in, with DISCORD_MENTOR_CHANNEL/ROLE set. */
export const discordMentorDriver: MentorDriver = {
  name: 'Discord',
  mentorPing: `<@&${MENTOR_ROLE}>`,
  loudMentions: `@everyone @here <@210000000000000005> <@!210000000000000005> <@&${MENTOR_ROLE}> <@&210000000000000078>`,
  async start() {
    const fake = await FakeDiscord.start({
      token: TOKEN,
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      channels: [{ id: MENTOR_CHANNEL, type: 0, name: 'mentors' }],
      roles: [{ id: MENTOR_ROLE, name: 'Mentors' }],
    });
    const core = await startTestCore({ publicUrl: 'https://answers.example.org' });
    const handle = await startDiscord({
      config: {
        token: TOKEN,
        applicationId: APPLICATION_ID,
        guildId: GUILD_ID,
        apiUrl: `${fake.apiUrl}/`,
        messageContent: true,
        mentors: { channel: MENTOR_CHANNEL, role: MENTOR_ROLE },
      },
      service: core.service,
      logger: pino({ level: 'silent' }),
      // The contract moves the clock itself (advanceClock).
      repostCheckMs: 0,
    });
    const people = {
      asker: { id: '310000000000000001', name: 'Nia Newhire' },
      secondAsker: { id: '310000000000000002', name: 'Omar Newhire' },
      mentor: { id: '310000000000000003', name: 'Ana Mentor' },
      nonMentor: { id: '310000000000000004', name: 'Ben Bystander' },
    };
    fake.setMember(userOf(people.mentor), [MENTOR_ROLE]);
    for (const p of [people.asker, people.secondAsker, people.nonMentor]) fake.setMember(userOf(p), []);
    const actor = (person: Person): Actor => ({ user: userOf(person), nick: person.name });
    let minutes = 0;

    /** Dispatches, and reads what the person was shown once the bot is done (a deferred reply's edit included). */
    const interact = async (payload: Parameters<FakeDiscord['interact']>[0]): Promise<MentorShown> => {
      const before = fake.rejections.length;
      let delivery = await fake.interact(payload);
      if (delivery.callbackType === InteractionResponseType.DeferredChannelMessageWithSource) {
        delivery = await fake.waitForDelivery((d) => d.interactionId === payload.id && d.kind !== 'callback');
      }
      return readDelivery(
        delivery,
        fake.rejections.slice(before).flatMap((r) => r.problems),
      );
    };
    /** The message each button click was on, to find it again after the click updated it (type 7). */
    const lastClicked = new Map<string, APIMessage>();
    const readDelivery = (delivery: Delivery, problems: string[]) => {
      const clicked = lastClicked.get(delivery.interactionId);
      const message = () =>
        delivery.callbackType === InteractionResponseType.UpdateMessage && clicked
          ? fake.current(clicked)
          : fake.messageOf(delivery.interactionId);
      return read({ body: delivery.data as Body, message }, problems);
    };
    /**
     * Buttons a message has shown, by message id: a person whose view is stale (the message changed since) can
     * still press one that is gone now, which is how a stale button reaches the bot.
     */
    const seenButtons = new Map<string, Map<MentorButtonKind, string>>();
    const remember = (messageId: string, body: Body) => {
      const seen = seenButtons.get(messageId) ?? new Map<MentorButtonKind, string>();
      for (const b of (body.components ?? []).flatMap((row) => row.components ?? [])) {
        const kind = KIND_OF[b.label];
        if (kind) seen.set(kind, b.custom_id);
      }
      seenButtons.set(messageId, seen);
    };
    const customIdOf = (shown: MentorShown, kind: MentorButtonKind) => {
      const { body, message } = shown.raw as Seen;
      const button = (body.components ?? [])
        .flatMap((row) => row.components ?? [])
        .find((b) => KIND_OF[b.label] === kind);
      const customId = button?.custom_id ?? seenButtons.get(message().id)?.get(kind);
      if (!customId) throw new Error(`no ${kind} button on ${shown.text}`);
      return customId;
    };
    const click = (person: Person, shown: MentorShown, kind: MentorButtonKind) => {
      const message = fake.current((shown.raw as Seen).message());
      const payload = fake.buttonClick(message, customIdOf(shown, kind), actor(person));
      lastClicked.set(payload.id, message);
      return payload;
    };
    const submitForm = async (opened: MentorShown, values: Record<string, string>) =>
      interact(fake.modalSubmit((opened.raw as Seen & { delivery: Delivery }).delivery, values));
    /** Like interact, keeping the delivery so a modal it opened can be submitted. */
    const interactKeeping = async (payload: Parameters<FakeDiscord['interact']>[0]) => {
      const delivery = await fake.interact(payload);
      const shown = await (async () => {
        if (delivery.callbackType !== InteractionResponseType.DeferredChannelMessageWithSource)
          return readDelivery(delivery, []);
        return readDelivery(
          await fake.waitForDelivery((d) => d.interactionId === payload.id && d.kind !== 'callback'),
          [],
        );
      })();
      Object.assign(shown.raw as object, { delivery });
      return shown;
    };
    const botPosts = (channelId: string) =>
      fake
        .messagesIn(channelId)
        .filter((m) => m.author.id === APPLICATION_ID)
        .map((m) => {
          const body = (fake.bodyOf(m.id) ?? {}) as Body;
          remember(m.id, body);
          return read({ body, message: () => m }, []);
        });

    return {
      core,
      people,
      ask: (person, question) => interact(fake.slashCommand(question, actor(person))),
      async press(person, shown, kind) {
        const shownNow = await interactKeeping(click(person, shown, kind));
        return shownNow;
      },
      async mentorPosts() {
        return botPosts(MENTOR_CHANNEL);
      },
      async answerWithForm(person, post, text) {
        const opened = await interactKeeping(click(person, post, 'answer'));
        if ((opened.raw as Seen & { delivery: Delivery }).delivery.callbackType !== InteractionResponseType.Modal)
          return opened;
        return submitForm(opened, { [INPUT_IDS.answerText]: text });
      },
      async replyInThread(person, post, text) {
        const postId = (post.raw as Seen).message().id;
        const { threadId } = fake.startThread(MENTOR_CHANNEL, postId, 'Answer');
        const before = fake.postsIn(threadId).length;
        fake.userMessage(threadId, text, { author: userOf(person) });
        await fake.waitUntil(() => (fake.postsIn(threadId).length > before ? true : undefined));
      },
      async delivered(person) {
        const dm = fake.dmChannelOf(person.id);
        return dm ? botPosts(dm) : [];
      },
      async notHelpful(person, shown, reason, text) {
        const prompt = await interactKeeping(click(person, shown, 'notHelpful'));
        const { body, message } = prompt.raw as Seen;
        const menu = (body.components ?? []).flatMap((row) => row.components ?? [])[0];
        if (!menu) return prompt;
        const chose = await interactKeeping(fake.selectChoice(message(), menu.custom_id, [reason], actor(person)));
        if ((chose.raw as Seen & { delivery: Delivery }).delivery.callbackType !== InteractionResponseType.Modal)
          return chose;
        return submitForm(chose, { [INPUT_IDS.reasonText]: text ?? '' });
      },
      async advanceClock(by) {
        minutes += by;
        await handle.repostDue(new Date(Date.now() + minutes * 60_000));
      },
      async close() {
        // Every request the bot made, in every scenario, was one Discord would accept.
        if (fake.rejections.length > 0) throw new Error(`Discord refused: ${JSON.stringify(fake.rejections)}`);
        await handle.stop();
        await fake.close();
        await core.close();
      },
    };
  },
};
