import { alt } from "./match-unnegated.ts";
import { wordPattern } from "./word-pattern.ts";

/**
 * Legal or regulatory language: lawsuits and lawyers, regulators and ombudsmen, and data-protection
 * requests (GDPR erasure/access, "right to be forgotten"). "Suing" alone is not enough: customers
 * type it for "using" ("suing the app"), so it needs a party to sue ("suing you", "sue your company")
 * or an intention ("I will sue"). Runs on normalized text.
 */
export function detectLegalThreat(text: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(text));
}

const PARTY = alt(
  "you",
  "y'?all",
  "u",
  "your",
  "them",
  "this (?:company|bank|business|store|shop|firm)",
  "the (?:company|bank|business|store|shop|firm|merchant|seller)",
  "[a-z]+ (?:inc|ltd|llc|corp|bank|company)",
);

const PATTERNS: RegExp[] = [
  // Lawsuits, litigation, class actions, legal action or advice
  new RegExp(
    [
      String.raw`\blaw ?suits?\b|\blitigat\w*|\bclass action\b`,
      String.raw`\blegal (?:action|proceedings?|steps|measures|recourse|claim|case|route|dispute|advice|` +
        String.raw`remedies)\b`,
    ].join("|"),
  ),
  // Lawyers and legal teams (a power of attorney is not one)
  wordPattern([
    "(?<!power of )attorneys?|lawyers?|solicitors?|barristers?",
    "legal (?:counsel|team|representative|representation|department)",
  ]),
  // "sue you", "suing your company", "I will sue", "see you in court"
  new RegExp(
    `\\bsue(?:d)? ${PARTY}\\b|\\bsuing ${PARTY}\\b|` +
      `\\b(?:will|going to|gonna|would|could|can|should|might|plan to|intend to|threaten(?:ing)? to|about to|` +
      `ready to|i will|then) sue\\b|\\bsee you in court\\b`,
  ),
  // "take you to court", "small claims"
  new RegExp(
    [
      String.raw`\b(?:take|taking|took|bring|bringing|drag|dragging|going|go) (?:\w+ ){0,3}(?:to|in|` +
        String.raw`before) (?:a |the )?(?:small claims )?(?:court|tribunal|judge)\b`,
      String.raw`\bsmall claims\b`,
    ].join("|"),
  ),
  // Regulators, ombudsmen and consumer bodies
  wordPattern([
    String.raw`ombuds\w*|regulators?|regulatory (?:body|authority|agency|complaint)`,
    "consumer (?:protection|rights|affairs|ombudsman|council)|cfpb",
    "consumer financial protection bureau|federal trade commission|financial conduct authority",
    "better business bureau|attorney general|trading standards|information commissioner",
    "data protection (?:authority|commissioner|officer|regulator)",
  ]),
  // "report you to the FCA", "file a complaint with the BBB"
  new RegExp(
    `\\b(?:report|complain\\w*|complaint|escalate\\w*|file \\w+)(?: \\w+){0,5} ` +
      `${alt("ftc", "fca", "ico", "bbb", "occ", "finra", "ofcom", "ofgem", "acma", "accc", "asic", "cnil", "bafin")}` +
      `\\b`,
  ),
  // Data-protection laws and subject access requests
  /\bgdpr\b|\bdsgvo\b|\brgpd\b|\blgpd\b|\bccpa\b|\bdsar\b|\b(?:data )?subject access request\b|\bdata subject\b/,
  // "right to be forgotten", "right of access"
  /\bright (?:to|of) (?:be forgotten|erasure|access|data portability|rectification)\b/,
  // "delete all my personal data", "erase the data you hold"
  new RegExp(
    [
      String.raw`\b(?:erase|erasure of|delete|deletion of|remove|removal of|purge|wipe)(?: \w+){0,3} `,
      "(?:personal data|personal information|my data|",
      String.raw`data (?:you|that you) (?:hold|have|store|keep))\b`,
    ].join(""),
  ),
  // "a copy of the data you hold", "what data do you have on me"
  new RegExp(
    [
      String.raw`\b(?:copy|export|list|all) of (?:all )?(?:the |my )?(?:personal )?data (?:you|that you|` +
        String.raw`your company) (?:hold|have|store|keep|process)\b`,
      String.raw`\bwhat (?:personal )?data (?:do )?you (?:hold|have|store|keep) (?:on|about) me\b`,
    ].join("|"),
  ),
  // Spanish
  wordPattern([
    String.raw`abogad[oa]s?|demandar\w*|demanda judicial|acciones? legal(?:es)?|via judicial|tribunales`,
    "juzgado|denunciar(?:los|les|te)|poner(?:les)? una demanda|defensa del consumidor|profeco",
    "derecho al olvido",
  ]),
  // French
  wordPattern([
    String.raw`avocats?|poursuites? judiciaires?|poursuivre (?:en justice|\w+ en justice)|action en justice`,
    "porter plainte|au tribunal|mediateur|droit a l'?oubli|association de consommateurs",
  ]),
  // German
  wordPattern([
    String.raw`anwalt|anwaltin|rechtsanwalt\w*|anwalts\w*|klage (?:einreichen|erheben)|verklagen|vor gericht`,
    String.raw`gerichtlich\w*|rechtliche schritte|verbraucherzentrale|ombudsmann|schlichtungsstelle`,
    "recht auf vergessenwerden",
  ]),
  // Portuguese
  wordPattern([
    "advogad[oa]s?|processo judicial|acao judicial|acoes judiciais|vou processar",
    "processar (?:voces|vcs|a empresa|o banco|a loja|voce)|na justica|procon|reclame aqui",
    "direito ao esquecimento",
  ]),
  // Italian
  /\b(?:avvocat[oi]|causa legale|azioni? legal[ei]|denunciarvi|fare causa)\b/,
];
