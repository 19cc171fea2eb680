import { HANDOFF_SECTIONS } from "../../domain/review.ts";

const SECTION_LABELS: Record<(typeof HANDOFF_SECTIONS)[number], string> = {
  reasons: "Reasons",
  customer_wants: "What the customer wants",
  customer: "Customer details",
  facts: "Facts",
  sources: "Sources",
  actions: "Actions attempted",
  sentiment: "Sentiment",
  next_step: "Suggested next step",
};

/**
 * The sidebar page's script, served from the worker (the page's CSP allows scripts from this origin and
 * the Apps framework SDK only). Plain ES5-style browser code in a string: it is sent as is, and it
 * writes the worker's answers with textContent only, never as HTML (they hold the customer's words).
 */
export const SIDEBAR_SCRIPT = `(function () {
  "use strict";
  var SECTIONS = ${JSON.stringify(HANDOFF_SECTIONS.map((name) => [name, SECTION_LABELS[name]]))};
  var RATING_TEXT = { useful: "Useful" };
  SECTIONS.forEach(function (s) { RATING_TEXT["missing_section:" + s[0]] = "Missing something: " + s[1]; });
  RATING_TEXT["wrong_escalation:should_have_answered"] = "Wrong escalation: should have answered";
  RATING_TEXT["wrong_escalation:should_have_asked"] = "Wrong escalation: should have asked";
  var ACTION_TEXT = { pause: "Pause Deskmate here", resume: "Resume Deskmate", hand_back: "Hand back to Deskmate" };
  var session = document.querySelector('meta[name="deskmate-app-session"]').getAttribute("content");
  var $ = function (id) { return document.getElementById(id); };
  var ticketId = null;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function list(items) {
    var ul = el("ul");
    items.forEach(function (item) { ul.appendChild(el("li", item)); });
    return ul;
  }
  function ageText(days) {
    if (days === null || days === undefined) return "age unknown";
    if (days < 1) return "updated today";
    return Math.round(days) + (Math.round(days) === 1 ? " day old" : " days old");
  }
  function when(iso) {
    var at = new Date(iso);
    return isNaN(at.getTime()) ? "time unknown" : at.toLocaleString();
  }
  function status(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "muted";
    $("status").hidden = !text;
  }

  function call(method, path, body) {
    var init = { method: method, headers: { Authorization: "Bearer " + session } };
    if (body) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch("/zendesk-app/tickets/" + encodeURIComponent(ticketId) + path, init).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.message || "The worker answered " + response.status + ".");
        return json;
      });
    });
  }

  function render(view) {
    status("");
    $("ticket").hidden = false;
    var notice = $("notice");
    notice.hidden = !view.notice;
    notice.textContent = view.notice ? view.notice.text : "";
    notice.className = view.notice && view.notice.style === "error" ? "error" : "muted";
    var s = view.state;
    $("state").textContent = s.paused ? "Paused: Deskmate writes nothing on this ticket until it is resumed."
      : s.human_owned ? "An agent owns this ticket: Deskmate does not reply here."
      : s.awaiting_human ? "Waiting for an agent after Deskmate's handoff."
      : "Active: Deskmate handles new customer messages here.";
    var actions = $("actions");
    actions.textContent = "";
    var offered = s.paused ? ["resume"] : s.human_owned || s.awaiting_human ? ["hand_back", "pause"] : ["pause"];
    if (s.paused && (s.human_owned || s.awaiting_human)) offered.push("hand_back");
    offered.forEach(function (action) {
      var button = el("button", ACTION_TEXT[action]);
      button.type = "button";
      button.setAttribute("data-action", action);
      button.addEventListener("click", function () { send("POST", "/actions", { action: action }); });
      actions.appendChild(button);
    });

    var decision = $("decision");
    decision.textContent = "";
    var d = view.decision;
    if (!d) {
      decision.appendChild(el("p", "Deskmate has not decided anything on this ticket yet.", "muted"));
    } else {
      var outcome = el("p", d.outcome_text);
      outcome.setAttribute("data-outcome", d.outcome);
      decision.appendChild(outcome);
      decision.appendChild(el("p", when(d.decided_at), "muted"));
      if (d.reasons.length) decision.appendChild(list(d.reasons.map(function (r) { return r.text; })));
      if (d.sources.length) {
        decision.appendChild(el("p", "Sources used:"));
        decision.appendChild(list(d.sources.map(function (src) {
          return src.id + " (" + ageText(src.age_days) + ")";
        })));
      }
      if (d.action) decision.appendChild(el("p", "Action: " + d.action.name + " (" + d.action.result + ")"));
    }

    var h = view.handoff;
    $("handoff").hidden = !h;
    var sections = $("handoff-sections");
    sections.textContent = "";
    if (h) {
      sections.appendChild(el("p", "Urgency: " + h.urgency));
      sections.appendChild(el("p", "Customer wants: " + (h.customer_wants || "(no message text)")));
      if (h.facts.length) { sections.appendChild(el("p", "What we know:")); sections.appendChild(list(h.facts)); }
      if (h.sources_checked.length) {
        sections.appendChild(el("p", "Sources checked:"));
        sections.appendChild(list(h.sources_checked.map(function (src) { return src.title; })));
      }
      if (h.actions_attempted.length) {
        sections.appendChild(el("p", "Actions attempted:"));
        sections.appendChild(list(h.actions_attempted.map(function (a) { return a.action + ": " + a.result; })));
      }
      if (h.sentiment) sections.appendChild(el("p", "Sentiment: " + h.sentiment));
      sections.appendChild(el("p", "Suggested next step: " + h.suggested_next_step));
      if (h.missing.length) sections.appendChild(el("p", "Not checked: " + h.missing.join(", "), "muted"));
    }

    var r = view.rating;
    $("rating").hidden = !r;
    if (r) {
      $("rating-current").textContent = r.current
        ? "Your rating: " + RATING_TEXT[r.current]
        : "You have not rated this handoff.";
      $("rating-current").setAttribute("data-rating", r.current || "");
      var buttons = document.querySelectorAll("#rating [data-rate]");
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-rate") === r.current));
      }
    }
  }

  function send(method, path, body) {
    status("Saving…");
    return call(method, path, body).then(render, function (error) { status(error.message, true); });
  }

  function rate(value) {
    $("picker-missing").hidden = true;
    $("picker-wrong").hidden = true;
    send("POST", "/rating", { rating: value });
  }

  var select = $("missing-section");
  SECTIONS.forEach(function (s) { var option = el("option", s[1]); option.value = s[0]; select.appendChild(option); });
  var rateButtons = document.querySelectorAll("#rating [data-rate]");
  for (var i = 0; i < rateButtons.length; i++) {
    rateButtons[i].addEventListener("click", function (event) { rate(event.currentTarget.getAttribute("data-rate")); });
  }
  var pickers = document.querySelectorAll("#rating [data-picker]");
  for (var j = 0; j < pickers.length; j++) {
    pickers[j].addEventListener("click", function (event) {
      var name = event.currentTarget.getAttribute("data-picker");
      $("picker-missing").hidden = name !== "missing";
      $("picker-wrong").hidden = name !== "wrong";
    });
  }
  $("rate-missing").addEventListener("click", function () { rate("missing_section:" + select.value); });

  if (typeof ZAFClient === "undefined") {
    status("Open this page from the Deskmate app in a Zendesk ticket.", true);
    return;
  }
  var client = ZAFClient.init();
  client.invoke("resize", { width: "100%", height: "480px" });
  client.get("ticket.id").then(function (data) {
    ticketId = String(data["ticket.id"]);
    return send("GET", "");
  }, function () { status("Zendesk did not say which ticket is open. Reload the ticket.", true); });
})();
`;
