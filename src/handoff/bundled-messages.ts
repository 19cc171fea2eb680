import { DEFAULT_DISCLOSURE_TEXT, DEFAULT_ESCALATION_MESSAGE } from "../config/settings-schema.ts";
import type { FixedMessageKind } from "../domain/fixed-message.ts";

/** Languages with a bundled set of fixed messages. */
export const BUNDLED_LOCALES = ["en", "es", "fr", "de", "pt"] as const;
export type BundledLocale = (typeof BUNDLED_LOCALES)[number];

/**
 * The bundled fixed messages, one set per language, written as templates with the same `{wait}` and
 * `{opening}` blanks as admin translations. Short, warm support-team language with the meaning of the
 * English kept: a wait is what replies "usually take" (a range, never a promise), the off-hours
 * message says when the team is back and that the reply also arrives by e-mail. Formal address
 * (usted, vous, Sie) where the language has one; Portuguese uses "você", common to both variants.
 */
export const BUNDLED_MESSAGES: Record<BundledLocale, Record<FixedMessageKind, string>> = {
  en: {
    disclosure: DEFAULT_DISCLOSURE_TEXT,
    escalation: DEFAULT_ESCALATION_MESSAGE,
    escalation_wait:
      "Thanks for your patience. I'm handing your conversation to a specialist on our support team now. " +
      "They can see everything we've discussed, so you won't need to repeat anything. " +
      "Right now replies usually take {wait}; they'll answer right here in this conversation.",
    off_hours:
      "Thanks for your patience. I'm handing your conversation to a specialist on our support team. " +
      "Our team is away right now and back {opening}; they'll pick this up then, with everything we've " +
      "discussed. You don't need to wait here: their reply will also reach you by email.",
    emergency:
      "I'm handing this to our on-call team right away. They can see everything we've discussed and will " +
      "reply here as soon as possible.",
    follow_up:
      "A quick update: your conversation is still with our support team and hasn't been forgotten. " +
      "It's taking longer than we said, and we've raised its priority. A specialist will reply here.",
    data_notice: "I'll look up your account to help with this.",
  },
  es: {
    disclosure:
      "Soy Deskmate, el asistente de IA del equipo de soporte. Si prefiere hablar con una persona, solo " +
      "dígalo y alguien del equipo le atenderá.",
    escalation:
      "Gracias por su paciencia. Paso su conversación a un especialista de nuestro equipo de soporte. " +
      "Verá todo lo que hemos hablado, así que no tendrá que repetir nada. Le responderá aquí mismo lo " +
      "antes posible, en esta misma conversación.",
    escalation_wait:
      "Gracias por su paciencia. Paso su conversación a un especialista de nuestro equipo de soporte. " +
      "Verá todo lo que hemos hablado, así que no tendrá que repetir nada. " +
      "Ahora mismo las respuestas suelen tardar {wait}; le responderá aquí, en esta conversación.",
    off_hours:
      "Gracias por su paciencia. Paso su conversación a un especialista de nuestro equipo de soporte. " +
      "Ahora mismo el equipo no está disponible y vuelve {opening}; entonces retomará su caso con todo lo " +
      "que hemos hablado. No hace falta que espere aquí: la respuesta también le llegará por correo electrónico.",
    emergency:
      "Paso su caso ahora mismo a nuestro equipo de guardia. Verá todo lo que hemos hablado y le " +
      "responderá aquí lo antes posible.",
    follow_up:
      "Una breve actualización: su conversación sigue con nuestro equipo de soporte y no la hemos olvidado. " +
      "Está tardando más de lo que le indicamos, así que hemos subido su prioridad. Un especialista le " +
      "responderá aquí.",
    data_notice: "Voy a consultar su cuenta para ayudarle con esto.",
  },
  fr: {
    disclosure:
      "Je suis Deskmate, l'assistant IA de l'équipe support. Si vous préférez parler à une personne, " +
      "dites-le simplement et quelqu'un de l'équipe prendra le relais.",
    escalation:
      "Merci de votre patience. Je transmets votre conversation à un spécialiste de notre équipe support. " +
      "Il voit tout ce que nous avons échangé, vous n'aurez donc rien à répéter. Il vous répondra ici dès " +
      "que possible, dans cette même conversation.",
    escalation_wait:
      "Merci de votre patience. Je transmets votre conversation à un spécialiste de notre équipe support. " +
      "Il voit tout ce que nous avons échangé, vous n'aurez donc rien à répéter. " +
      "En ce moment, une réponse prend généralement {wait} ; il vous répondra ici, dans cette conversation.",
    off_hours:
      "Merci de votre patience. Je transmets votre conversation à un spécialiste de notre équipe support. " +
      "Notre équipe est absente pour le moment et revient {opening} ; elle reprendra alors votre demande, " +
      "avec tout ce que nous avons échangé. Inutile d'attendre ici : la réponse vous parviendra aussi par e-mail.",
    emergency:
      "Je transmets votre demande immédiatement à notre équipe d'astreinte. Elle voit tout ce que nous " +
      "avons échangé et vous répondra ici dès que possible.",
    follow_up:
      "Un petit point : votre conversation est toujours entre les mains de notre équipe support, elle n'est " +
      "pas oubliée. Cela prend plus de temps que prévu, nous avons donc augmenté sa priorité. Un spécialiste " +
      "vous répondra ici.",
    data_notice: "Je vais consulter votre compte pour vous aider.",
  },
  de: {
    disclosure:
      "Ich bin Deskmate, der KI-Assistent des Support-Teams. Wenn Sie lieber mit einem Menschen sprechen " +
      "möchten, sagen Sie es einfach, dann übernimmt jemand aus dem Team.",
    escalation:
      "Vielen Dank für Ihre Geduld. Ich übergebe Ihre Unterhaltung jetzt an eine Fachkraft aus unserem " +
      "Support-Team. Sie sieht alles, was wir besprochen haben, Sie müssen also nichts wiederholen. Die " +
      "Antwort kommt so bald wie möglich hier in dieser Unterhaltung.",
    escalation_wait:
      "Vielen Dank für Ihre Geduld. Ich übergebe Ihre Unterhaltung jetzt an eine Fachkraft aus unserem " +
      "Support-Team. Sie sieht alles, was wir besprochen haben, Sie müssen also nichts wiederholen. " +
      "Im Moment dauert eine Antwort meist {wait}; sie kommt hier in dieser Unterhaltung.",
    off_hours:
      "Vielen Dank für Ihre Geduld. Ich übergebe Ihre Unterhaltung an eine Fachkraft aus unserem " +
      "Support-Team. Unser Team ist gerade nicht da und ab {opening} wieder erreichbar; dann kümmert es " +
      "sich um Ihr Anliegen, mit allem, was wir besprochen haben. Sie müssen hier nicht warten: Die " +
      "Antwort erreicht Sie auch per E-Mail.",
    emergency:
      "Ich übergebe Ihr Anliegen sofort an unser Bereitschaftsteam. Es sieht alles, was wir besprochen " +
      "haben, und antwortet Ihnen hier so schnell wie möglich.",
    follow_up:
      "Ein kurzes Update: Ihre Unterhaltung liegt weiterhin bei unserem Support-Team und ist nicht " +
      "vergessen. Es dauert länger als angekündigt, deshalb haben wir die Priorität erhöht. Eine " +
      "Fachkraft antwortet Ihnen hier.",
    data_notice: "Ich sehe mir Ihr Konto an, um Ihnen dabei zu helfen.",
  },
  pt: {
    disclosure:
      "Sou o Deskmate, o assistente de IA da equipe de suporte. Se preferir falar com uma pessoa, é só " +
      "dizer e alguém da equipe assume a conversa.",
    escalation:
      "Obrigado pela paciência. Estou passando a sua conversa para um especialista da nossa equipe de " +
      "suporte. Ele vê tudo o que conversamos, então você não precisa repetir nada. A resposta chegará " +
      "aqui mesmo, nesta conversa, assim que possível.",
    escalation_wait:
      "Obrigado pela paciência. Estou passando a sua conversa para um especialista da nossa equipe de " +
      "suporte. Ele vê tudo o que conversamos, então você não precisa repetir nada. " +
      "No momento, as respostas costumam levar {wait}; a resposta chegará aqui, nesta conversa.",
    off_hours:
      "Obrigado pela paciência. Estou passando a sua conversa para um especialista da nossa equipe de " +
      "suporte. Nossa equipe está fora agora e volta {opening}; a sua solicitação será retomada nesse " +
      "momento, com tudo o que conversamos. Não precisa esperar aqui: a resposta também chegará por e-mail.",
    emergency:
      "Estou passando isto agora mesmo para a nossa equipe de plantão. Ela vê tudo o que conversamos e " +
      "responderá aqui o mais rápido possível.",
    follow_up:
      "Uma atualização rápida: a sua conversa continua com a nossa equipe de suporte e não foi esquecida. " +
      "Está demorando mais do que dissemos, por isso aumentamos a prioridade. Um especialista responderá aqui.",
    data_notice: "Vou consultar a sua conta para ajudar com isso.",
  },
};
