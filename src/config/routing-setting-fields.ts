import * as z from "zod";
import { flag, groupId, intBetween, limits, listOf, setting } from "./setting-field.ts";
import { toCategoryMap } from "./setting-inputs.ts";

/** A language key: `es`, `pt-br`, or `billing:es` for one category's group in that language. */
const LOCALE_KEY = /^(?:[a-z0-9][a-z0-9_-]{0,63}:)?[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$/;

/** The locale map: keys lower-cased (`pt-BR` and `pt-br` are one key), values group ids. */
const localeMap = (field: string) => {
  const maxEntries = limits(field).maxItems ?? 0;
  return z.preprocess(
    toCategoryMap,
    z
      .record(
        z.string().regex(LOCALE_KEY, "keys are locales such as es or pt-br, or category:locale such as billing:es"),
        groupId,
      )
      .refine((map) => Object.keys(map).length <= maxEntries, `at most ${maxEntries} entries; remove some`),
  );
};

/**
 * Escalation routing's fields of the settings schema (definitions in routing-settings.ts). Continuity
 * is on by default: the customer meets the person who solved their last problem. Five open escalations
 * keep one familiar agent from becoming a queue of their own.
 */
export const routingSettingFields = {
  groupByLocale: setting("groupByLocale", localeMap("groupByLocale"), {}),
  vipGroupId: setting("vipGroupId", groupId.nullable(), null),
  routingContinuity: setting("routingContinuity", flag, true),
  maxOpenEscalationsPerAgent: setting("maxOpenEscalationsPerAgent", intBetween(1, 1000), 5),
  awayAgentIds: setting(
    "awayAgentIds",
    listOf("awayAgentIds", () => z.string().regex(/^\d{1,20}$/, "agent ids are digits"), { commas: true }),
    [],
  ),
};
