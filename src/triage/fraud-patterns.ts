import { alt } from "./match-unnegated.ts";
import { wordPattern } from "./word-pattern.ts";

// The patterns behind detect-fraud.ts, built from parts.

const SPEND = alt(
  "payments?",
  "charges?",
  "transactions?",
  "withdrawals?",
  "withdrawls?",
  "withdraws?",
  "debits?",
  "purchases?",
  "deductions?",
  "direct deposits?",
  "transfers?",
  "activity",
  "entry",
  "entries",
  "merchants?",
  "sellers?",
  "vendors?",
  "retailers?",
  "payees?",
  "companies",
  "company",
  "stores?",
  "shops?",
);
const TXN = alt(SPEND, "amounts?", "money", "cash", "funds", "bills?", "subscriptions?", "orders?");
const PAST_NEG = alt("did not", "have not", "had not", "never", "was not", "were not");
const DISOWN_VERB = alt(
  "make",
  "made",
  "making",
  "do",
  "did",
  "done",
  "authori[sz]\\w*",
  "approve\\w*",
  "recogni[sz]\\w*",
  "remember\\w*",
  "recall\\w*",
  "request\\w*",
  "initiate\\w*",
  "set up",
  "submit\\w*",
  "order\\w*",
  "buy",
  "bought",
  "purchase\\w*",
  "spend",
  "spent",
  "withdr[ae]w\\w*",
  "take",
  "took",
  "taken",
  "ask(?:ed)? for",
  "consent\\w*",
  "agree\\w*",
  "sign(?:ed)? (?:up )?for",
  "create\\w*",
  "carr(?:y|ied) out",
  "perform\\w*",
  "use",
  "used",
  "allow\\w*",
  "place\\w*",
  "complete\\w*",
  "give (?:permission|consent)",
);
const ODD = alt(
  "unauthori[sz]ed",
  "unrecogni[sz]ed",
  "unknown",
  "unfamiliar",
  "strange",
  "suspicious",
  "unusual",
  "odd",
  "weird",
  "random",
  "fishy",
  "mysterious",
  "unidentified",
  "unexplained",
  "unapproved",
  "bogus",
  "fraudulent",
  "rogue",
  "mystery",
  "illegitimate",
  "unrequested",
  "unsolicited",
  "unwanted",
  "false",
  "unexpected",
);
const SOMEONE =
  "(?:someone|somebody|some one|a stranger|another person|a third party|people|other people|thieves?|" +
  "the thief|criminals?)(?: else| besides me| other than me)?";

export const PATTERNS: RegExp[] = [
  // Chargebacks, fraud, scams and identity theft
  new RegExp(
    [
      String.raw`\bcharge ?backs?\b|\bfraud\w*|\bscam(?:med|mers?|s)?\b|\bidentity (?:theft|fraud)\b`,
      String.raw`\b(?:stole|stolen) (?:my )?identity\b|\bfishy\b`,
    ].join("|"),
  ),
  // "a payment (that) I didn't make", "money I never took out", "a merchant I don't recognise"
  new RegExp(
    `\\b${TXN}(?:[ ,]+\\w+){0,8}? (?:that |which )?i (?:\\w+ )?(?:${PAST_NEG}|do not) ` + `(?:\\w+ )?${DISOWN_VERB}\\b`,
  ),
  // "I don't recognise this payment", "I never authorised these charges", "I don't think I made this charge"
  new RegExp(
    `\\b(?:do not|did not|can not|could not|never|am not) ` +
      `(?:\\w+ )?${alt("recogni[sz]\\w*", "remember\\w*", "recall\\w*", "identify")}(?: \\w+){0,4} ` +
      `${SPEND}\\b`,
  ),
  // "I did not authorise this charge", "I don't think I made these payments"
  new RegExp(
    `\\b(?:${PAST_NEG}|do not think i|do not believe i) ` +
      `(?:\\w+ )?` +
      alt(
        "authori[sz]\\w*",
        "approve\\w*",
        "make",
        "made",
        "request\\w*",
        "initiate\\w*",
        "do",
        "set up",
        "create",
        "complete",
      ) +
      `(?: (?:this|these|that|those|the|a|an|any|some|\\d+\\S*))?(?: \\w+){0,2} ${SPEND}\\b`,
  ),
  // "an unknown direct debit", "strange card payment", "an unfamiliar merchant"
  new RegExp(`\\b${ODD}(?: \\w+){0,2} ${SPEND}\\b`),
  // "the withdrawal was not me", "payments that are not mine", "not done by me", "does not belong to me"
  new RegExp(
    `\\b${TXN}(?:[ ,]+\\w+){0,6}? (?:is|are|was|were|that is|that are|which are|which is|it is) not ` +
      `(?:mine|me|made by me|by me|from me)\\b|\\b(?:it|that|this) (?:was|is) not me\\b|` +
      `\\bnot (?:be |been |being )?(?:done|made|completed|authori[sz]ed|initiated|requested|carried out|` +
      `performed) by me\\b|\\b(?:does|do) not belong to me\\b|\\bi am not responsible for\\b`,
  ),
  // "the app says I withdrew cash but I didn't"
  new RegExp(
    [
      String.raw`\b(?:says?|said|shows?|showing|showed|indicates?|claims?|according to|listed|`,
      String.raw`saying)\b[^.?]{0,80}\b(?:but|and|however|yet) i `,
      "(?:did not|never|have not|definitely did not)(?: (?:do|make|made|withdraw|take|authori[sz]e|",
      String.raw`spend|use|complete)\w*(?: (?:it|that|this|them|any \w+))?)?(?: \w+)?\s*(?:[.!?,]|$)`,
    ].join(""),
  ),
  // "without my permission", "behind my back"
  new RegExp(
    [
      String.raw`\bwithout (?:my |our |me )?(?:permission|consent|knowledge|authori[sz]ation|approval|` +
        String.raw`agreement|knowing|approving|authori[sz]ing)\b`,
      String.raw`\bbehind my back\b`,
    ].join("|"),
  ),
  // "someone else used my card", "a stranger withdrew money"
  new RegExp(
    `\\b${SOMEONE}(?: \\w+){0,3}? (?:(?:used|using|uses|use) (?:my|it|mine|them|the card|our)|spent|` +
      `spending|withdrew|withdrawing|withdrawn|removed (?:money|cash|funds)|took (?:money|cash|funds)|` +
      `taking (?:money|cash|funds)|taken (?:money|cash|funds)|stole (?:money|cash|funds|from)|stealing|` +
      `emptied|draining|drained|charged|making (?:payments|purchases|charges|withdrawals)|` +
      `made (?:a |an |some |several |\\S+ )?(?:\\w+ ){0,2}${SPEND}|bought|buying|purchased|` +
      `ordered)\\b(?! (?:to|for|into) (?:me|my)\\b)`,
  ),
  // "they keep taking money", "they started using my card"
  new RegExp(
    [
      String.raw`\bthey (?:have |had )?(?:started |been |keep |are )(?:withdrawing|`,
      String.raw`taking (?:money|cash|funds)|using my card|spending)\b`,
    ].join(""),
  ),
  // "money taken from my account", "stole all my money"
  new RegExp(
    [
      String.raw`\b(?:money|funds|cash|\d+ ?\w*) (?:\w+ ){0,2}(?:taken|stolen|drained|` +
        "withdrawn) (?:out )?(?:of|from) my (?:account|card|" +
        String.raw`balance)(?: (?:without|but|and i|that i))\b`,
      String.raw`\bstole (?:my|all my) (?:money|funds|savings|cash)\b`,
    ].join("|"),
  ),
  // "this is not my account", "I never opened this account"
  new RegExp(
    [
      String.raw`\b(?:is|was|^) ?not my account\b|\b(?:this|that) account (?:is|was) not mine\b`,
      String.raw`\b(?:never|did not) (?:open|opened|create|created|sign up for|signed up for|apply for|` +
        String.raw`applied for) (?:this|that|an|the|any) account\b`,
    ].join("|"),
  ),
  // "dispute a charge", "report this transaction" (not payment problems or methods)
  new RegExp(
    `\\b(?:disput|contest|challeng|disagree\\w* with|report)\\w* ` +
      `(?:a |an |the |this |these |that |those |` +
      `some )?(?:\\w+ )?${SPEND}\\b(?! (?:issues?|problems?|errors?|methods?|options?|fail\\w*|declin\\w*))|` +
      `\\b${SPEND}(?: \\w+){0,4} (?:to )?dispute\\b|` +
      `\\b(?:raise|open|file|make|start|submit|lodge) a dispute\\b`,
  ),
  // "no idea what this payment is", "a charge I was not aware of"
  new RegExp(
    `\\bno idea (?:what|where|who)(?: \\w+){0,3} ${SPEND}\\b|` +
      `\\b${SPEND}(?: \\w+){0,4} (?:that |which )?(?:i am|i was) (?:not|never) aware of\\b|` +
      `\\b${SPEND}(?: \\w+){0,4} (?:that |which )?i am (?:unsure|not sure|uncertain) (?:of|about)\\b|` +
      `\\bnot familiar with (?:a |an |the |this |these |some )?(?:\\w+ )?${SPEND}\\b|` +
      `\\b${SPEND}(?: \\w+){0,5} (?:i have never seen|i know nothing about|i do not know anything about|` +
      `never seen before)\\b`,
  ),
  // "what is this card payment", "why is there a charge on my card"
  new RegExp(
    `\\bwhat (?:is|are) (?:this|these|that|those)(?: (?:card|cash|direct|debit|atm))* ${SPEND}\\b|` +
      `\\bwhat (?:this|these|that|those)(?: (?:card|cash|direct|debit|atm))* ${SPEND}(?: \\w+){0,4} ` +
      `(?:is|are)\\b|\\bwhy (?:is|are) (?:this|these|there (?:a|an|some|these|this)) ` +
      `(?!pending|declined|reverted|double|duplicate|extra|additional|second)(?:\\w+ )?${SPEND} ` +
      `(?:on|in|to|set up|showing|from)\\b`,
  ),
  // "I have not used my card but there are payments"
  new RegExp(
    `\\b(?:have not|had not|did not|never) used (?:my|the) ` +
      `card\\b[^.?]{0,40}\\b(?:but|yet|however|still)\\b[^.?]{0,60}\\b${SPEND}\\b`,
  ),
  /\bi (?:did not|never|have not) (?:approve|authori[sz]e|consent)\w*\b/,
  // Spanish
  new RegExp(
    [
      String.raw`\b(?:no (?:reconozco|autorice|hice|realice|he (?:hecho|realizado|autorizado))|desconozco)\b`,
      String.raw`\b(?:cargos?|cobros?|pagos?|compras?|retiros?|transacciones|transaccion|` +
        String.raw`movimientos?)(?: \w+){0,2} (?:no autorizad|desconocid|fraudulent|sospechos|` +
        String.raw`que no (?:hice|reconozco|autorice|realice))\w*`,
      String.raw`\bcontracargo\w*|\bfraude\b|\bestafa\w*`,
    ].join("|"),
  ),
  // French
  wordPattern([
    "je ne reconnais pas|que je n'?ai (?:pas|jamais) (?:fait|effectue|autorise|realise)",
    "(?:paiements?|prelevements?|debits?|achats?|transactions?|retraits?|" +
      String.raw`operations?)(?: \w+){0,2} (?:non autorise|frauduleu|suspect|inconnu)\w*`,
    String.raw`fraude|arnaque\w*`,
  ]),
  // German
  wordPattern([
    "die ich nicht (?:getatigt|gemacht|autorisiert|veranlasst|erkenne|kenne)",
    "(?:abbuchung|zahlung|lastschrift|transaktion|buchung|abhebung|" +
      String.raw`belastung)(?:en)?(?: \w+){0,2} (?:nicht autorisiert|unbekannt|unberechtigt|betrugerisch|` +
      String.raw`verdachtig)\w*`,
    String.raw`nicht autorisierte|unberechtigte (?:abbuchung|zahlung|lastschrift|belastung)\w*|betrugs\w*`,
    String.raw`betruger\w*|ruckbuchung\w*`,
  ]),
  // Portuguese
  wordPattern([
    "nao (?:reconheco|autorizei|fiz|realizei)",
    "(?:cobrancas?|pagamentos?|compras?|saques?|transacao|transacoes|debitos?|" +
      String.raw`lancamentos?)(?: \w+){0,2} (?:nao autorizad|desconhecid|fraudulent|suspeit)\w*`,
    "fraude|golpe",
  ]),
  // Italian
  /\b(?:non (?:ho (?:fatto|autorizzato)|riconosco)|addebit\w* (?:non autorizzat|sconosciut)\w*|frode|truffa)\b/,
];

/** Both must match: a stolen card or wallet plus spending on it; not knowing where a charge came from. */
export const PAIRS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [
    new RegExp(
      [
        String.raw`\b(?:stolen|lost|stole|robbed|mugged) (?:\w+ ){0,3}(?:card|wallet|purse|phone)\b`,
        String.raw`\b(?:card|wallet|purse|phone) (?:was |has been |got |is )?(?:just )?(?:stolen|lost)\b`,
      ].join("|"),
    ),
    wordPattern([
      "withdrawals?|withdrawing|withdrawn|payments?|purchases?|charges?|transactions?",
      "taking (?:my )?money|using (?:it|my card)",
    ]),
  ],
  [
    new RegExp(
      [
        String.raw`\b(?:do not (?:know|understand)|not sure|no idea|unsure|`,
        String.raw`can not (?:tell|figure out|work out))(?: \w+){0,6}? where(?: \w+){0,4} `,
        String.raw`(?:came|come|comes|coming|is from|are from)\b`,
      ].join(""),
    ),
    new RegExp(`\\b${SPEND}\\b`),
  ],
  [/\bshould not be (?:there|on (?:my|the) (?:account|statement|card))\b/, new RegExp(`\\b${SPEND}\\b`)],
  // "two withdrawals in Lisbon and I have never been to Portugal"
  [
    /\b(?:have|had|has) never (?:been|travel+ed) (?:to|in)\b|\bnever visited\b|\bi was not (?:there|in)\b/,
    new RegExp(`\\b${SPEND}\\b`),
  ],
];
