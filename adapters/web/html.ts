import { escapeEntities } from '../../src/shared/entities.js';

/** Markup that is already safe to send: produced by `html` or by a renderer that escapes. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return escapeEntities(text, { quotes: true });
}

type Interpolation = string | number | SafeHtml | undefined | null | false | readonly Interpolation[];

function interpolate(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template for server-rendered pages: every interpolated value is escaped unless it is SafeHtml, so
 * corpus text, questions and titles can never become markup by accident.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += interpolate(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** The pages of the site, for the navigation bar. */
export type PageName = 'playground' | 'docs' | 'insights';

/**
 * The shell every page shares: one stylesheet, a skip link and the navigation. Scripts are files (the CSP allows
 * no inline script), loaded as modules only by the pages that need them.
 */
export function page(options: { title: string; current?: PageName; body: SafeHtml; script?: string }): string {
  const nav = (name: PageName, href: string, label: string) =>
    html`<a href="${href}"${name === options.current ? new SafeHtml(' aria-current="page"') : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/site.css">
${options.script ? html`<script type="module" src="${options.script}"></script>` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<nav aria-label="Site">
<span class="brand">Backend answers</span>
${nav('playground', '/', 'Playground')}
${nav('docs', '/docs', 'Documents')}
</nav>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>
`.value;
}
