import type { Express, NextFunction, Request, Response } from 'express';
import { html, page } from './html.js';

/** The site's page for an address it does not serve. */
export function renderNotFoundPage(path: string): string {
  const body = html`<h1>Page not found</h1>
<p>Nothing lives at <code>${path}</code>.</p>
<p><a href="/">Ask a question</a> or <a href="/docs">see all documents</a>.</p>`;
  return page({ title: 'Not found · Backend answers', body });
}

/** For an API route's other methods: 405 with `Allow`, in the API's JSON error shape. */
export function methodNotAllowed(allowed: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === allowed || (allowed === 'GET' && req.method === 'HEAD')) return next();
    res.set('Allow', allowed === 'GET' ? 'GET, HEAD' : allowed);
    res.status(405).json({ error: { code: 'METHOD_NOT_ALLOWED', message: `Use ${allowed} ${req.path}.` } });
  };
}

/**
 * The last handler: the API's JSON error under `/api/`, the site's 404 page elsewhere, instead of express's bare
 * "Cannot GET". The composition root mounts it after every other route (Bolt's `/slack/events`, `/metrics`).
 */
export function mountNotFound(app: Express): void {
  app.use((req: Request, res: Response) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) {
      return void res
        .status(404)
        .json({ error: { code: 'NOT_FOUND', message: `There is no API at ${req.method} ${req.path}.` } });
    }
    res.status(404).type('html').send(renderNotFoundPage(req.path));
  });
}
