import { html } from "hono/html";
import { type Html, consoleLayout } from "./console-layout.ts";
import { CSRF_FIELD } from "./csrf-token.ts";
import { SESSION_TTL_MS } from "./session-token.ts";

/** The sign-in form: the admin token once, then a session cookie. `error` shows in an alert. */
export function loginPage(options: { csrf: string; error?: string }): Html {
  const body = html`<section class="login" aria-labelledby="login-title">
<h1 id="login-title">Sign in</h1>
<p>Paste this worker's <code>DESKMATE_ADMIN_TOKEN</code>. It is checked once; after that a session cookie
keeps you signed in for ${SESSION_TTL_MS / 3_600_000} hours.</p>
${options.error ? html`<p role="alert">${options.error}</p>` : ""}
<form id="login" method="post" action="/admin/login">
<input type="hidden" name="${CSRF_FIELD}" value="${options.csrf}">
<label for="token">Admin token
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus></label>
<button type="submit">Sign in</button>
</form>
</section>`;
  return consoleLayout({ title: "Sign in", body });
}

const LOCAL_TOKEN = html`add <code>DESKMATE_ADMIN_TOKEN=…</code> to <code>.dev.vars</code>`;

/** The page every console route answers (503) while no admin token is configured. */
export function tokenMissingPage(): Html {
  const body = html`<section class="login" aria-labelledby="setup-title">
<h1 id="setup-title">The console is not set up</h1>
<p role="alert">This worker has no <code>DESKMATE_ADMIN_TOKEN</code>, so nobody can sign in.</p>
<p>Set one to a long random value, e.g. <code>openssl rand -hex 32</code>:</p>
<ul>
<li>in production: <code>wrangler secret put DESKMATE_ADMIN_TOKEN</code></li>
<li>locally: ${LOCAL_TOKEN} and restart <code>wrangler dev</code></li>
</ul>
</section>`;
  return consoleLayout({ title: "Not set up", body });
}

/** 403 for a form posted without its CSRF token, or with one of another session. */
export function csrfRefusedPage(): Html {
  const body = html`<section class="login" aria-labelledby="csrf-title">
<h1 id="csrf-title">Form refused</h1>
<p role="alert">This form was sent without a valid security token (CSRF) for your session, so nothing was
done. Reload the page and send the form again.</p>
<p><a href="/admin">Back to the console</a></p>
</section>`;
  return consoleLayout({ title: "Form refused", body });
}

/** After signing out of a console the Zendesk nav bar opened: how to sign in again, from Zendesk. */
/** Inside Zendesk's iframe, when the nav bar's session expired (12 hours) or is gone. */
export function sessionEndedInZendeskPage(): Html {
  const body = html`<section class="login" aria-labelledby="session-ended-title">
<h1 id="session-ended-title">Session ended</h1>
<p role="alert">Your Deskmate console session in Zendesk has ended (sessions last 12 hours). To open it again,
click Deskmate in Zendesk's left navigation bar (or reload this page): Zendesk signs you in again.</p>
</section>`;
  return consoleLayout({ title: "Session ended", body });
}

export function signedOutInZendeskPage(): Html {
  const body = html`<section class="login" aria-labelledby="signed-out-title">
<h1 id="signed-out-title">Signed out</h1>
<p role="status">You are signed out of Deskmate's console in Zendesk. To open it again, click Deskmate in
Zendesk's left navigation bar (or reload this page): Zendesk signs you in again.</p>
</section>`;
  return consoleLayout({ title: "Signed out", body });
}
