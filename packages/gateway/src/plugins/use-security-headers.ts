import type { Plugin } from 'graphql-yoga';
import { parseEmbedPath } from '../embed/embed-snippets.ts';
import type { PublicOriginResolver } from '../http/public-origin.ts';

/**
 * Pages the gateway owns load scripts from its own files only (no inline script, nothing from
 * elsewhere). Styles may be inline: the widgets and GraphiQL's editor set them at run time.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];
/** The example pages are written to be copied into a site, inline script and all: the same policy with inline scripts. */
const EXAMPLE_POLICY = PAGE_POLICY.map((d) => (d === "script-src 'self'" ? "script-src 'self' 'unsafe-inline'" : d));
/** Anything else (JSON, scripts, CSV, images opened on their own): nothing may load, an SVG keeps its own styles. */
const RESOURCE_POLICY = ["default-src 'none'", "style-src 'unsafe-inline'"];

/** Paths whose HTML pages are examples to copy rather than pages of the gateway. */
const EXAMPLE_PATHS = ['/examples/', '/widgets/'];

/**
 * A page's URLs start with the public origin (embed pages write it out), which is 'self' unless
 * the page was reached under another name (127.0.0.1 for localhost): name it beside 'self'.
 */
const withOrigin = (directive: string, origin: string) =>
  /^(script|style|img|font|connect)-src /.test(directive) ? directive.replace("'self'", `'self' ${origin}`) : directive;

/** Only a chart's iframe page (`/embed/<id>`, `/embed/<id>/v/<n>`) may be framed, by any site. */
export const isEmbedPage = (pathname: string): boolean => {
  const route = parseEmbedPath(pathname);
  return route !== null && !route.suffix;
};

/**
 * Security headers on every answer, as helmet sets them for Express and the OWASP HTTP headers
 * cheat sheet recommends: a Content-Security-Policy (for HTML, scripts from the gateway only),
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy`, framing denied (`frame-ancestors 'none'`
 * and `X-Frame-Options: DENY`) except on embed pages (`frame-ancestors *`), a cross-origin opener
 * policy for pages, and `Strict-Transport-Security` when the public origin is https. A header a
 * route set itself is kept.
 */
export function useSecurityHeaders({ publicOrigin }: { publicOrigin: PublicOriginResolver }): Plugin {
  return {
    onResponse({ request, response }) {
      const headers = response.headers;
      const { pathname } = new URL(request.url);
      const html = headers.get('content-type')?.startsWith('text/html') ?? false;
      const framable = html && isEmbedPage(pathname);
      const set = (name: string, value: string) => {
        if (!headers.has(name)) headers.set(name, value);
      };
      const { origin } = publicOrigin(request);
      const policy = !html
        ? RESOURCE_POLICY
        : (EXAMPLE_PATHS.some((p) => pathname.startsWith(p)) ? EXAMPLE_POLICY : PAGE_POLICY).map((d) => withOrigin(d, origin));
      set('content-security-policy', [...policy, framable ? 'frame-ancestors *' : "frame-ancestors 'none'"].join('; '));
      if (!framable) set('x-frame-options', 'DENY');
      set('x-content-type-options', 'nosniff');
      set('referrer-policy', 'strict-origin-when-cross-origin');
      if (html && !framable) set('cross-origin-opener-policy', 'same-origin');
      if (origin.startsWith('https:')) set('strict-transport-security', 'max-age=31536000');
    },
  };
}
