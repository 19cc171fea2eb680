import { alt } from "./match-unnegated.ts";

const PERSON_EN = alt(
  "some ?one(?! else'?s)",
  "some ?body(?! else'?s)",
  "any ?one",
  "any ?body",
  "humans?",
  "persons?",
  "people",
  "agents?",
  "reps?",
  "representatives?",
  "operators?",
  "assistants?",
  "advis[eo]rs?",
  "associates?",
  "specialists?",
  "managers?",
  "supervisors?",
  "employees?",
  "staff",
  "team members?",
  "individuals?",
  "(?:customer )?(?:service|support|care) (?:team|desk|department|staff)",
);
const PERSON_ADJ = alt(
  "live",
  "real",
  "actual",
  "human",
  "physical",
  "proper",
  "breathing",
  "living",
  "customer",
  "service",
  "support",
  "care",
  "senior",
  "technical",
  "tech",
  "account",
  "your",
  "one of your",
  "member of(?: your)?(?: the)?",
  "some",
  "a",
  "an",
  "the",
  "other",
  "another",
  "different",
  "damn",
  "goddamn",
  "bloody",
  "freaking",
  "[a-z]+ing",
);
const FILLER = `(?: ${PERSON_ADJ}){0,4}`;
const REACH_EN = alt(
  "talk(?:s|ed|ing)?",
  "speak(?:s|ing)?",
  "spoke",
  "chat(?:s|ted|ting)?",
  "contact(?:s|ed|ing)?",
  "reach(?:ed|ing)?",
  "call(?:s|ed|ing)?",
  "phone",
  "ring",
  "communicate",
  "(?:get|getting) (?:in touch|through|hold of|ahold of)",
  "(?:put|putting|transfer\\w*|pass\\w*|hand\\w*|forward\\w*|send\\w*|connect\\w*) " +
    "(?:me|us|this|my (?:case|ticket|chat|call|issue|query))(?: through| over| on| back)?",
  "escalat\\w*(?: (?:this|it|me|my (?:case|ticket|issue|complaint)))?",
  "be (?:helped|served|assisted) by",
  "(?:get|getting) help from",
);
const PREP = "(?: (?:out )?(?:to|with|through to|over to|by|from))?";

/** A verb of reaching closely followed by a word for a person, per language (detect-human-request.ts). */
export const REACH_A_PERSON: RegExp[] = [
  // English: verb + person ("talk to a live agent", "contact someone", "chat with a human")
  new RegExp(`\\b${REACH_EN}${PREP}${FILLER} ${PERSON_EN}\\b`),
  // "I want / need / would like a (real) person", "give me an agent"
  new RegExp(
    `\\b(?:want|need|would like|give me|get me|let me have|may i have|can i (?:have|get)|looking for|` +
      `request(?:ing)?|demand(?:ing)?|prefer)(?: to have)?(?: (?:a|an|the|some|to))?(?: (?:damn|goddamn|` +
      `bloody|fucking|freaking))? ${alt("real", "live", "actual", "human")}? ` +
      `?` +
      `${alt("humans?", "person", "agent", "representative", "operator", "supervisor", "manager", "human being")}` +
      `\\b`,
  ),
  // "a real person", "live agent", "human support"
  new RegExp(
    `\\b${alt("real", "live", "actual", "living")} ` +
      `${alt("person", "people", "humans?", "agents?", "representatives?", "operators?", "being")}\\b|` +
      `\\bhuman ` +
      alt(
        "being",
        "agents?",
        "representatives?",
        "operators?",
        "person",
        "support",
        "help",
        "assistance",
        "contact",
        "reply",
        "response",
      ) +
      `\\b`,
  ),
  // "someone I can talk to", "is there a person to speak with"
  new RegExp(
    `\\b${alt("someone", "somebody", "anyone", "anybody", "a person", "an agent", "a human")} ` +
      `(?:(?:i|we) (?:can|could|may) |to )${alt("talk", "speak", "chat")}\\b`,
  ),
  // "have someone call me", "an agent to contact me"
  new RegExp(
    `\\b${alt("someone", "somebody", "a person", "an agent", "a human", "a representative", "a manager")} ` +
      `(?:to |should |please |can |could )?${alt("call", "contact", "phone", "ring")} me\\b`,
  ),
  // Spanish
  new RegExp(
    `\\b` +
      alt(
        "hablar",
        "hablo",
        "comunicarme",
        "comunicar",
        "contactar",
        "conversar",
        "charlar",
        "platicar",
        "atendido",
        "atendida",
        "pasar",
        "ponerme en contacto",
        "me comuniquen",
        "me pasen",
        "me transfieran",
      ) +
      `(?: (?:con|a|por))?(?: (?:un|una|el|la|algun|alguna|otro|otra|de))?(?: (?:verdadero|verdadera|real))? ` +
      alt(
        "agentes?",
        "personas?",
        "humanos?",
        "ser humano",
        "representantes?",
        "asesor(?:a|es)?",
        "operador(?:a|es)?",
        "ejecutivo",
        "ejecutiva",
        "supervisor",
        "gerente",
        "encargado",
        "alguien",
      ) +
      `\\b`,
  ),
  new RegExp(
    `\\b(?:persona|agente|asesor|operador) (?:real|humano|humana|de verdad)\\b|` +
      `\\batencion (?:humana|personal(?:izada)?)\\b|` +
      `\\bquiero (?:un|una) (?:humano|persona|agente|asesor|operador)\\b`,
  ),
  // French
  new RegExp(
    `\\b` +
      alt(
        "parler",
        "discuter",
        "echanger",
        "contacter",
        "joindre",
        "communiquer",
        "etre mis en relation",
        "etre mise en relation",
        "mettre en relation",
        "me mettre en relation",
        "me passer",
        "avoir",
      ) +
      `(?: (?:a|avec|au|aupres d'?))?(?: (?:un|une|le|la|l'|des))?(?: ?(?:vrai|vraie|veritable))? ` +
      `?` +
      alt(
        "agent",
        "conseill[eè]re?s?",
        "humains?",
        "etre humain",
        "personne(?: reelle)?",
        "operat(?:eur|rice)",
        "representant",
        "responsable",
        "quelqu'?un",
        "quelqu un",
        "interlocuteur",
        "superieur",
      ) +
      `\\b`,
  ),
  /\b(?:une vraie personne|un vrai humain|un etre humain|une personne reelle|un conseiller humain)\b/,
  // German
  new RegExp(
    `\\bmit ${alt("einem", "einer", "einen", "dem", "der", "ihrem", "ihrer", "jemandem", "jemand")}?(?: ?` +
      `${alt("echten", "richtigen", "menschlichen", "lebenden")})? ` +
      `?` +
      alt(
        "mitarbeiter(?:in)?",
        "menschen",
        "mensch",
        "person",
        "berater(?:in)?",
        "agenten",
        "kundenberater(?:in)?",
        "kundendienst(?:mitarbeiter)?",
        "servicemitarbeiter(?:in)?",
        "vorgesetzten",
        "jemandem",
        "ansprechpartner(?:in)?",
        "support",
      ) +
      `(?: \\w+){0,3} ` +
      `${alt("sprechen", "reden", "telefonieren", "chatten", "verbunden", "verbinden", "schreiben")}\\b`,
  ),
  new RegExp(
    `\\b(?:echten|richtigen|echter|echte|menschlichen|lebenden) ` +
      `${alt("menschen", "mensch", "person", "mitarbeiter(?:in)?", "ansprechpartner", "berater")}\\b|` +
      `\\b(?:verbinden sie mich|ich will einen menschen|ich mochte einen menschen)\\b`,
  ),
  // Portuguese
  new RegExp(
    `\\b` +
      alt(
        "falar",
        "conversar",
        "contatar",
        "contactar",
        "comunicar",
        "ser atendido",
        "ser atendida",
        "ligar",
        "passar",
      ) +
      `(?: (?:com|a|para|por))?(?: (?:um|uma|o|a|algum|alguma|outro|outra))?(?: (?:verdadeiro|verdadeira|` +
      `real))? ` +
      alt(
        "atendentes?",
        "agentes?",
        "pessoas?",
        "humanos?",
        "ser humano",
        "representantes?",
        "operador(?:a|es)?",
        "assistentes?",
        "gerente",
        "supervisor",
        "alguem",
        "funcionarios?",
        "consultor(?:a)?",
      ) +
      `\\b`,
  ),
  new RegExp(
    `\\b(?:pessoa|atendente|agente) (?:real|humano|humana|de verdade)\\b|\\batendimento humano\\b|` +
      `\\bquero (?:um|uma) (?:humano|pessoa|atendente|agente)\\b`,
  ),
  // Italian
  new RegExp(
    `\\bparlare con (?:un |una |un'|qualcuno)?(?:operatore|operatrice|persona|umano|agente|consulente|` +
      `qualcuno)\\b|\\b(?:persona|operatore) (?:reale|vero|vera)\\b`,
  ),
];
