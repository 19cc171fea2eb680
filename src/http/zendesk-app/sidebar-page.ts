import { html, raw } from "hono/html";

type Html = ReturnType<typeof html>;

/** The Zendesk Apps framework SDK: the only way a page in a Zendesk iframe learns which ticket it is on. */
export const ZAF_SDK_URL = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js";
export const SIDEBAR_SCRIPT_PATH = "/zendesk-app/sidebar.js";

const STYLE = `
body { margin: 0; padding: 8px 2px; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #2f3941; }
h2 { font-size: 14px; margin: 12px 0 4px; }
p { margin: 0 0 6px; }
ul { margin: 0 0 6px; padding-left: 18px; }
.muted { color: #5c6670; font-size: 12px; }
.error { color: #a40e26; }
.buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
button {
  font: inherit;
  font-size: 13px;
  padding: 3px 10px;
  border-radius: 4px;
  border: 1px solid #1f73b7;
  background: #fff;
  color: #1f73b7;
  cursor: pointer;
}
button[aria-pressed="true"] { background: #1f73b7; color: #fff; }
button:focus-visible, select:focus-visible { outline: 3px solid #f0b400; outline-offset: 1px; }
label { display: block; font-size: 13px; margin: 4px 0; }
select { font: inherit; font-size: 13px; }
[hidden] { display: none !important; }
`;

/**
 * The ticket sidebar, served by the worker to the iframe Zendesk opens with a signed token. The page
 * carries an app session (not the admin token, not Zendesk's token) for its API calls; the script asks
 * the Apps framework which ticket is open and renders the worker's answer with textContent only.
 */
export function sidebarPage(appSession: string): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="deskmate-app-session" content="${appSession}" />
    <title>Deskmate</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <p id="status" role="status" class="muted">Loading Deskmate's last decision…</p>
    <p id="notice" role="alert" hidden></p>
    <section id="ticket" hidden aria-labelledby="state-heading">
      <h2 id="state-heading">Deskmate on this ticket</h2>
      <p id="state"></p>
      <div class="buttons" id="actions"></div>
      <h2>Last decision</h2>
      <div id="decision"></div>
      <div id="handoff" hidden>
        <h2>Handoff</h2>
        <div id="handoff-sections"></div>
      </div>
      <div id="rating" hidden>
        <h2 id="rating-heading">Rate the handoff</h2>
        <p id="rating-current" class="muted"></p>
        <div class="buttons" role="group" aria-labelledby="rating-heading">
          <button type="button" data-rate="useful">Useful</button>
          <button type="button" data-picker="missing">Missing something</button>
          <button type="button" data-picker="wrong">Wrong escalation</button>
        </div>
        <div id="picker-missing" hidden>
          <label for="missing-section">Which section was missing or not good enough?</label>
          <select id="missing-section"></select>
          <button type="button" id="rate-missing">Rate</button>
        </div>
        <div id="picker-wrong" class="buttons" hidden>
          <button type="button" data-rate="wrong_escalation:should_have_answered">Should have answered</button>
          <button type="button" data-rate="wrong_escalation:should_have_asked">Should have asked</button>
        </div>
      </div>
    </section>
    <script src="${ZAF_SDK_URL}"></script>
    <script src="${SIDEBAR_SCRIPT_PATH}"></script>
  </body>
</html>`;
}

/** Why the page cannot be shown: a plain page (no script) that says what to do. */
export function sidebarRefusedPage(message: string): Html {
  return html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Deskmate</title><style>${raw(STYLE)}</style></head>
  <body><p role="alert" class="error">${message}</p></body>
</html>`;
}
