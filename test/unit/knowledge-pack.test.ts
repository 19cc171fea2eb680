import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/lib/errors.ts";
import { knowledgePack } from "../../src/knowledge/knowledge-pack.ts";
import { parseKnowledgePack, packPassage } from "../../src/knowledge/parse-knowledge-pack.ts";

const good = `---
title: Returns policy
url: https://acme.example/policies/returns
updated_at: 2026-10-15
topics: Returns, refunds
---
# Returns

Opened items carry a **$25** fee. See [the form](https://acme.example/form).
`;

describe("knowledge pack", () => {
  it("parses front matter and body; the passage is plain text with id pack:<slug>", () => {
    const doc = parseKnowledgePack("returns-policy", good);
    expect(doc).toMatchObject({
      slug: "returns-policy",
      title: "Returns policy",
      url: "https://acme.example/policies/returns",
      updatedAt: "2026-10-15",
      topics: ["returns", "refunds"],
    });
    const passage = packPassage(doc);
    expect(passage).toMatchObject({ id: "pack:returns-policy", title: "Returns policy", updatedAt: "2026-10-15" });
    expect(passage.text).toBe("Returns\n\nOpened items carry a $25 fee. See the form.");
  });

  it.each([
    ["no front matter", "# Just markdown", /missing front matter/],
    ["unknown key", good.replace("topics:", "tags:"), /tags/],
    ["bad url", good.replace("https://acme.example/policies/returns", "not a url"), /url/],
    ["bad date", good.replace("2026-10-15", "last week"), /updated_at/],
    ["missing title", good.replace("title: Returns policy\n", ""), /title/],
    ["not key: value", good.replace("topics: Returns, refunds", "just words"), /not "key: value"/],
    ["empty body", good.slice(0, good.indexOf("# Returns")), /body is empty/],
  ])("rejects %s with a clear ConfigError naming the file", (_name, source, why) => {
    let error: unknown;
    try {
      parseKnowledgePack("returns-policy", source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^knowledge pack "returns-policy": /);
    expect((error as Error).message).toMatch(why);
  });

  it("the bundled pack files are valid", () => {
    const pack = knowledgePack();
    expect(pack.map((p) => p.id).sort()).toEqual(["pack:returns-policy", "pack:support-hours"]);
    expect(pack.every((p) => p.text.length > 50 && p.url.startsWith("https://"))).toBe(true);
  });
});
