// @ts-check
/**
 * Renders a Slack message payload (text + Block Kit blocks) the way Slack's desktop client shows it, from the exact
 * payload the bot would send. Text is parsed as Slack mrkdwn and built as DOM nodes: nothing becomes markup.
 */
import { emphasis, h, link, Stash } from './dom.js';

/** @typedef {{ type: string, text: string, emoji?: boolean }} TextObject */
/** @typedef {{ actionId: string, value: string | undefined, element: HTMLElement }} SlackActionEvent */

const ENTITIES = /** @type {Record<string, string>} */ ({ '&amp;': '&', '&lt;': '<', '&gt;': '>' });

/** @param {string} text */
const decode = (text) => text.replace(/&(amp|lt|gt);/g, (m) => ENTITIES[m] ?? m);

/** Emoji shortcodes Slack would draw; others stay as typed, as Slack shows unknown ones. */
const EMOJI = /** @type {Record<string, string>} */ ({
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  thumbsdown: '👎',
  mag: '🔍',
  link: '🔗',
  books: '📚',
  book: '📖',
  bulb: '💡',
  arrow_right: '➡️',
  mega: '📣',
  speech_balloon: '💬',
  memo: '📝',
  white_check_mark: '✅',
  information_source: 'ℹ️',
  warning: '⚠️',
  hourglass: '⌛',
  page_facing_up: '📄',
  wave: '👋',
});

/** @param {string} text */
const emoji = (text) => text.replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] ?? m);

/** Slack's emphasis: markers at word edges, content not starting or ending with a space. */
const RULES = [
  { pattern: /(^|[^\p{L}\p{N}*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\p{L}\p{N}*])/u, tag: 'strong' },
  { pattern: /(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/u, tag: 'em' },
  { pattern: /(^|[^\p{L}\p{N}~])~(?=[^\s~])([^~\n]*?[^\s~])~(?![\p{L}\p{N}~])/u, tag: 's' },
];

/**
 * A `<…>` token: a link, or a mention / special token that Slack draws as a pill.
 * @param {string} inner
 * @returns {Node}
 */
function angle(inner) {
  const [target = '', label] = inner.split(/\|(.*)/s);
  if (target.startsWith('!')) {
    const name = target.slice(1).split('^')[0];
    if (name === 'date') return document.createTextNode(decode(label ?? ''));
    return h('span', { class: 'mention' }, [label ? decode(label) : `@${name}`]);
  }
  if (target.startsWith('@')) return h('span', { class: 'mention' }, [`@${label ? decode(label) : 'user'}`]);
  if (target.startsWith('#')) return h('span', { class: 'mention' }, [`#${label ? decode(label) : 'channel'}`]);
  return link(decode(target), [decode(label ?? target)]);
}

/**
 * Slack mrkdwn as DOM nodes: *bold*, _italic_, ~strike~, `code`, ```blocks```, <url|links>, > quotes, &amp; entities.
 * @param {string} text
 * @returns {(Node | string)[]}
 */
export function mrkdwn(text) {
  /** @type {Stash<Node>} */
  const stash = new Stash();
  let s = text.replace(/```([\s\S]*?)```/g, (_, code) => stash.put(h('pre', {}, [decode(code)])));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => stash.put(h('code', {}, [decode(code)])));
  s = s.replace(/<([^<>\n]+)>/g, (_, inner) => stash.put(angle(inner)));
  /** @param {string} plain */
  const leaf = (plain) => stash.expand(plain).map((part) => (typeof part === 'string' ? emoji(decode(part)) : part));
  /** @param {string} line */
  const inline = (line) => emphasis(line, RULES, leaf);

  /** @type {(Node | string)[]} */
  const out = [];
  /** @type {string[]} */
  let quote = [];
  const flushQuote = () => {
    if (quote.length === 0) return;
    out.push(
      h(
        'blockquote',
        {},
        quote.flatMap((line, i) => (i === 0 ? inline(line) : ['\n', ...inline(line)])),
      ),
    );
    quote = [];
  };
  s.split('\n').forEach((line, i, lines) => {
    if (line.startsWith('>')) {
      quote.push(line.replace(/^> ?/, ''));
      return;
    }
    flushQuote();
    out.push(...inline(line));
    if (i < lines.length - 1) out.push('\n');
  });
  flushQuote();
  return out;
}

/**
 * @param {TextObject | undefined} text
 * @returns {(Node | string)[]}
 */
function textObject(text) {
  if (!text) return [];
  if (text.type === 'mrkdwn') return mrkdwn(text.text);
  return [text.emoji === false ? text.text : emoji(text.text)];
}

/**
 * @param {any} element  a Block Kit element (button, image, select); shapes vary by type
 * @param {(event: SlackActionEvent) => void} onAction
 * @returns {HTMLElement}
 */
function blockElement(element, onAction) {
  if (element.type === 'button') {
    const styleClass = element.style ? ` ${element.style}-style` : '';
    if (element.url) {
      const anchor = link(element.url, textObject(element.text));
      anchor.className = `btn${styleClass}`;
      return anchor;
    }
    const button = h(
      'button',
      { type: 'button', class: `btn${styleClass}`, 'data-action-id': element.action_id },
      textObject(element.text),
    );
    button.addEventListener('click', () =>
      onAction({ actionId: element.action_id, value: element.value, element: button }),
    );
    return button;
  }
  if (element.type === 'image') return h('img', { src: element.image_url, alt: element.alt_text ?? '' });
  if (element.type === 'static_select' || element.type === 'overflow') {
    return h('span', { class: 'btn' }, [...textObject(element.placeholder), ' ▾']);
  }
  return h('span', { class: 'btn' }, [element.type]);
}

/**
 * @param {any} block  a Block Kit block; shapes vary by type
 * @param {(event: SlackActionEvent) => void} onAction
 * @returns {HTMLElement | null}
 */
function renderBlock(block, onAction) {
  switch (block.type) {
    case 'section': {
      const text = h('div', {}, textObject(block.text));
      const fields = block.fields?.length
        ? h(
            'div',
            { class: 'fields' },
            block.fields.map((/** @type {TextObject} */ f) => h('div', {}, textObject(f))),
          )
        : null;
      if (block.accessory) {
        return h('div', { class: 'block section with-accessory' }, [
          h('div', {}, [text, fields]),
          blockElement(block.accessory, onAction),
        ]);
      }
      return h('div', { class: 'block section' }, [text, fields]);
    }
    case 'context':
      return h(
        'div',
        { class: 'block context' },
        (block.elements ?? []).map((/** @type {any} */ e) =>
          e.type === 'image' ? blockElement(e, onAction) : h('span', {}, textObject(e)),
        ),
      );
    case 'actions':
      return h(
        'div',
        { class: 'block actions' },
        (block.elements ?? []).map((/** @type {any} */ e) => blockElement(e, onAction)),
      );
    case 'divider':
      return h('hr', {});
    case 'header':
      return h('div', { class: 'block header' }, textObject(block.text));
    case 'image':
      return h('div', { class: 'block' }, [h('img', { src: block.image_url, alt: block.alt_text ?? '' })]);
    default:
      return null;
  }
}

/**
 * The whole message as Slack shows it: the app's name, its blocks (or its text when it has none), and the
 * "Only visible to you" line for ephemeral replies.
 * @param {{ text?: string, blocks?: any[], response_type?: string }} payload
 * @param {(event: SlackActionEvent) => void} onAction
 * @param {{ inThread: boolean }} [options] a reply in a thread, which everyone in the channel sees
 * @returns {HTMLElement}
 */
export function renderSlackMessage(payload, onAction, options = { inThread: false }) {
  const blocks = payload.blocks?.length
    ? payload.blocks.map((block) => renderBlock(block, onAction))
    : [h('div', { class: 'block section' }, mrkdwn(payload.text ?? ''))];
  // A thread reply (chat.postMessage) is seen by everyone; a response_url message only by the asker unless shared.
  const ephemeral = !options.inThread && payload.response_type !== 'in_channel';
  return h('div', { class: 'msg' }, [
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, ['B']),
    h('div', { class: 'body' }, [
      h('div', {}, [
        h('span', { class: 'who' }, ['Backend answers']),
        h('span', { class: 'app-tag' }, ['APP']),
        h('span', { class: 'time' }, ['now']),
      ]),
      ...blocks,
      ephemeral ? h('div', { class: 'ephemeral' }, ['👁 Only visible to you']) : null,
    ]),
  ]);
}
