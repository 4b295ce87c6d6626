// @ts-check
/**
 * Renders a Discord message payload (content, embeds, components) the way Discord's dark theme shows it, from the
 * exact payload the bot would send. Text is parsed as Discord markdown and built as DOM nodes: nothing becomes
 * markup.
 */
import { emphasis, h, link, Stash } from './dom.js';

/** @typedef {{ customId: string, element: HTMLElement }} DiscordActionEvent */

/** The message flag Discord uses for "Only you can see this". */
const EPHEMERAL = 1 << 6;

/** Discord's inline markdown; at one position the longer marker wins, so bold is listed before italic. */
const RULES = [
  { pattern: /()\*\*(?=\S)([\s\S]*?\S)\*\*/, tag: 'strong' },
  { pattern: /()__(?=\S)([\s\S]*?\S)__/, tag: 'u' },
  { pattern: /()\*(?=[^\s*])([^*\n]*?[^\s*])\*/, tag: 'em' },
  { pattern: /(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/u, tag: 'em' },
  { pattern: /()~~(?=\S)([\s\S]*?\S)~~/, tag: 's' },
  { pattern: /()\|\|([\s\S]+?)\|\|/, tag: 'span', className: 'spoiler' },
];

/**
 * Discord markdown as DOM nodes: **bold**, *italic*, __underline__, ~~strike~~, `code`, ```blocks```, [masked](links),
 * <links>, bare links, \escapes, > quotes, # headings, -# subtext and - lists (headings and lists only where
 * Discord draws them).
 * @param {string} text
 * @returns {(Node | string)[]}
 */
export function discordMarkdown(text) {
  /** @type {Stash<Node | string>} */
  const stash = new Stash();
  /** @param {string} plain */
  const leaf = (plain) => stash.expand(plain);
  /** @param {string} line */
  const inline = (line) => emphasis(line, RULES, leaf);

  let s = text.replace(/```(?:[\w+-]+\n)?([\s\S]*?)```/g, (_, code) => stash.put(h('pre', {}, [code])));
  s = s.replace(/``([^`]+?)``|`([^`\n]+?)`/g, (_, a, b) => stash.put(h('code', {}, [a ?? b])));
  s = s.replace(/\\([^\p{L}\p{N}\s])/gu, (_, ch) => stash.put(ch));
  s = s.replace(/\[([^[\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, (_, label, url) =>
    stash.put(link(url, inline(label))),
  );
  s = s.replace(/<(https?:\/\/[^\s>]+)>/g, (_, url) => stash.put(link(url, [url])));
  s = s.replace(/https?:\/\/[^\s<]*[^\s<.,:;"')\]!?]/g, (url) => stash.put(link(url, [url])));
  s = s.replace(/<(@!?|@&|#)(\d+)>/g, (_, kind, id) =>
    stash.put(h('span', { class: 'mention' }, [kind === '#' ? `#channel-${id}` : kind === '@&' ? '@role' : '@user'])),
  );

  /** @type {(Node | string)[]} */
  const out = [];
  const lines = s.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = /** @type {string} */ (lines[i]);
    const last = i === lines.length - 1;
    if (line.startsWith('>>> ')) {
      out.push(h('blockquote', {}, inline(lines.slice(i).join('\n').slice(4))));
      break;
    }
    const quote = /^> (.*)$/.exec(line);
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    const subtext = /^-# (.*)$/.exec(line);
    const bullet = /^(\s*)[-*] (.*)$/.exec(line);
    if (quote) out.push(h('blockquote', {}, inline(quote[1] ?? '')));
    else if (heading) out.push(h('div', { class: `heading-${heading[1]?.length}` }, inline(heading[2] ?? '')));
    else if (subtext) out.push(h('div', { class: 'subtext' }, inline(subtext[1] ?? '')));
    else if (bullet) out.push(h('div', { class: 'bullet' }, [`${bullet[1]}• `, ...inline(bullet[2] ?? '')]));
    else out.push(...inline(line), last ? '' : '\n');
  }
  return out;
}

/**
 * @param {any} embed  an APIEmbed
 * @returns {HTMLElement}
 */
function renderEmbed(embed) {
  const box = h('div', { class: 'embed' }, [
    embed.author?.name
      ? h('div', { class: 'embed-author' }, [
          embed.author.url ? link(embed.author.url, [embed.author.name]) : embed.author.name,
        ])
      : null,
    embed.title
      ? h('div', { class: 'embed-title' }, [
          embed.url ? link(embed.url, discordMarkdown(embed.title)) : h('span', {}, discordMarkdown(embed.title)),
        ])
      : null,
    embed.description ? h('div', { class: 'embed-description' }, discordMarkdown(embed.description)) : null,
    embed.fields?.length
      ? h(
          'div',
          { class: 'fields' },
          embed.fields.map((/** @type {any} */ f) =>
            h('div', { class: f.inline ? 'field inline' : 'field' }, [
              h('div', { class: 'field-name' }, discordMarkdown(f.name)),
              h('div', { class: 'field-value' }, discordMarkdown(f.value)),
            ]),
          ),
        )
      : null,
    embed.footer?.text || embed.timestamp
      ? h('div', { class: 'embed-footer' }, [
          embed.footer?.text ?? '',
          embed.footer?.text && embed.timestamp ? ' • ' : '',
          embed.timestamp ? new Date(embed.timestamp).toLocaleString() : '',
        ])
      : null,
  ]);
  // Set through the CSSOM: the page's CSP forbids inline style attributes, not script-set styles.
  if (typeof embed.color === 'number') box.style.borderLeftColor = `#${embed.color.toString(16).padStart(6, '0')}`;
  return box;
}

/**
 * @param {any} component  a message component (button, select)
 * @param {(event: DiscordActionEvent) => void} onAction
 * @returns {HTMLElement}
 */
function renderComponent(component, onAction) {
  if (component.type === 2) {
    const label = [
      component.emoji?.name && !component.emoji.id ? `${component.emoji.name} ` : '',
      component.label ?? '',
    ];
    if (component.style === 5 && component.url) {
      const anchor = link(component.url, [...label, ' ↗']);
      anchor.className = 'btn style-5';
      return anchor;
    }
    const button = h(
      'button',
      { type: 'button', class: `btn style-${component.style}`, 'data-custom-id': component.custom_id },
      label,
    );
    if (component.disabled) button.setAttribute('disabled', '');
    button.addEventListener('click', () => onAction({ customId: component.custom_id, element: button }));
    return button;
  }
  return h('span', { class: 'btn style-2' }, [component.placeholder ?? 'Select…', ' ▾']);
}

/**
 * The whole message as Discord shows it: the app's name, content, embeds, button rows, and the "Only you can see
 * this" line for ephemeral replies.
 * @param {{ content?: string, embeds?: any[], components?: any[], flags?: number }} payload
 * @param {(event: DiscordActionEvent) => void} onAction
 * @returns {HTMLElement}
 */
export function renderDiscordMessage(payload, onAction) {
  const rows = (payload.components ?? []).map((row) =>
    h(
      'div',
      { class: 'row' },
      (row.components ?? []).map((/** @type {any} */ c) => renderComponent(c, onAction)),
    ),
  );
  const ephemeral = ((payload.flags ?? 0) & EPHEMERAL) !== 0;
  return h('div', { class: 'msg' }, [
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, ['B']),
    h('div', { class: 'body' }, [
      h('div', {}, [
        h('span', { class: 'who' }, ['Backend answers']),
        h('span', { class: 'app-tag' }, ['APP']),
        h('span', { class: 'time' }, ['Today']),
      ]),
      payload.content ? h('div', { class: 'content' }, discordMarkdown(payload.content)) : null,
      ...(payload.embeds ?? []).map(renderEmbed),
      rows.length ? h('div', { class: 'components' }, rows) : null,
      ephemeral ? h('div', { class: 'ephemeral' }, ['👁 Only you can see this']) : null,
    ]),
  ]);
}
