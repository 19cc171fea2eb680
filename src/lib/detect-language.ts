/** The languages the detector knows: those with bundled fixed messages and checked replies. */
export const DETECTED_LANGUAGES = ["en", "es", "fr", "de", "pt"] as const;
export type DetectedLanguageCode = (typeof DETECTED_LANGUAGES)[number];
type BundledLocale = DetectedLanguageCode;

/**
 * Short, frequent function words and support words of each bundled language. A word shared by several
 * languages ("de", "que", "no") counts for each of them, so it moves nothing between them; what
 * decides is the words only one language uses.
 */
const WORDS: Record<BundledLocale, readonly string[]> = {
  en: words(
    "the and is are to of my i you it have has with for this that was not can on please what how why " +
      "do does be your me would could will just get got thanks thank hi hello there when where but any " +
      "from i'm it's don't can't still did been order account help need want an these those they we our " +
      "us he she his her its am were if so never take like think there's doesn't isn't didn't i'd i've " +
      "you're won't about into out up than then which who all some anything nothing long much many",
  ),
  es: words(
    "el la los las de que y en no por para con mi es un una se lo del al pero muy hola gracias cuenta " +
      "pedido cuando donde cómo qué tengo puedo está hace ya sin también porque necesito quiero favor " +
      "ayuda mis le su hay este esta esto me han he todavía compra ayer nunca nada cuánto cuándo dónde " +
      "dos tres días nadie estaba desde ni usted ustedes sus mí tu tus hacer todo todos otra otro " +
      "después antes solo mucho bien sí vez veces sigue sigo recibí llegó tienen hacen pedí cuál aquí " +
      "ahora estoy son fue eso ese esa unos unas nuestro",
  ),
  fr: words(
    "le la les de des du et est je vous il nous pas ne une un pour avec sur mon ma mes votre dans qui " +
      "que ce cette j'ai bonjour merci compte commande mais ou très aussi suis ai avez peux pouvez " +
      "c'est n'ai toujours encore depuis au aux été reçu hier d'un l'abonnement puis quels quelle quel " +
      "sont vos on rien comment quand combien pourquoi jamais aucun aucune sans ces cet fait faire " +
      "avoir être tu elle y à où après avant même plus moins voudrais veux dois leur ça m'a n'est qu'il " +
      "s'il ils elles deux trois jours mois temps",
  ),
  de: words(
    "der die das und ist ich nicht sie es ein eine mit für auf den dem zu von mein meine bitte danke " +
      "hallo konto bestellung wie warum kann habe haben wurde noch auch aber oder wir ihr ihnen sind " +
      "mir mich keine kein seit immer schon gestern wann wo guten tag hat einen im gar nichts nie man " +
      "meiner meinen meinem wenn was gibt kam will werden dass sich über nach bei aus um nur jetzt mehr " +
      "sehr ja nein geht einem einer dieser diese zwei drei tage wochen möchte würde können muss stimmt " +
      "falsche falschen an am",
  ),
  pt: words(
    "o a os as de do da dos das e é que não um uma para com por meu minha você eu está olá obrigado " +
      "obrigada conta pedido mas como quando onde também tenho posso preciso quero ajuda isso esse essa " +
      "no na nos nas ainda ontem foi já estou sem compra bom dia vocês seu sua pela pelo vezes duas " +
      "dois três ao à às nunca nada ninguém depois antes só muito bem sim vez tem têm mim te lhe seus " +
      "suas agora aqui quanto qual quais chegou recebi fui meus minhas estes estas este esta num numa " +
      "dias semanas podem consigo errado errada",
  ),
};

function words(list: string): readonly string[] {
  return list.split(" ");
}

const INDEX: Map<string, BundledLocale[]> = new Map();
for (const [language, words] of Object.entries(WORDS) as [BundledLocale, readonly string[]][]) {
  for (const word of new Set(words)) INDEX.set(word, [...(INDEX.get(word) ?? []), language]);
}

/** Letters only one of the languages uses: each counts like one more of its words. */
const LETTERS: Array<[RegExp, BundledLocale]> = [
  [/[ñ¿¡]|ción\b|ciones\b/g, "es"],
  [/[ãõ]|\b\p{L}*(?:nh|lh)\p{L}+/gu, "pt"],
  [/[ßäöü]|\p{L}(?:ung|keit|lich|schaft)(?:en)?\b/gu, "de"],
  [/[èùœëîû]|\b(?:l|d|j|n|qu|c|s|m)'\p{L}/gu, "fr"],
];

/** Fewest words of the winning language, and by how many it must lead the runner-up. */
const MIN_SCORE = 2;
const MIN_LEAD = 1.5;

export interface DetectedLanguage {
  language: BundledLocale;
  /** Enough evidence, and clearly ahead of the next language: strong enough to beat a helpdesk default. */
  confident: boolean;
  scores: Record<BundledLocale, number>;
}

/**
 * Which of the five languages a text is written in, by counting each language's frequent words (and a few
 * letters only one of them uses). Deterministic and cheap: a customer message, not a document. Null
 * when no word of any language was found.
 */
export function detectLanguage(text: string): DetectedLanguage | null {
  const scores: Record<BundledLocale, number> = { en: 0, es: 0, fr: 0, de: 0, pt: 0 };
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  for (const word of lower.match(/[\p{L}']+/gu) ?? []) {
    for (const language of INDEX.get(word.replace(/^'+|'+$/g, "")) ?? []) scores[language] += 1;
  }
  for (const [letters, language] of LETTERS) scores[language] += Math.min(2, (lower.match(letters) ?? []).length);
  const ranked = (Object.entries(scores) as [BundledLocale, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] === 0) return null;
  const runnerUp = second?.[1] ?? 0;
  const confident = first[1] >= MIN_SCORE && first[1] - runnerUp >= MIN_LEAD;
  return { language: first[0], confident, scores };
}

/**
 * How numbers are written in `text`: "eu" (1.234,56; 1 234,56) for a confident Spanish, French,
 * German or Portuguese text, "en" (1,234.56) otherwise. Only decides the ambiguous "1.234" and "1,234".
 */
export function numberStyle(text: string): "en" | "eu" {
  const detected = detectLanguage(text);
  return detected?.confident && detected.language !== "en" ? "eu" : "en";
}
