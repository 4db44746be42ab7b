/**
 * The console's pages: what each URL shows and which script drives it. The server sends every page
 * as the same small shell (navigation, a heading, a script); the script fetches the data from the
 * API with the editor's session and draws it with DOM calls, so no data ever passes through HTML.
 */
export interface ConsolePage {
  /** The script and the page's name: `/console/assets/<name>.js`. */
  name: string;
  title: string;
  /** The navigation entry this page belongs to (the sign-in page has none). */
  nav?: string;
  /**
   * Shows an email in a sandboxed `srcdoc` frame: such a frame inherits this page's CSP, and an email
   * is inline styles and https images, so these pages allow both (never scripts).
   */
  previewsEmail?: boolean;
}

export const CONSOLE_PAGES = {
  signIn: { name: "sign-in", title: "Sign in" },
  editions: { name: "editions", title: "Editions", nav: "editions" },
  edition: { name: "edition", title: "Edition", nav: "editions", previewsEmail: true },
  briefings: { name: "briefings", title: "Briefings", nav: "briefings" },
  briefing: { name: "briefing", title: "Briefing", nav: "briefings", previewsEmail: true },
  subscribers: { name: "subscribers", title: "Subscribers", nav: "subscribers" },
  social: { name: "social", title: "Social accounts", nav: "social" },
  audit: { name: "audit", title: "Audit log", nav: "audit" },
} as const satisfies Record<string, ConsolePage>;

const NAV = [
  ["editions", "/console/editions", "Editions"],
  ["briefings", "/console/briefings", "Briefings"],
  ["subscribers", "/console/subscribers", "Subscribers"],
  ["social", "/console/social", "Social accounts"],
  ["audit", "/console/audit", "Audit log"],
] as const;

/** Which page a path under `/console/` shows; `undefined` for no page. */
export function pageFor(path: string): ConsolePage | undefined {
  const p = path.replace(/\/+$/, "");
  if (p === "/console/sign-in") return CONSOLE_PAGES.signIn;
  if (p === "/console/editions") return CONSOLE_PAGES.editions;
  if (/^\/console\/editions\/[A-Za-z0-9_]{1,64}$/.test(p)) return CONSOLE_PAGES.edition;
  if (p === "/console/briefings") return CONSOLE_PAGES.briefings;
  if (/^\/console\/briefings\/[A-Za-z0-9_-]{1,64}$/.test(p)) return CONSOLE_PAGES.briefing;
  if (p === "/console/subscribers") return CONSOLE_PAGES.subscribers;
  if (p === "/console/social") return CONSOLE_PAGES.social;
  if (p === "/console/audit") return CONSOLE_PAGES.audit;
  return undefined;
}

/**
 * The HTML of one page. Nothing in it comes from a request: the title and the navigation are this
 * file's constants, so the shell needs no escaping and can be cached.
 *
 * @example
 * shellHtml(CONSOLE_PAGES.editions) // "<!doctype html>…<script type=module src=/console/assets/editions.js>…"
 */
export function shellHtml(page: ConsolePage): string {
  const nav = page.nav
    ? `<nav aria-label="Console"><ul>${NAV.map(
        ([key, href, label]) =>
          `<li><a href="${href}"${key === page.nav ? ' aria-current="page"' : ""}>${label}</a></li>`,
      ).join(
        "",
      )}</ul></nav><div class="who"><span id="who"></span> <button type="button" id="sign-out" hidden>Sign out</button></div>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${page.title} · Herald console</title>
<link rel="stylesheet" href="/console/assets/console.css">
<script type="module" src="/console/assets/${page.name}.js"></script>
</head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="/console/editions">Herald console</a>${nav}</header>
<main id="main" tabindex="-1"><h1>${page.title}</h1><p id="loading" role="status">Loading…</p></main>
</body></html>`;
}

/** Content-Security-Policy of a page: scripts and styles from the console itself, data from the API. */
export function consoleCsp(page: ConsolePage): string {
  const email = page.previewsEmail ?? false;
  return [
    "default-src 'none'",
    "script-src 'self'",
    email ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    email ? "img-src 'self' https: data:" : "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
}
