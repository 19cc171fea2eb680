import { correctTypos } from "./correct-typos.ts";
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
  ["contact_support", new RegExp(
    [
      String.raw`\b(?:customer (?:service|support|care)|support (?:team|line|number|hours)|`,
      String.raw`call cent(?:er|re)|contact (?:you|support|your (?:team|company|staff))|`,
      String.raw`phone number (?:for|of) (?:you|support|customer)|opening hours|business hours|`,
      String.raw`hours of (?:operation|service|customer)|(?:servicio|atencion) al cliente|service client|`,
      String.raw`kundenservice|kundendienst|atendimento ao cliente)\b`,
    ].join(""),
  )],
  ["feedback", new RegExp(
    [
      String.raw`\b(?:reviews?|feedback|testimonial|opinion|suggestions?|leave (?:a|some) comments?|`,
      String.raw`comments? (?:about|on|for)|rate (?:your|the|my)|satisf(?:ied|action) survey|opinion|`,
      String.raw`valoracion|avis|bewertung|avaliacao)\b`,
    ].join(""),
  )],
  ["complaint", new RegExp(
    [
      String.raw`\b(?:complain\w*|complaint|claims? against|file (?:a )?claim|`,
      String.raw`lodge (?:a )?(?:claim|complaint)|dissatisf\w*|unhappy with|not happy with|worst|`,
      String.raw`(?:service|bank|app|company|support) (?:is|was) (?:a joke|terrible|awful|horrible|useless|`,
      String.raw`rubbish|a disgrace)|disappointed (?:with|by|in)|terrible service|poor service|bad service|`,
      String.raw`reclamacion|queja|plainte|reclamation|beschwerde|reclamacao)\b`,
    ].join(""),
  )],
  ["refund", new RegExp(
    [
      String.raw`\b(?:refund\w*|reimburs\w*|money back|restitution|rebates?|compensation|`,
      String.raw`return (?:my|the) money|get my money|reembolso|devolucion|devolver\w*|devuelv\w*|`,
      String.raw`remboursement|ruckerstattung|erstattung)\b`,
    ].join(""),
  )],
  ["cancellation", new RegExp(
    [
      String.raw`\b(?:(?:early )?exit (?:fees?|charges?|penalt\w*)|`,
      String.raw`(?:cancellation|termination|withdrawal) (?:fees?|charges?|penalt\w*)|`,
      String.raw`do not want (?:the |my |this )?(?:order|purchase)|`,
      String.raw`(?<!(?:was|been|got|were|is|being|has|have) )cancel\w*|`,
      String.raw`(?:clos|delet|remov|terminat|deactivat|get rid of)\w*(?: \w+){0,3} (?:account|profile|`,
      String.raw`membership)|(?:account|profile) (?:removal|deletion|closure|termination)|`,
      String.raw`(?:no longer|not) (?:want|use|need) (?:my |the |this )?(?:\w+ )?account|`,
      String.raw`undo (?:a |the |my )?(?:transfer|payment)|reverse (?:a |the |my )?(?:transfer|payment)|`,
      String.raw`stop (?:a |the |my )?transfer|cancelar|baja|annuler|resilier|kundigen|stornieren|cancelar)\b`,
    ].join(""),
  )],
  ["account_access", new RegExp(
    [
      String.raw`\b(?:(?:recover|restor|retriev|reset|forg[eo]t|lost|can not remember|`,
      String.raw`do not remember)\w*(?: \w+){0,4} (?:password|pwd|pass|pin(?: code)?|passcode|access key|key|`,
      String.raw`credentials|log ?in|username|user ?name)|password|passcode|pass ?word|log ?in|`,
      String.raw`log(?:ging)? (?:in|into|on)|sign(?:ing)? (?:in|into|on)|locked out|`,
      String.raw`can not (?:access|get into)|access (?:to )?my account|`,
      String.raw`reset (?:my )?(?:pin|password|passcode)|pin (?:is |was |got |has been )?(?:blocked|locked)|`,
      String.raw`unblock|verif\w* (?:my |your |the )?identity|identity verification|`,
      String.raw`verification (?:code|process|failed|fail\w*)|`,
      String.raw`(?:registration|registering|register|sign ?up|signup) (?:problems?|issues?|errors?|trouble|`,
      String.raw`not working)|(?:problems?|issues?|errors?|trouble) (?:with )?(?:registration|registering|`,
      String.raw`signing up|sign ?up)|can not (?:register|sign up)|contrasena|mot de passe|passwort|senha)\b`,
    ].join(""),
  )],
  ["order_shipping", new RegExp(
    [
      String.raw`\b(?:(?:shipping|delivery|billing|postal|mailing|home) address|`,
      String.raw`(?:change|modify|update|edit|correct|set up)\w* (?:my |the |an |a )?address|`,
      String.raw`address (?:update|change)|ship(?:ping|ment|ments|ped)?|deliver\w*|track\w*|parcel|package|`,
      String.raw`courier|dispatch\w*|arriv\w*|(?:place|make|change|modify|edit|update|buy|purchase|`,
      String.raw`order) (?:a |an |the |my |some )?(?:new )?(?:order|items?|products?|articles?)|orders?|`,
      String.raw`purchases?|when (?:will|does|do) (?:i|my) (?:get|receive) (?:my |the )?(?:new )?card|`,
      String.raw`(?:new |physical |replacement )?card (?:has not|did not|still|not yet|`,
      String.raw`never) (?:\w+ )?(?:arrived|come|came|received)|waiting (?:on|for) (?:my )?(?:new )?card|`,
      String.raw`envio|pedido|livraison|commande|lieferung|bestellung|entrega|encomenda)\b`,
    ].join(""),
  )],
  ["account_management", new RegExp(
    [
      String.raw`\b(?:(?:create|open|opening|creating|make|register|set up) (?:a |an |my |new |`,
      String.raw`another )*(?:\w+ )?account|(?:free|freemium|standard|premium|pro|gold|platinum|basic|`,
      String.raw`business|plus) (?:account|profile|plan|membership|tier)s?|`,
      String.raw`(?:use|using|change to|changing to|switch\w* to|move to|go to) (?:the |a |another |other |`,
      String.raw`my )?(?:\w+ )?(?:account|profile|user)|sign up|switch\w*|upgrad\w*|downgrad\w*|newsletter|`,
      String.raw`subscri\w*|(?:edit|update|change|modify|correct)\w* (?:my |the )?(?:\w+ )?(?:account|`,
      String.raw`details|profile|name|email|address|phone number|information|info|data)|`,
      String.raw`personal (?:details|information|info|data)|activat\w*|change (?:my |the )?pin|new pin|`,
      String.raw`link (?:my |a |the )?(?:\w+ )?card|card (?:is )?(?:about to |going to )?expir\w*|`,
      String.raw`expir\w* (?:card|date)|crear (?:una )?cuenta|modifier|konto (?:eroffnen|andern))\b`,
    ].join(""),
  )],
  ["billing", new RegExp(
    [
      String.raw`\b(?:invoices?|bills?|billing|receipts?|`,
      String.raw`payment (?:methods?|options?|issues?|problems?|errors?|modalit\w*)|`,
      String.raw`(?:issues?|problems?|errors?|trouble) (?:with )?(?:\w+ )?payments?|`,
      String.raw`(?:pay|paying) (?:with|by|using)|ways to pay|`,
      String.raw`charged (?:twice|two times|double|extra|more|me|for)|double charg\w*|overcharg\w*|`,
      String.raw`extra charges?|fees?|charges?|(?:wrong|bad|incorrect|terrible|poor|awful|unfair|worse|`,
      String.raw`different) (?:\w+ )?(?:exchange )?rates?|`,
      String.raw`(?:exchange )?rate (?:\w+ )?(?:was|is|seems|looks) (?:\w+ )?(?:wrong|bad|incorrect|off|high|`,
      String.raw`different)|wrong (?:amount|rate)|(?:less|more) (?:cash|money) than|factura|facture|rechnung|`,
      String.raw`fatura)\b`,
    ].join(""),
  )],
  ["transaction_status", new RegExp(
    [
      String.raw`\b(?:pending|still (?:waiting|processing|not)|`,
      String.raw`not (?:yet )?(?:arrived|received|showing|show(?:n)? up|gone through|processed|reflected|`,
      String.raw`updated|credited|completed)|(?:has not|did not|have not) (?:\w+ )?(?:arrived|received|`,
      String.raw`show(?:n)? up|gone through|cleared|credited|updated|come through)|`,
      String.raw`balance (?:\w+ )?(?:not|has not|did not|was not) (?:\w+ )?updated|revert\w*|`,
      String.raw`returned to my account|how long (?:does|will|do|did|is) (?:it )?(?:\w+ ){0,3}(?:transfers?|`,
      String.raw`top ?ups?|deposits?|payments?|take)|`,
      String.raw`when will (?:my |the )?(?:transfer|deposit|money|funds|top ?up|payment)|`,
      String.raw`(?:transfer|deposit|top ?up|payment) (?:is )?(?:still )?(?:in progress|processing)|`,
      String.raw`recipient)\b`,
    ].join(""),
  )],
  ["technical_bug", new RegExp(
    [
      String.raw`\b(?:(?:can not|unable to|could not) (?:make|complete|use|pay)|declin\w*|reject\w*|`,
      String.raw`not working|does not work|did not work|do not work|will not work|stopped working|`,
      String.raw`(?:transfer|payment|top ?up|withdrawal|transaction) (?:has )?failed|`,
      String.raw`fail(?:ed|s|ing|ure)? (?:to )?(?:\w+ )?(?:transfer|payment|top ?up|withdraw)|swallow\w*|`,
      String.raw`(?:atm|machine) (?:\w+ )?(?:ate|kept|took|has|eaten|stuck|retained)|`,
      String.raw`(?:ate|kept|took|retained) my card|card (?:is )?stuck|contactless|beneficiary|bug|glitch|`,
      String.raw`crash\w*|error messages?|app (?:keeps|is) (?:crashing|freezing)|no funciona|`,
      String.raw`ne fonctionne pas|ne marche pas|funktioniert nicht|nao funciona)\b`,
    ].join(""),
  )],
  ["product_question", new RegExp(
    [
      String.raw`\b(?:apple pay|google pay|virtual card|disposable|top(?:ping)? ?ups?|spare card|`,
      String.raw`additional card|extra card|another card|physical card|`,
      String.raw`(?:get|order|have) (?:a |an )?(?:\w+ )?card|currenc\w*|visa|mastercard|`,
      String.raw`age (?:limit|requirement)|how old|old enough|countr\w*|exchange|atms?|cheques?|checks?|`,
      String.raw`receive money|receiving money|source of (?:my )?funds|`,
      String.raw`why (?:do|does|must|should) (?:i|you) (?:need to )?verify|identity check|`,
      String.raw`(?:add|transfer|move) (?:money|funds) (?:to|into) my account|limits?|supported|accept\w*|`,
      String.raw`available)\b`,
    ].join(""),
  )],
];
