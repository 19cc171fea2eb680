import { html, raw } from "hono/html";
import { CSRF_FIELD } from "./csrf-token.ts";

type Html = ReturnType<typeof html>;

/** The console's pages; only built pages are listed, so no link pretends to work. */
const NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/escalations", label: "Escalations" },
  { href: "/admin/knowledge", label: "Knowledge" },
  { href: "/admin/csat", label: "CSAT" },
  { href: "/admin/arms", label: "Experiment" },
  { href: "/admin/drift-check", label: "Drift" },
  { href: "/admin/guard", label: "Guard" },
  { href: "/admin/readiness/page", label: "Readiness" },
  { href: "/admin/settings", label: "Settings" },
] as const;

// Inline, so the console needs no asset route and no third party; colours keep WCAG AA contrast.
const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4d5662; --line: #d0d7de; --accent: #0b5cad; --bad: #a40e26; }
* { box-sizing: border-box; }
body {
  margin: 0;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink);
  background: #f6f8fa;
}
header {
  display: flex;
  align-items: center;
  gap: 1.5rem;
  padding: .6rem 1.5rem;
  background: #fff;
  border-bottom: 1px solid var(--line);
}
header .brand { font-weight: 700; }
nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
nav a { color: var(--accent); text-decoration: none; padding: .2rem .1rem; }
nav a[aria-current="page"] { font-weight: 700; border-bottom: 2px solid var(--accent); }
header form { margin-left: auto; }
main { max-width: 72rem; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
  outline: 3px solid #f0b400;
  outline-offset: 2px;
}
button {
  font: inherit;
  padding: .35rem .9rem;
  border-radius: 6px;
  border: 1px solid var(--accent);
  background: var(--accent);
  color: #fff;
  cursor: pointer;
}
button.quiet { background: #fff; color: var(--accent); }
input, select {
  font: inherit;
  padding: .3rem .45rem;
  border: 1px solid #8c959f;
  border-radius: 6px;
  background: #fff;
  color: var(--ink);
}
label { display: flex; flex-direction: column; gap: .15rem; font-size: .9rem; color: var(--muted); }
.field-error { color: var(--bad); font-size: .85rem; }
[role="alert"] {
  border: 1px solid var(--bad);
  background: #fff0f1;
  color: var(--bad);
  padding: .6rem .9rem;
  border-radius: 6px;
  margin: .75rem 0;
}
.notice { border: 1px solid var(--line); background: #fff; padding: .6rem .9rem; border-radius: 6px; }
form#filters {
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: .75rem;
  background: #fff;
  border: 1px solid var(--line);
  border-radius: 8px;
  padding: .75rem 1rem;
}
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .75rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.card .label { color: var(--muted); font-size: .9rem; }
.card .value { font-size: 1.6rem; font-weight: 650; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
caption { text-align: left; color: var(--muted); padding: .3rem 0; }
th, td { text-align: left; padding: .4rem .75rem; border-top: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.step-1 { padding-left: 2rem; } .step-2 { padding-left: 3.5rem; }
.bar { height: .7rem; background: var(--accent); border-radius: 3px; min-width: 1px; }
.track { width: 14rem; background: #e8ecf0; border-radius: 3px; }
.login {
  max-width: 26rem;
  margin: 4rem auto;
  background: #fff;
  border: 1px solid var(--line);
  border-radius: 8px;
  padding: 1.5rem;
}
.login form { display: flex; flex-direction: column; gap: .8rem; }
.trends { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: .75rem; }
.trend { margin: 0; } .chart { min-height: 180px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
code { background: #eef1f4; padding: 0 .25rem; border-radius: 4px; }
`;

export interface LayoutOptions {
  title: string;
  body: Html;
  /** The signed-in session's CSRF token: shows the nav and the logout form. Absent on the login page. */
  signedIn?: { csrf: string; current: string; query?: string };
}

/** A nav link; `query` (the page's filters) rides along so the next page shows the same account and range. */
function navItem(item: { href: string; label: string }, current: string, query = ""): Html {
  const ariaCurrent = current === item.href ? html` aria-current="page"` : "";
  const href = query ? `${item.href}?${query}` : item.href;
  return html`<li><a href="${href}"${ariaCurrent}>${item.label}</a></li>`;
}

function logoutForm(csrf: string): Html {
  const token = html`<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">`;
  const button = html`<button type="submit" class="quiet">Sign out</button>`;
  return html`<form id="logout" method="post" action="/admin/logout">${token}${button}</form>`;
}

/** One page of the console: header with the nav and logout, then the page's own body. */
export function consoleLayout(options: LayoutOptions): Html {
  const { signedIn } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Deskmate console</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<span class="brand">Deskmate console</span>
${
  signedIn
    ? html`<nav aria-label="Console pages"><ul>${NAV.map((item) =>
        navItem(item, signedIn.current, signedIn.query),
      )}</ul></nav>
${logoutForm(signedIn.csrf)}`
    : ""
}
</header>
<main>
${options.body}
</main>
</body>
</html>`;
}

export type { Html };
