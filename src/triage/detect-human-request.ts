import { REACH_A_PERSON } from "./human-request-patterns.ts";
import { alt, matchesUnnegated } from "./match-unnegated.ts";

/**
 * The customer asks for a person. Built from parts, not phrases: a verb of reaching someone
 * ("talk", "speak", "chat", "contact", "get hold of", "hablar", "parler", "sprechen", "falar") followed
 * closely by a word for a person ("someone", "a live agent", "un asesor", "un conseiller", "einem
 * Mitarbeiter", "um atendente"), plus a few forms that need no verb ("a real person", "human please",
 * "I want an agent", "no more bots"). Necessity questions ("do I need to speak to someone to change my
 * PIN?") and negated wishes ("I don't want an agent") do not count. Runs on normalized text.
 */
export function detectHumanRequest(text: string): boolean {
  if (STANDALONE.test(text) || REJECTS_BOT.test(text)) return true;
  return REACH_A_PERSON.some((pattern) => matchesUnnegated(text, pattern, NEGATION));
}

/** Rejecting the bot asks for a person, negation and all: "I don't want to talk to a bot". */
const REJECTS_BOT = new RegExp(
  `\\b(?:tired of|sick of|fed up with|done with|enough of|stop|no more|hate|not|instead of)(?: \\w+){0,5} ` +
    alt(
      "bots?",
      "robots?",
      "chat ?bots?",
      "automated (?:answers|responses|replies|messages|system)",
      "an? ai",
      "artificial intelligence",
      "virtual assistant",
    ) +
    `\\b`,
);

/** A message that is nothing but a request: "Agent!", "human please", "representative." */
const STANDALONE = new RegExp(
  `^(?:(?:hi|hello|hey|ok|okay|please|pls|plz|now|just|yes),? )*(?:an? )?(?:live |real |human )?` +
    alt(
      "agent",
      "human",
      "person",
      "representative",
      "rep",
      "operator",
      "supervisor",
      "manager",
      "humano",
      "persona",
      "agente",
      "asesor",
      "operador",
      "humain",
      "conseiller",
      "mensch",
      "mitarbeiter",
      "atendente",
      "pessoa",
    ) +
    `(?:[ ,]+(?:please|pls|plz|now|asap|por favor|s'il vous plait|bitte|por favor))*[ .!?]*$`,
);

const NEGATION = new RegExp(
  [
    `\\b(?:do|does|did|will|would) not (?:want|need|wish|like|care|have)\\b`,
    `\\b(?:no|never) (?:need|want|wish)\\b`,
    `\\bnot (?:necessary|needed|required)\\b`,
    `\\bwithout\\b`,
    `\\brather not\\b`,
    // "do I need to speak to someone to change my PIN?" asks whether; "what do I need to do to..." asks how.
    `(?<!\\b(?:what|how|where|who|when|which) )\\b(?:do|does|will|would|must|should) (?:i|we|you|one) ` +
      `(?:really |still |also |first )?(?:need|have to|require|got to|must)\\b`,
    `\\bhave to (?:i|we)\\b`,
    `\\bis it (?:necessary|required|mandatory)\\b`,
    `\\bneed i\\b`,
    `\\bavoid\\b`,
    `\\bno (?:quiero|necesito|hace falta|deseo)\\b`,
    `\\bsin\\b`,
    `\\bne (?:veux|voudrais|souhaite|dois) pas\\b`,
    `\\bpas besoin\\b`,
    `\\bsans\\b`,
    `\\b(?:will|mochte|muss|brauche|wunsche) (?:\\w+ )?(?:nicht|kein\\w*)\\b`,
    `\\bohne\\b`,
    `\\bnao (?:quero|preciso|desejo)\\b`,
    `\\bsem\\b`,
  ].join("|"),
);
