/**
 * The words of support email in the four languages the portal speaks (docs/decisions/017):
 * the same tone ("vous", "Sie", Spanish "tú"), `{name}` placeholders. Pure.
 */
import type { PortalLocale } from "~/portal/messages";

type Entry = Record<PortalLocale, string>;

export const EMAIL_TEXTS = {
  greeting_named: { en: "Hi {name},", fr: "Bonjour {name},", de: "Hallo {name},", es: "Hola, {name}:" },
  greeting: { en: "Hi,", fr: "Bonjour,", de: "Guten Tag,", es: "Hola:" },
  sign_off: { en: "The {shop} team", fr: "L'équipe {shop}", de: "Ihr {shop}-Team", es: "El equipo de {shop}" },
  reply_hint: {
    en: "Reply to this email to answer us.",
    fr: "Répondez à cet e-mail pour nous écrire.",
    de: "Antworten Sie einfach auf diese E-Mail.",
    es: "Responde a este correo para escribirnos.",
  },

  reply_subject: {
    en: "Re: {subject} [request #{number}]",
    fr: "Re : {subject} [demande n° {number}]",
    de: "AW: {subject} [Anfrage Nr. {number}]",
    es: "Re: {subject} [solicitud n.º {number}]",
  },
  reply_intro: {
    en: "{agent} answered your request #{number}:",
    fr: "{agent} a répondu à votre demande n° {number} :",
    de: "{agent} hat auf Ihre Anfrage Nr. {number} geantwortet:",
    es: "{agent} ha respondido a tu solicitud n.º {number}:",
  },
  reply_agent_fallback: { en: "Our team", fr: "Notre équipe", de: "Unser Team", es: "Nuestro equipo" },

  solved_subject: {
    en: "Your request #{number} is solved",
    fr: "Votre demande n° {number} est résolue",
    de: "Ihre Anfrage Nr. {number} ist gelöst",
    es: "Tu solicitud n.º {number} está resuelta",
  },
  solved_intro: {
    en: "We marked your request #{number} ({subject}) as solved.",
    fr: "Nous avons marqué votre demande n° {number} ({subject}) comme résolue.",
    de: "Wir haben Ihre Anfrage Nr. {number} ({subject}) als gelöst markiert.",
    es: "Hemos marcado tu solicitud n.º {number} ({subject}) como resuelta.",
  },
  solved_rate: {
    en: "How did we do? Pick a score from 1 (poor) to 5 (great):",
    fr: "Comment avons-nous fait ? Choisissez une note de 1 (mauvais) à 5 (excellent) :",
    de: "Wie zufrieden sind Sie? Wählen Sie eine Note von 1 (schlecht) bis 5 (sehr gut):",
    es: "¿Qué tal lo hicimos? Elige una nota del 1 (mal) al 5 (excelente):",
  },
  solved_reopen: {
    en: "Still need help? Reply to this email and the request opens again.",
    fr: "Besoin d'aide ? Répondez à cet e-mail et la demande sera rouverte.",
    de: "Brauchen Sie noch Hilfe? Antworten Sie auf diese E-Mail, dann öffnen wir die Anfrage wieder.",
    es: "¿Aún necesitas ayuda? Responde a este correo y la solicitud se volverá a abrir.",
  },

  waiting_subject: {
    en: "We are waiting for your answer on request #{number}",
    fr: "Nous attendons votre réponse à la demande n° {number}",
    de: "Wir warten auf Ihre Antwort zu Anfrage Nr. {number}",
    es: "Esperamos tu respuesta a la solicitud n.º {number}",
  },
  waiting_intro: {
    en: "We need a little more from you to go on with your request #{number} ({subject}).",
    fr: "Il nous manque une information pour avancer sur votre demande n° {number} ({subject}).",
    de: "Wir brauchen noch etwas von Ihnen, um Ihre Anfrage Nr. {number} ({subject}) weiter zu bearbeiten.",
    es: "Necesitamos algo más de tu parte para seguir con tu solicitud n.º {number} ({subject}).",
  },

  approved_subject: {
    en: "Your return for order {order} is approved",
    fr: "Votre retour pour la commande {order} est accepté",
    de: "Ihre Rücksendung zur Bestellung {order} ist genehmigt",
    es: "Tu devolución del pedido {order} está aprobada",
  },
  approved_intro: {
    en: "Good news: your return for order {order} is approved.",
    fr: "Bonne nouvelle : votre retour pour la commande {order} est accepté.",
    de: "Gute Nachricht: Ihre Rücksendung zur Bestellung {order} ist genehmigt.",
    es: "Buenas noticias: tu devolución del pedido {order} está aprobada.",
  },
  approved_next: {
    en: "Send the items back as the returns page of our store explains. We will write again when they arrive.",
    fr: "Renvoyez les articles comme l'explique la page des retours de notre boutique. Nous vous écrirons à leur arrivée.",
    de: "Senden Sie die Artikel so zurück, wie es die Rücksendeseite unseres Shops beschreibt. Wir melden uns, sobald sie ankommen.",
    es: "Envía los artículos como explica la página de devoluciones de nuestra tienda. Te escribiremos cuando lleguen.",
  },

  received_subject: {
    en: "We received your return for order {order}",
    fr: "Nous avons reçu votre retour pour la commande {order}",
    de: "Ihre Rücksendung zur Bestellung {order} ist bei uns angekommen",
    es: "Hemos recibido tu devolución del pedido {order}",
  },
  received_intro: {
    en: "The items you returned from order {order} have arrived.",
    fr: "Les articles retournés de la commande {order} sont arrivés.",
    de: "Die zurückgesendeten Artikel aus der Bestellung {order} sind angekommen.",
    es: "Los artículos que devolviste del pedido {order} han llegado.",
  },
  received_next: {
    en: "We are now completing your refund, store credit or exchange; you will get a confirmation when it is done.",
    fr: "Nous finalisons maintenant votre remboursement, avoir ou échange ; vous recevrez une confirmation une fois terminé.",
    de: "Wir schließen jetzt Ihre Erstattung, Ihr Guthaben oder Ihren Umtausch ab; Sie erhalten eine Bestätigung, sobald es erledigt ist.",
    es: "Ahora completamos tu reembolso, crédito en tienda o cambio; recibirás una confirmación cuando esté listo.",
  },

  // ── the page a rating link opens (app/routes/csat.$token.tsx) ──
  csat_thanks_title: { en: "Thank you!", fr: "Merci !", de: "Vielen Dank!", es: "¡Gracias!" },
  csat_thanks: {
    en: "You rated request #{number} {score} out of 5. Your answer helps {shop} do better.",
    fr: "Vous avez noté la demande n° {number} {score} sur 5. Votre avis aide {shop} à s'améliorer.",
    de: "Sie haben Anfrage Nr. {number} mit {score} von 5 bewertet. Ihre Antwort hilft {shop}, besser zu werden.",
    es: "Has valorado la solicitud n.º {number} con {score} de 5. Tu respuesta ayuda a {shop} a mejorar.",
  },
  csat_already: {
    en: "Request #{number} was already rated {score} out of 5. Thank you!",
    fr: "La demande n° {number} a déjà été notée {score} sur 5. Merci !",
    de: "Anfrage Nr. {number} wurde bereits mit {score} von 5 bewertet. Vielen Dank!",
    es: "La solicitud n.º {number} ya se valoró con {score} de 5. ¡Gracias!",
  },
  csat_not_ratable: {
    en: "Request #{number} is open again, so it cannot be rated now. We will ask again once it is solved.",
    fr: "La demande n° {number} est de nouveau ouverte et ne peut pas être notée pour l'instant. Nous vous redemanderons une fois résolue.",
    de: "Anfrage Nr. {number} ist wieder offen und kann gerade nicht bewertet werden. Wir fragen erneut, sobald sie gelöst ist.",
    es: "La solicitud n.º {number} vuelve a estar abierta y no se puede valorar ahora. Te preguntaremos de nuevo cuando esté resuelta.",
  },
  csat_invalid_title: { en: "This link does not work", fr: "Ce lien ne fonctionne pas", de: "Dieser Link funktioniert nicht", es: "Este enlace no funciona" },
  csat_invalid: {
    en: "The rating link is not valid. Use the link from the email as it was sent.",
    fr: "Le lien de notation n'est pas valide. Utilisez le lien de l'e-mail tel qu'il a été envoyé.",
    de: "Der Bewertungslink ist ungültig. Verwenden Sie den Link aus der E-Mail unverändert.",
    es: "El enlace de valoración no es válido. Usa el enlace del correo tal como se envió.",
  },
  csat_expired: {
    en: "The rating link has expired. You can still rate the request on the returns page of the store.",
    fr: "Le lien de notation a expiré. Vous pouvez encore noter la demande sur la page des retours de la boutique.",
    de: "Der Bewertungslink ist abgelaufen. Sie können die Anfrage weiterhin auf der Rücksendeseite des Shops bewerten.",
    es: "El enlace de valoración ha caducado. Aún puedes valorar la solicitud en la página de devoluciones de la tienda.",
  },
} as const satisfies Record<string, Entry>;

export type EmailTextKey = keyof typeof EMAIL_TEXTS;

/** The text for `key` in `locale` with `{name}` placeholders filled; values are plain text (escape for HTML at the edge). */
export function emailText(locale: PortalLocale, key: EmailTextKey, params: Record<string, string | number> = {}): string {
  return EMAIL_TEXTS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
