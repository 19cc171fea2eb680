import type { GoldenCase } from "../domain/drift.ts";
import { SCENARIO_CASES } from "./scenario-cases.ts";

/** `answer from the help center` -> `bundled:answer-from-the-help-center`. */
function bundledId(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `bundled:${slug}`;
}

/** The bundled part of the golden set: every scenario case with a live expectation. Pure. */
export function bundledGoldenSet(): GoldenCase[] {
  return SCENARIO_CASES.flatMap((c) =>
    c.golden
      ? [
          {
            id: bundledId(c.name),
            source: "bundled" as const,
            name: c.name,
            subject: c.subject,
            turns: c.turns.map((t) => ({ ...t })),
            expect: { outcomes: [...c.golden.outcomes], reasons: [...c.golden.reasons] },
          },
        ]
      : [],
  );
}
