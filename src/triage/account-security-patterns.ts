import { alt } from "./match-unnegated.ts";
import { wordPattern } from "./word-pattern.ts";

// The patterns behind detect-account-security.ts, built from parts.

const DEVICE = alt(
  "cards?",
  "(?:smart ?|mobile |cell ?|i)?phones?",
  "mobiles?",
  "cell",
  "wallets?",
  "purses?",
  "(?:hand|gym )?bags?",
  "backpacks?",
  "devices?",
  "laptops?",
  "tablets?",
  "ipads?",
  "computers?",
  "sim(?: card)?",
  "keys",
  "belongings",
  "everything",
  "things",
  "stuff",
  "possessions",
);
const NOT_DEVICE_PART =
  "(?! (?:pins?|numbers?|details|info\\w*|settings|options?|page|section|menu|tab|statements?|limits?|fees?|" +
  "reader))(?! (?:in|at|by|to) (?:the |an? )?(?:atm|machine|cash machine|cashpoint))";

export const LOSS_PATTERNS: RegExp[] = [
  // "I lost my phone", "someone stole my wallet", "I can't find my card", "I left my phone at the hotel"
  new RegExp(
    `\\b` +
      alt(
        "lost",
        "lose",
        "losing",
        "misplaced",
        "misplace",
        "stole",
        "steal",
        "stolen",
        "can not find",
        "could not find",
        "can not locate",
        "do not know where",
        "no idea where",
        "not sure where",
        "dropped",
        "snatched",
        "nicked",
        "pinched",
        "missing",
        "lost track of",
        "no longer have",
        "not in possession of",
        "took",
      ) +
      ` (?:my|our|both my|all my|the|a|an) (?:\\w+ )?(?:\\w+ )?${DEVICE}\\b${NOT_DEVICE_PART}`,
    "g",
  ),
  new RegExp(
    `\\b(?:left|forgot) (?:my|the) (?:\\w+ )?${DEVICE} (?:at|in|on|behind|somewhere|outside)\\b(?! home)`,
    "g",
  ),
  new RegExp(
    `\\b(?:do not|no longer) have (?:my|the) ` +
      `(?:${alt("(?:smart ?|mobile |cell ?)?phone", "mobile(?: device)?", "device")})\\b`,
    "g",
  ),
  // "my card was stolen", "phone is gone", "a stolen card", "lost phone"
  new RegExp(
    `\\b${DEVICE} (?:(?:was|were|where|has been|have been|had been|got|is|are|might be|may be|` +
      `may have been|might have been|has gone|went|now|just|been|being|seems) )*(?:lost|stolen|missing|taken|` +
      `nicked|pinched|snatched|gone|misplaced|left (?:at|in|on|behind)|fell (?:out|off)|` +
      `not (?:on|with) me)\\b${NOT_DEVICE_PART}`,
    "g",
  ),
  new RegExp(
    [
      String.raw`\b(?:it|one|everything|mine|they|them)(?: \w+){0,2}? `,
      String.raw`(?:was|were|has been|have been|had been|got|is|are) (?:just )?stolen\b`,
    ].join(""),
    "g",
  ),
  new RegExp(
    `\\b(?:stolen|lost|misplaced) (?:\\w+ )?${DEVICE}\\b${NOT_DEVICE_PART}|` +
      `\\blost (?:or|and|\\/) stolen\\b|\\bstolen (?:or|and|\\/) lost\\b`,
    "g",
  ),
];
/** The loss is of something not yet received or already found again. */
export const NOT_A_LOSS = wordPattern([
  String.raw`(?:i|we) (?:have )?found|found (?:it|my|the|a|them)|deliver\w*|arriv\w*|in the (?:mail|post)`,
  String.raw`shipp\w*|waiting for (?:it|my|the)|not (?:yet )?received`,
]);
export const NOT_PHYSICAL = /\b(?:virtual|disposable|new|replacement|spare)\b/;
export const MACHINE_BEFORE = /\b(?:atm|machine|cashpoint|terminal)(?: \w+)? ?$/;

export const PATTERNS: RegExp[] = [
  // Hacked, compromised or phished accounts, skimmed cards, SIM swaps, account takeover
  new RegExp(
    [
      String.raw`\bhack(?:ed|ing|er|ers|s)?\b|\bcompromised\b|\bcompromis(?:e|ing) my\b|\bphish\w*`,
      String.raw`\bskimm(?:ed|ing|er)\b|\bsim swap\w*|\baccount takeover\b`,
    ].join("|"),
  ),
  // Identity theft, muggings, robberies, pickpockets and break-ins
  new RegExp(
    [
      String.raw`\bidentity (?:theft|fraud)\b|\b(?:stole|stolen) (?:my )?identity\b|\bmugg(?:ed|ing)\b`,
      String.raw`\brobbed\b|\brobbery\b|\bpickpocket\w*|\bburgl\w*|\bbroke into my\b|\bbroken into\b`,
      String.raw`\battacked me\b|\bassaulted\b`,
    ].join("|"),
  ),
  // "someone else logged in", "someone has access to my account", "someone is using my card"
  new RegExp(
    `\\b(?:someone|somebody|some one|a stranger|another person|a third party|people|others|other people|` +
      `hackers?|thieves?|the thief|an? unknown (?:person|device|user))(?: else| besides me| other than me)?` +
      `(?: \\w+){0,3}? ` +
      alt(
        "access\\w*",
        "logg?(?:ed|ing)? (?:in|into|on)",
        "log (?:in|into|on)",
        "signed in",
        "sign(?:ing)? in(?:to)?",
        "got into",
        "get into",
        "getting into",
        "broke into",
        "breaking into",
        "took over",
        "taken over",
        "changed my (?:password|email|pin|phone|number|details)",
        "knows? my (?:password|pin|passcode|login|details)",
        "(?:us(?:e|ed|es|ing)|utili[sz]\\w*) " + "(?:my|it|mine|them|this|the card)",
        "(?:has|have|had|got|get|gotten|obtained|stole|stolen|copied|cloned|skimmed|took|taken) " +
          "(?:hold of |access to |a copy of )?(?:my |all my |the )?(?:card (?:details|number|info\\w*|data)|" +
          "details|identity|information|info|pin|passcode|password|login|credentials|data|account|card|phone|" +
          "numbers? (?:on|of|from) my card)",
      ) +
      `\\b`,
  ),
  // "someone is shopping with my card", "somebody else on my new card"
  new RegExp(
    [
      String.raw`\b(?:someone|somebody)(?: else| besides me| other than me)?(?: \w+){0,5} (?:with|on|` +
        String.raw`using) my (?:\w+ )?card\b`,
      String.raw`\bcard (?:\w+ ){0,3}(?:used|accessed|utili[sz]ed) (?:by (?:someone|somebody|another|` +
        String.raw`a stranger|others)|without)\b`,
    ].join("|"),
  ),
  // "fraudulently used", "used illegally"
  new RegExp(
    [
      String.raw`\b(?:improperly|fraudulently|illegally) used\b`,
      String.raw`\bused (?:\w+ )?(?:fraudulently|illegally|improperly)\b`,
      String.raw`\b(?:fraudulent|unauthori[sz]ed|illegal) (?:use|usage|transactions?|charges?|payments?|` +
        String.raw`purchases?|activity)\b`,
      String.raw`\bfraud\w* (?:on|to|with|in|of) (?:my|the) (?:card|account)\b`,
      String.raw`\b(?:stop|report|prevent|dispute) (?:\w+ )?fraud\b`,
    ].join("|"),
  ),
  // "unusual activity on my account", "a login I did not make"
  new RegExp(
    `\\b` +
      alt(
        "unauthori[sz]ed",
        "suspicious",
        "unknown",
        "unrecogni[sz]ed",
        "strange",
        "unusual",
        "odd",
        "weird",
        "unfamiliar",
      ) +
      ` (?:\\w+ )?` +
      alt(
        "log ?ins?",
        "log-ins?",
        "sign ?ins?",
        "sign-ins?",
        "access",
        "activity",
        "device",
        "attempts?",
        "sessions?",
        "locations?",
        "ip address",
      ) +
      `\\b`,
  ),
  // "my card details were stolen", "password has been leaked"
  new RegExp(
    `\\b` +
      alt(
        "card details",
        "card number",
        "card info\\w*",
        "card data",
        "account",
        "identity",
        "details",
        "password",
        "pin",
        "passcode",
        "login",
        "credentials",
        "personal (?:data|information|details)",
        "email",
      ) +
      ` (?:(?:was|were|has been|have been|had been|got|is|are|may have been|might have been|might be|may be|` +
      `could be|could have been|being|seems to have been) )*` +
      alt(
        "stolen",
        "compromised",
        "leaked",
        "exposed",
        "skimmed",
        "cloned",
        "copied",
        "phished",
        "breached",
        "hacked",
        "taken over",
      ) +
      `\\b`,
  ),
  // "login alerts that I did not request", "a security code I never asked for"
  new RegExp(
    `\\b(?:log ?in|sign ?in|verification|security|2fa|otp|code|password reset|reset)(?: \\w+){0,2} ` +
      `(?:alerts?|emails?|notifications?|texts?|messages?|sms|codes?|requests?) (?:that |which )?i ` +
      `(?:did not|never|have not) (?:request|make|made|do|did|initiate|ask)\\w*\\b`,
  ),
  // "block my card immediately", "freeze the account right now"
  new RegExp(
    [
      String.raw`\b(?:freeze|block|lock|cancel|deactivate|cut off|stop) (?:my|the) (?:card|account)(?: \w+)? `,
      String.raw`(?:immediately|now|asap|right now|right away|urgently|straight away)\b`,
    ].join(""),
  ),
  /\b(?:i did not|i never) (?:change|changed) (?:my|the) (?:password|email|pin|phone number)\b/,
  // Spanish
  wordPattern([
    "hackearon|hackeado|hackeada|hackeo|me robaron|me han robado",
    "robo de (?:mi )?(?:tarjeta|telefono|celular|movil|cartera|identidad)",
    "(?:perdi|he perdido|extravie|se me perdio|se me cayo) (?:mi |el |la )?(?:tarjeta|telefono|" +
      "celular|movil|cartera|billetera|bolso)",
    "(?:tarjeta|telefono|celular|movil|cartera|billetera|cuenta) (?:robada?|perdida?|" +
      "extraviada?|comprometida?|hackeada?)",
    "alguien (?:entro|accedio|ha accedido|esta usando|uso|ha usado|tiene acceso)",
    "suplantacion de identidad",
  ]),
  // French
  wordPattern([
    "pirate|piratee|on m'?a vole|on m'?a pique",
    "(?:vol|perte) de (?:ma |mon )?(?:carte|telephone|portable|portefeuille|sac)",
    "j'?ai perdu (?:ma |mon )?(?:carte|telephone|portable|portefeuille|sac)",
    "(?:carte|telephone|portable|portefeuille|compte) (?:a ete )?(?:perdue?|volee?|piratee?|" + "compromise?)",
    "quelqu'?un (?:a|s'?est) (?:acces|connecte|utilise)|usurpation d'?identite",
  ]),
  // German
  wordPattern([
    "gehackt",
    "(?:konto|karte|handy|telefon|smartphone|geldborse|portemonnaie|brieftasche|" +
      String.raw`tasche) (?:\w+ )?(?:gestohlen|verloren|gehackt|kompromittiert)`,
    "(?:gestohlen|verloren) (?:wurde|worden|ist)",
    String.raw`jemand (?:\w+ ){0,3}(?:zugriff|eingeloggt|angemeldet|benutzt|verwendet)|identitatsdiebstahl`,
    "ausgeraubt|beklaut",
  ]),
  // Portuguese
  wordPattern([
    "hackead[oa]|invadid[oa]",
    "(?:perdi|roubaram|furtaram|hackearam|invadiram|clonaram) (?:o |a |meu |minha )?(?:cartao|" +
      "celular|telefone|carteira|conta|bolsa)",
    "(?:cartao|celular|telefone|carteira|conta) (?:foi )?(?:roubad|furtad|perdid|clonad|" + "hackead|invadid)[oa]",
    "alguem (?:acessou|entrou|esta usando|usou|tem acesso)|fui assaltad[oa]",
  ]),
  // Italian
  wordPattern([
    "(?:ho perso|mi hanno rubato) (?:la |il |mia |mio )?(?:carta|telefono|cellulare|portafoglio)",
    "account (?:violato|hackerato)|furto",
  ]),
];
