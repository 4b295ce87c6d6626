import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * No inline script or style anywhere (the playground's code is a file), nothing loaded from elsewhere, no
 * framing: corpus text or a question that slipped through escaping still could not run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response from the web app carries. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  next();
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether `given` is the insights token. Both sides are hashed first so the comparison takes the same time
 * whatever the lengths, and timingSafeEqual makes it take the same time wherever they differ.
 */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token a request presents: `Authorization: Bearer <token>`, or `?token=` for a browser address bar. */
export function presentedToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer) return bearer;
  return typeof req.query.token === 'string' && req.query.token !== '' ? req.query.token : undefined;
}
