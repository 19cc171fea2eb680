import { correctTypos } from "./correct-typos.ts";
import { wordPattern } from "./word-pattern.ts";
import { detectAccountSecurity } from "./detect-account-security.ts";
import { detectFraud } from "./detect-fraud.ts";
import { detectHumanRequest } from "./detect-human-request.ts";
import { foldForMatching } from "../lib/normalize-text.ts";
import type { IntentCategory } from "../domain/triage.ts";

/**
 * Rule-based guess of the intent category, or null when no rule applies (the model classifies
 * then). Rules are ordered: the first that matches wins, so the specific ones ("cancel my order",
 * "refund for my order", "invoice for my order") come before the broad topic ones ("order").
 * English with the most common Spanish/French/German/Portuguese topic words.
 */
export function classifyIntent(text: string): IntentCategory | null {
  const normalized = correctTypos(foldForMatching(text));
  if (detectFraud(normalized) || detectAccountSecurity(normalized)) return "fraud_security";
  if (detectHumanRequest(normalized)) return "contact_support";
  for (const [category, pattern] of RULES) if (pattern.test(normalized)) return category;
  return null;
}

const RULES: ReadonlyArray<readonly [IntentCategory, RegExp]> = [
  ["account_management", /\b(?:newsletters?|mailing list)\b/],
  [
    "contact_support",
    wordPattern([
      "customer (?:service|support|care)|support (?:team|line|number|hours)|call cent(?:er|re)",
      "contact (?:you|support|your (?:team|company|staff))",
      "phone number (?:for|of) (?:you|support|customer)|opening hours|business hours",
      "hours of (?:operation|service|customer)|(?:servicio|atencion) al cliente|service client",
      "kundenservice|kundendienst|atendimento ao cliente",
    ]),
  ],
  [
    "feedback",
    wordPattern([
      "reviews?|feedback|testimonial|opinion|suggestions?|leave (?:a|some) comments?",
      "comments? (?:about|on|for)|rate (?:your|the|my)|satisf(?:ied|action) survey|opinion|valoracion",
      "avis|bewertung|avaliacao",
    ]),
  ],
  [
    "complaint",
    wordPattern([
      String.raw`complain\w*|complaint|claims? against|file (?:a )?claim|lodge (?:a )?(?:claim|complaint)`,
      String.raw`dissatisf\w*|unhappy with|not happy with|worst`,
      "(?:service|bank|app|company|support) (?:is|was) (?:a joke|terrible|awful|horrible|useless|" +
        "rubbish|a disgrace)",
      "disappointed (?:with|by|in)|terrible service|poor service|bad service|reclamacion|queja",
      "plainte|reclamation|beschwerde|reclamacao",
    ]),
  ],
  [
    "refund",
    wordPattern([
      String.raw`refund\w*|reimburs\w*|money back|restitution|rebates?|compensation|return (?:my|the) money`,
      String.raw`get my money|reembolso|devolucion|devolver\w*|devuelv\w*|remboursement|ruckerstattung`,
      "erstattung",
    ]),
  ],
  [
    "cancellation",
    wordPattern([
      String.raw`(?:early )?exit (?:fees?|charges?|penalt\w*)`,
      String.raw`(?:cancellation|termination|withdrawal) (?:fees?|charges?|penalt\w*)`,
      "do not want (?:the |my |this )?(?:order|purchase)",
      String.raw`(?<!(?:was|been|got|were|is|being|has|have) )cancel\w*`,
      String.raw`(?:clos|delet|remov|terminat|deactivat|get rid of)\w*(?: \w+){0,3} (?:account|profile|` +
        "membership)",
      "(?:account|profile) (?:removal|deletion|closure|termination)",
      String.raw`(?:no longer|not) (?:want|use|need) (?:my |the |this )?(?:\w+ )?account`,
      "undo (?:a |the |my )?(?:transfer|payment)|reverse (?:a |the |my )?(?:transfer|payment)",
      "stop (?:a |the |my )?transfer|cancelar|baja|annuler|resilier|kundigen|stornieren|cancelar",
    ]),
  ],
  [
    "account_access",
    wordPattern([
      "(?:recover|restor|retriev|reset|forg[eo]t|lost|can not remember|" +
        String.raw`do not remember)\w*(?: \w+){0,4} (?:password|pwd|pass|pin(?: code)?|passcode|access key|` +
        "key|credentials|log ?in|username|user ?name)",
      "password|passcode|pass ?word|log ?in|log(?:ging)? (?:in|into|on)|sign(?:ing)? (?:in|into|on)",
      "locked out|can not (?:access|get into)|access (?:to )?my account",
      "reset (?:my )?(?:pin|password|passcode)|pin (?:is |was |got |has been )?(?:blocked|locked)",
      String.raw`unblock|verif\w* (?:my |your |the )?identity|identity verification`,
      String.raw`verification (?:code|process|failed|fail\w*)`,
      "(?:registration|registering|register|sign ?up|signup) (?:problems?|issues?|errors?|" + "trouble|not working)",
      "(?:problems?|issues?|errors?|trouble) (?:with )?(?:registration|registering|signing up|" + "sign ?up)",
      "can not (?:register|sign up)|contrasena|mot de passe|passwort|senha",
    ]),
  ],
  [
    "order_shipping",
    wordPattern([
      "(?:shipping|delivery|billing|postal|mailing|home) address",
      String.raw`(?:change|modify|update|edit|correct|set up)\w* (?:my |the |an |a )?address`,
      String.raw`address (?:update|change)|ship(?:ping|ment|ments|ped)?|deliver\w*|track\w*|parcel|package`,
      String.raw`courier|dispatch\w*|arriv\w*`,
      "(?:place|make|change|modify|edit|update|buy|purchase|order) (?:a |an |the |my |" +
        "some )?(?:new )?(?:order|items?|products?|articles?)",
      "orders?|purchases?|when (?:will|does|do) (?:i|my) (?:get|receive) (?:my |the )?(?:new )?card",
      "(?:new |physical |replacement )?card (?:has not|did not|still|not yet|" +
        String.raw`never) (?:\w+ )?(?:arrived|come|came|received)`,
      "waiting (?:on|for) (?:my )?(?:new )?card|envio|pedido|livraison|commande|lieferung|bestellung",
      "entrega|encomenda",
    ]),
  ],
  [
    "account_management",
    wordPattern([
      "(?:create|open|opening|creating|make|register|set up) (?:a |an |my |new |" +
        String.raw`another )*(?:\w+ )?account`,
      "(?:free|freemium|standard|premium|pro|gold|platinum|basic|business|plus) (?:account|" +
        "profile|plan|membership|tier)s?",
      String.raw`(?:use|using|change to|changing to|switch\w* to|move to|go to) (?:the |a |another |other |` +
        String.raw`my )?(?:\w+ )?(?:account|profile|user)`,
      String.raw`sign up|switch\w*|upgrad\w*|downgrad\w*|newsletter|subscri\w*`,
      String.raw`(?:edit|update|change|modify|correct)\w* (?:my |the )?(?:\w+ )?(?:account|details|profile|` +
        "name|email|address|phone number|information|info|data)",
      String.raw`personal (?:details|information|info|data)|activat\w*|change (?:my |the )?pin|new pin`,
      String.raw`link (?:my |a |the )?(?:\w+ )?card|card (?:is )?(?:about to |going to )?expir\w*`,
      String.raw`expir\w* (?:card|date)|crear (?:una )?cuenta|modifier|konto (?:eroffnen|andern)`,
    ]),
  ],
  [
    "billing",
    wordPattern([
      "invoices?|bills?|billing|receipts?",
      String.raw`payment (?:methods?|options?|issues?|problems?|errors?|modalit\w*)`,
      String.raw`(?:issues?|problems?|errors?|trouble) (?:with )?(?:\w+ )?payments?`,
      "(?:pay|paying) (?:with|by|using)|ways to pay",
      String.raw`charged (?:twice|two times|double|extra|more|me|for)|double charg\w*|overcharg\w*`,
      "extra charges?|fees?|charges?",
      `(?:wrong|bad|incorrect|terrible|poor|awful|unfair|worse|${String.raw`different) (?:\w+ )?(?:exchange )?rates?`}`,
      String.raw`(?:exchange )?rate (?:\w+ )?(?:was|is|seems|looks) (?:\w+ )?(?:wrong|bad|incorrect|off|` +
        "high|different)",
      "wrong (?:amount|rate)|(?:less|more) (?:cash|money) than|factura|facture|rechnung|fatura",
    ]),
  ],
  [
    "transaction_status",
    wordPattern([
      "pending|still (?:waiting|processing|not)",
      "not (?:yet )?(?:arrived|received|showing|show(?:n)? up|gone through|processed|reflected|" +
        "updated|credited|completed)",
      String.raw`(?:has not|did not|have not) (?:\w+ )?(?:arrived|received|show(?:n)? up|gone through|` +
        "cleared|credited|updated|come through)",
      String.raw`balance (?:\w+ )?(?:not|has not|did not|was not) (?:\w+ )?updated|revert\w*`,
      "returned to my account",
      String.raw`how long (?:does|will|do|did|is) (?:it )?(?:\w+ ){0,3}(?:transfers?|top ?ups?|deposits?|` +
        "payments?|take)",
      "when will (?:my |the )?(?:transfer|deposit|money|funds|top ?up|payment)",
      "(?:transfer|deposit|top ?up|payment) (?:is )?(?:still )?(?:in progress|processing)|recipient",
    ]),
  ],
  [
    "technical_bug",
    wordPattern([
      String.raw`(?:can not|unable to|could not) (?:make|complete|use|pay)|declin\w*|reject\w*|not working`,
      "does not work|did not work|do not work|will not work|stopped working",
      "(?:transfer|payment|top ?up|withdrawal|transaction) (?:has )?failed",
      String.raw`fail(?:ed|s|ing|ure)? (?:to )?(?:\w+ )?(?:transfer|payment|top ?up|withdraw)|swallow\w*`,
      String.raw`(?:atm|machine) (?:\w+ )?(?:ate|kept|took|has|eaten|stuck|retained)`,
      "(?:ate|kept|took|retained) my card|card (?:is )?stuck|contactless|beneficiary|bug|glitch",
      String.raw`crash\w*|error messages?|app (?:keeps|is) (?:crashing|freezing)|no funciona|ne fonctionne pas`,
      "ne marche pas|funktioniert nicht|nao funciona",
    ]),
  ],
  [
    "product_question",
    wordPattern([
      "apple pay|google pay|virtual card|disposable|top(?:ping)? ?ups?|spare card|additional card",
      String.raw`extra card|another card|physical card|(?:get|order|have) (?:a |an )?(?:\w+ )?card|currenc\w*`,
      String.raw`visa|mastercard|age (?:limit|requirement)|how old|old enough|countr\w*|exchange|atms?|cheques?`,
      "checks?|receive money|receiving money|source of (?:my )?funds",
      "why (?:do|does|must|should) (?:i|you) (?:need to )?verify|identity check",
      String.raw`(?:add|transfer|move) (?:money|funds) (?:to|into) my account|limits?|supported|accept\w*`,
      "available",
    ]),
  ],
];
