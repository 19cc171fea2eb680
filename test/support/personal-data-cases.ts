import { readFileSync } from "node:fs";
import type { PersonalDataKind } from "../../src/lib/personal-data.ts";

export interface PersonalDataCase {
  name: string;
  text: string;
  /** What scanPersonalData finds, in text order. */
  kinds: PersonalDataKind[];
  /** What maskSensitiveInput makes of the text. */
  masked: string;
}

/** The one table of personal-data cases that input masking and the reply validator are both tested on. */
export const PERSONAL_DATA_CASES: readonly PersonalDataCase[] = (
  JSON.parse(readFileSync(new URL("../fixtures/personal-data/cases.json", import.meta.url), "utf8")) as {
    cases: PersonalDataCase[];
  }
).cases;
