const FUTURE = String.raw`(?:'ll|’ll|\s+will|\s+shall|(?:'m|’m|'re|’re|\s+am|\s+are)\s+going\s+to)`;
const FILLER =
  String.raw`(?:(?:also|then|soon|personally|gladly|definitely|need\s+to|have\s+to|try\s+to|` +
  String.raw`make\s+sure\s+to)\s+)?`;
/** Contact and follow-up verbs only: "we'll refund the full amount once it arrives" restates policy. */
const FOLLOW_UP =
  String.raw`(?:e-?mail|call|phone|text|message|contact|follow[\s-]?up|get\s+back|reach\s+out|` +
  String.raw`update|notify|let\s+you\s+know|keep\s+you\s+posted|check|look\s+into|investigate|escalate)`;
const SOMEONE =
  String.raw`(?:someone|somebody|an?\s+(?:agent|specialist|colleague|team\s+member)|` +
  String.raw`our\s+(?:support\s+)?(?:team|staff|agents?|specialists?)|the\s+(?:support\s+)?team)`;

/** Patterns are matched case-insensitively on Unicode text; `\b` is ASCII-only, so words are fenced by letters. */
const word = (body: string) => new RegExp(String.raw`(?<![\p{L}])(?:${body})(?![\p{L}])`, "giu");

/**
 * Promises of later work. The assistant only writes this one reply: nothing it could say would make
 * an e-mail, a call or a follow-up happen, so such a promise would be broken. Escalation has its own
 * approved message for "a person takes over". The same three kinds in each of the five languages:
 * the assistant promising to contact, call, write, check or get back; someone promising to; and a
 * guarantee or a refund pledged to the customer ("we guarantee", "le garantizamos un reembolso",
 * "wir erstatten Ihnen ...") — a refund happens only as a support action, never as a sentence.
 */
const PROMISE_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:i|we)${FUTURE}\s+${FILLER}${FOLLOW_UP}\b`, "gi"),
  new RegExp(
    String.raw`\b${SOMEONE}\s+(?:will|'ll|’ll|is\s+going\s+to)\s+${FILLER}(?:contact|call|e-?mail|` +
      String.raw`get\s+back|reach\s+out|follow\s+up|be\s+in\s+touch|respond|reply|look\s+into)\b`,
    "gi",
  ),
  /\byou(?:'ll|’ll|\s+will)\s+hear\s+(?:back|from)\b/gi,
  /\bget\s+back\s+to\s+you\b/gi,
  /\bfollow\s+up\s+with\s+you\b/gi,
  /\bbe\s+in\s+touch\b/gi,
  word(String.raw`(?:i|we)\s+(?:can\s+)?guarantee|(?:i|we)(?:'ll|’ll|\s+will)\s+refund\s+you`),
  // Spanish
  word(
    String.raw`(?:le|te|les|lo|la)?\s*(?:contactar|llamar|escribir|avisar|informar|responder|revisar|investigar|` +
      String.raw`comunicar|reembolsar)(?:emos|é)|(?:nos|me)\s+pondr(?:emos|é)\s+en\s+contacto|` +
      String.raw`(?:vamos|voy)\s+a\s+(?:(?:le|te)\s+)?(?:contactar|llamar|escribir|avisar|revisar|investigar|reembolsar)(?:le|te|lo)?|` +
      String.raw`(?:alguien|un\s+(?:agente|especialista|compañero)|nuestro\s+equipo|el\s+equipo)\s+(?:le\s+|te\s+)?` +
      String.raw`(?:contactará|llamará|escribirá|responderá|se\s+pondrá\s+en\s+contacto)|` +
      String.raw`(?:le|te|les)\s+garantiz(?:o|amos)|garantizamos|(?:le|te)\s+reembolsaremos`,
  ),
  // French
  word(
    String.raw`(?:je|nous)\s+vous\s+(?:recontacterai|recontacterons|contacterai|contacterons|rappellerai|rappellerons|` +
      String.raw`écrirai|écrirons|tiendrai|tiendrons|répondrai|répondrons|enverrai|enverrons|rembourserai|rembourserons)|` +
      String.raw`(?:je|nous)\s+(?:vais|allons)\s+vous\s+(?:contacter|rappeler|écrire|recontacter|tenir\s+informée?|rembourser)|` +
      String.raw`(?:je\s+reviendrai|nous\s+reviendrons)\s+vers\s+vous|revenir\s+vers\s+vous|` +
      String.raw`(?:quelqu'un|quelqu’un|un\s+(?:agent|conseiller|spécialiste|collègue)|notre\s+équipe)\s+(?:vous\s+)?` +
      String.raw`(?:contactera|rappellera|répondra|écrira|reviendra\s+vers\s+vous|va\s+vous\s+(?:contacter|rappeler|répondre))|` +
      String.raw`(?:je\s+vous|nous\s+vous)\s+garanti(?:s|ssons)|nous\s+garantissons`,
  ),
  // German
  word(
    String.raw`(?:wir|ich)\s+(?:werde|werden)\s+(?:uns\s+|mich\s+)?(?:bei\s+ihnen\s+)?(?:sie\s+|ihnen\s+)?` +
      String.raw`(?:\p{L}+\s+){0,3}?(?:kontaktieren|anrufen|zurückrufen|melden|informieren|benachrichtigen|prüfen|` +
      String.raw`erstatten|schreiben)|` +
      String.raw`(?:wir\s+melden\s+uns|ich\s+melde\s+mich)|(?:wir|ich)\s+rufe?n?\s+sie\s+(?:zurück|an)|` +
      String.raw`(?:wir|ich)\s+(?:informieren|informiere|benachrichtigen|kontaktieren|kontaktiere)\s+sie|` +
      String.raw`(?:wir\s+erstatten|ich\s+erstatte)\s+ihnen|(?:wir\s+kommen|ich\s+komme)\s+auf\s+sie\s+zurück|` +
      String.raw`sie\s+hören\s+von\s+uns|(?:wir\s+geben|ich\s+gebe)\s+ihnen\s+bescheid|` +
      String.raw`(?:jemand|ein\s+(?:mitarbeiter|kollege)|eine\s+(?:mitarbeiterin|kollegin|fachkraft)|unser\s+team)\s+` +
      String.raw`(?:wird\s+sich|meldet\s+sich|wird\s+sie)|(?:wir\s+garantieren|ich\s+garantiere)`,
  ),
  // Portuguese
  word(
    String.raw`(?:vamos|vou|iremos|irei)\s+(?:(?:lhe|te)\s+)?(?:entrar\s+em\s+contato|ligar|retornar|enviar\s+um\s+e-?mail|` +
      String.raw`avisar|verificar|investigar|reembolsar)|` +
      String.raw`(?:entraremos|entrarei)\s+em\s+contato|(?:retornaremos|retornarei|ligaremos|ligarei|avisaremos|` +
      String.raw`avisarei|reembolsaremos|reembolsarei)|` +
      String.raw`(?:alguém|um\s+(?:agente|especialista|atendente|colega)|(?:a\s+)?nossa\s+equipe|a\s+equipe)\s+` +
      String.raw`(?:(?:vai|irá)\s+)?(?:(?:lhe|te)\s+)?(?:entrar\s+em\s+contato|entrará\s+em\s+contato|ligar|ligará|` +
      String.raw`responder|responderá|retornar|retornará)|(?:garantimos|garanto)`,
  ),
];

/** The promise phrases found, as written (for the regeneration feedback; never logged). */
export function findPromises(reply: string): string[] {
  const found = PROMISE_PATTERNS.flatMap((pattern) => [...reply.matchAll(pattern)].map((m) => m[0].trim()));
  return [...new Set(found)];
}
