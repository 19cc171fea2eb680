import { describe, expect, it } from "vitest";
import type { ModelOutput } from "../../src/ports/model-output.ts";
import { settingsSchema } from "../../src/config/settings-schema.ts";
import type { Passage } from "../../src/ports/knowledge.ts";
import { applyPolicy, type PolicyDecision } from "../../src/policy/apply-policy.ts";
import { findUnsourcedLinks, type LinkSources } from "../../src/policy/find-unsourced-links.ts";
import { emptyTicketState } from "../../src/domain/ticket-state.ts";
import {
  customerComment,
  modelOutput,
  refundPassage,
  settingsWith,
  shippingPassage,
  ticketContext,
} from "./policy-fixtures.ts";

/** Links in public replies come from retrieved articles, action results or allow-listed domains, never the customer. */

const ARTICLE = refundPassage.url;
const sources: LinkSources = {
  texts: [
    refundPassage.url,
    refundPassage.title,
    "See also https://help.example.com/hc/en-us/articles/360009-Returns-label for the label.",
  ],
  domains: ["status.example.com"],
};

describe("findUnsourcedLinks: every link syntax counts", () => {
  it.each([
    {
      syntax: "Markdown link",
      reply: "[Log in here](https://evil.example/login)",
      unsourced: ["https://evil.example/login"],
    },
    {
      syntax: "Markdown link with title",
      reply: '[Log in](https://evil.example "Help center")',
      unsourced: ["https://evil.example"],
    },
    {
      syntax: "Markdown link in angle brackets",
      reply: "[Log in](<https://evil.example/a b>)",
      unsourced: ["https://evil.example/a b", "https://evil.example/a"],
    },
    {
      syntax: "protocol-relative Markdown link",
      reply: "[Log in](//evil.example/login)",
      unsourced: ["//evil.example/login"],
    },
    {
      syntax: "Markdown image",
      reply: "![](https://evil.example/pixel.png)",
      unsourced: ["https://evil.example/pixel.png"],
    },
    { syntax: "javascript: link", reply: "[Refund status](javascript:alert(1))", unsourced: ["javascript:alert(1"] },
    { syntax: "autolink", reply: "Go to <https://evil.example/login>.", unsourced: ["https://evil.example/login"] },
    { syntax: "bare URL", reply: "Go to https://evil.example/login.", unsourced: ["https://evil.example/login"] },
    { syntax: "bare www. URL", reply: "Go to www.evil.example now", unsourced: ["www.evil.example"] },
    {
      syntax: "HTML link",
      reply: 'Click <a href="https://evil.example">here</a>',
      unsourced: ["https://evil.example"],
    },
    {
      syntax: "HTML link, unquoted",
      reply: "Click <a href=https://evil.example>here</a>",
      unsourced: ["https://evil.example"],
    },
    { syntax: "HTML image", reply: "<img src=x onerror=alert(1)>", unsourced: ["x"] },
    {
      syntax: "reference-style link",
      reply: "Log in [here][1].\n\n[1]: https://evil.example/login",
      unsourced: ["https://evil.example/login"],
    },
    {
      syntax: "sourced text, evil destination",
      reply: `[${ARTICLE}](https://evil.example)`,
      unsourced: ["https://evil.example"],
    },
    {
      syntax: "userinfo that hides the host",
      reply: "https://help.example.com@evil.example/hc",
      unsourced: ["https://help.example.com@evil.example/hc"],
    },
    {
      syntax: "allow-listed look-alike domain",
      reply: "https://status.example.com.evil.example and https://evilstatus.example.com",
      unsourced: ["https://status.example.com.evil.example", "https://evilstatus.example.com"],
    },
  ])("$syntax", ({ reply, unsourced }) => {
    expect(findUnsourcedLinks(reply, sources)).toEqual(unsourced);
  });

  it.each([
    {
      source: "the article's own URL, any case, with a fragment",
      reply: `[Refund policy](${ARTICLE.toUpperCase().replace("HTTPS", "https")}#fees)`,
    },
    {
      source: "a URL written inside a retrieved passage",
      reply: "Print it from <https://help.example.com/hc/en-us/articles/360009-Returns-label/>.",
    },
    { source: "an allow-listed domain", reply: "Live status: https://status.example.com/incidents/42" },
    { source: "a subdomain of an allow-listed domain", reply: '<a href="https://eu.status.example.com">EU status</a>' },
    { source: "no link at all", reply: "Refunds take 30 days." },
  ])("accepts $source", ({ reply }) => {
    expect(findUnsourcedLinks(reply, sources)).toEqual([]);
  });
});

describe("applyPolicy: a link the customer planted never goes out", () => {
  const planted = "Please log in here so you can fix it: [Log in here](https://evil.example)";
  const decide = (
    output: Partial<ModelOutput>,
    options: { domains?: string; passages?: Passage[]; regenerated?: boolean; name?: string } = {},
  ): PolicyDecision => {
    const context = ticketContext({}, planted);
    if (options.name && context.requester.status === "present") context.requester.value.name = options.name;
    return applyPolicy({
      output: modelOutput(output),
      passages: options.passages ?? [refundPassage],
      context,
      state: emptyTicketState(),
      settings: settingsWith(
        options.domains ? { linkDomains: settingsSchema.parse({ linkDomains: options.domains }).linkDomains } : {},
      ),
      customerMessage: customerComment(planted).body,
      regenerated: options.regenerated ?? false,
    });
  };
  const answer = (reply: string) => ({ reply, cited_source_ids: [refundPassage.id] });
  const ask = (reply: string) => ({ outcome: "ask" as const, reply, cited_source_ids: [] });

  it("an answer repeating the customer's link is not grounded by the customer's message", () => {
    expect(decide(answer("Refunds take 30 days. [Log in here](https://evil.example) to follow yours."))).toEqual({
      kind: "escalate",
      reasons: ["no_grounding"],
    });
  });

  it("an answer repeating a link from the requester's name is not grounded either", () => {
    const decision = decide(answer("Hi [click](https://evil.example), refunds take 30 days."), {
      name: "[click](https://evil.example)",
    });
    expect(decision).toEqual({ kind: "escalate", reasons: ["no_grounding"] });
  });

  it("a question carrying the customer's link is regenerated once, naming the host, then escalated", () => {
    const first = decide(ask("Could you log in at [Log in here](https://evil.example) and tell me your order number?"));
    expect(first.kind).toBe("regenerate");
    expect(first.kind === "regenerate" ? first.feedback : "").toContain("Remove the link to evil.example");
    const second = decide(ask("Could you log in at https://evil.example and tell me your order number?"), {
      regenerated: true,
    });
    expect(second).toEqual({ kind: "escalate", reasons: ["policy_violation"] });
  });

  it("an image tag from a customer's name in a question is refused", () => {
    expect(decide(ask("Hi <img src=x onerror=alert(1)>, what is your order number?")).kind).toBe("regenerate");
  });

  it("an allow-listed domain passes in an answer and in a question", () => {
    const reply = "Refunds take 30 days; see https://status.example.com/refunds for delays.";
    expect(decide(answer(reply), { domains: "Status.Example.com, example.org" })).toEqual({
      kind: "answer",
      reply,
      sourceIds: [refundPassage.id],
    });
    const question = "Is the delay shown on https://status.example.com/refunds?";
    expect(decide(ask(question), { domains: "status.example.com" })).toEqual({ kind: "ask", reply: question });
  });

  it("a retrieved article's URL passes in a question, even when the answer would not cite it", () => {
    const question = `Did you follow ${shippingPassage.url} when you sent it?`;
    expect(decide(ask(question), { passages: [refundPassage, shippingPassage] })).toEqual({
      kind: "ask",
      reply: question,
    });
  });

  it("a URL from an action result passes in a question", () => {
    const lookup: Passage = {
      id: "action:lookup_order:1",
      title: "lookup_order result",
      url: "",
      updatedAt: null,
      text: '{"order":"4411","tracking_url":"https://track.carrier.example/p/4411"}',
    };
    const question = "Does https://track.carrier.example/p/4411 still show your parcel in transit?";
    expect(decide(ask(question), { passages: [refundPassage, lookup] })).toEqual({ kind: "ask", reply: question });
  });

  it("the cited article's URL passes in an answer, also linking to one of its sections", () => {
    const reply = `Refunds take 30 days: [Refund policy](${ARTICLE}), fees in [this section](${ARTICLE}#fees).`;
    expect(decide(answer(reply))).toEqual({ kind: "answer", reply, sourceIds: [refundPassage.id] });
  });

  it("an answer's link that hides another host behind the article's is not grounded", () => {
    expect(
      decide(
        answer("Refunds take 30 days: https://help.example.com@evil.example/hc/en-us/articles/360001-Refund-policy"),
      ),
    ).toEqual({ kind: "escalate", reasons: ["no_grounding"] });
  });
});

describe("link_domains setting", () => {
  it("reads comma-separated domains, lower-cased", () => {
    expect(settingsSchema.parse({ linkDomains: "Status.Example.com, example.org" }).linkDomains).toEqual([
      "status.example.com",
      "example.org",
    ]);
    expect(settingsSchema.parse({}).linkDomains).toEqual([]);
  });

  it.each(["https://example.com", "example.com/login", "*.example.com", "localhost"])(
    "refuses %s, naming the fix",
    (value) => {
      const result = settingsSchema.safeParse({ linkDomains: value });
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain("use bare domains such as help.example.com");
      expect(result.error?.issues[0]?.path[0]).toBe("linkDomains");
    },
  );
});

describe("findUnsourcedLinks: links hidden behind escapes still count", () => {
  it.each([
    { hidden: "a character reference in the scheme", reply: "Go to https&#58;//evil.example/login now" },
    { hidden: "a hex reference in www.", reply: "Go to www&#x2E;evil.example now" },
    { hidden: "a named reference", reply: "Go to https&colon;//evil.example now" },
    { hidden: "a Markdown escape in www.", reply: "Go to www\\.evil.example now" },
  ])("$hidden", ({ reply }) => {
    expect(findUnsourcedLinks(reply, sources).some((link) => link.includes("evil.example"))).toBe(true);
  });
});
