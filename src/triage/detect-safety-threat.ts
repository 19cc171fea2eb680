import { wordPattern } from "./word-pattern.ts";
/**
 * Threats of self-harm or violence. Figures of speech stay out ("this is killing me", "my phone
 * died", "I could kill for a refund"): a violent verb needs a person as its object or an intention in
 * front of it. Runs on normalized text.
 */
export function detectSafetyThreat(text: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(text));
}

const INTENT =
  "(?:i will|i am going to|i am gonna|i'?ll|gonna|going to|want to|wanna|i could|i might|i should|" +
  "ready to|about to|thinking (?:of|about)|plan(?:ning)? to)";

const PATTERNS: RegExp[] = [
  // self-harm
  new RegExp(
    [
      String.raw`\b(?:kill(?:ing)?|hurt(?:ing)?|harm(?:ing)?|cut(?:ting)?|hang(?:ing)?|shoot(?:ing)?) myself\b`,
      String.raw`\bsuicid\w*|\bself[- ]?harm\w*|\bend (?:my|it) (?:life|all)\b|\bend it all\b`,
      String.raw`\btake my (?:own )?life\b|\bdo not want to (?:live|be alive)\b|\b(?:want|wanna|going) to die\b`,
      String.raw`\bbetter off dead\b|\bno (?:reason|point) (?:to|in) (?:live|living|go on)\b`,
      String.raw`\bnot worth living\b|\bwish i (?:was|were) dead\b`,
    ].join("|"),
  ),
  // violence against others
  new RegExp(
    `\\b${INTENT} (?:\\w+ ){0,6}?(?:kill|murder|shoot|stab|hurt|attack|strangle) ` +
      `(?:you|u|ya|him|her|them|everyone|everybody|somebody|someone|people|` +
      `your (?:staff|agents?|employees|manager|ceo|boss)|` +
      `the (?:staff|agents?|manager|people|employees|ceo))\\b|` +
      `\\b${INTENT} (?:\\w+ )?(?:bomb|burn down|blow up|shoot up|set fire to) (?:your|the|this)\\b`,
  ),
  // Weapons aimed at the company's premises or staff, death threats, "I know where you live"
  new RegExp(
    [
      String.raw`\b(?:bomb|gun|knife|weapon|shoot(?:ing)?|explosives?)\b(?: \w+){0,5} (?:your|` +
        String.raw`the) (?:office|store|shop|branch|building|headquarters|staff|employees)\b`,
      String.raw`\byou (?:will|are going to|gonna) (?:die|pay with your life|` +
        String.raw`regret (?:this|it) (?:when|once) i find you)\b`,
      String.raw`\bi know where you live\b`,
    ].join("|"),
  ),
  // Spanish
  wordPattern([
    String.raw`matarme|suicid\w*|quitarme la vida|no quiero vivir|(?:te|los|las|les) voy a matar`,
    "voy a matar(?:te|los|las)?|hacerme dano",
  ]),
  // French
  /\b(?:me suicider|me tuer|en finir avec la vie|mettre fin a mes jours|je vais (?:vous|te|les) tuer)\b/,
  // German
  wordPattern([
    String.raw`mich umbringen|mir das leben nehmen|selbstmord|suizid\w*|ich bringe (?:dich|euch|sie) um`,
    "ich werde (?:dich|euch|sie) umbringen",
  ]),
  // Portuguese
  /\b(?:me matar|tirar (?:a )?minha (?:propria )?vida|vou (?:te |os |as )?matar|nao quero mais viver)\b/,
  // Italian
  /\b(?:uccidermi|togliermi la vita|vi ammazzo|ti ammazzo)\b/,
];
