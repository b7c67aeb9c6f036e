/**
 * The sentences the server writes for shoppers in the storefront portal, in the four
 * languages the block speaks (docs/decisions/017). Pure and client-safe. Keys are typed,
 * placeholders are `{name}` like the block's own strings, and the tone follows the block's
 * locale files: "vous" and "Sie"; Spanish says "tú", as the block does. Admin texts are
 * not here: the admin is English.
 */
import { DomainError, type DomainErrorCode } from "~/lib/errors";

export const PORTAL_LOCALES = ["en", "fr", "de", "es"] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

type Entry = Record<PortalLocale, string>;

export const MESSAGES = {
  // ── the return policy (app/policy/text.ts) ──
  policy_window_delivery_same_day: {
    en: "You can start a return on the day your order is delivered.",
    fr: "Vous pouvez demander un retour le jour de la livraison de votre commande.",
    de: "Sie können am Tag der Zustellung Ihrer Bestellung eine Rücksendung starten.",
    es: "Puedes iniciar una devolución el día en que se entrega tu pedido.",
  },
  policy_window_shipping_same_day: {
    en: "You can start a return on the day your order ships.",
    fr: "Vous pouvez demander un retour le jour de l’expédition de votre commande.",
    de: "Sie können am Versandtag Ihrer Bestellung eine Rücksendung starten.",
    es: "Puedes iniciar una devolución el día en que se envía tu pedido.",
  },
  policy_window_delivery_one: {
    en: "You can start a return within {days} day of delivery (or of shipping, when we have no delivery date).",
    fr: "Vous pouvez demander un retour dans un délai de {days} jour après la livraison (ou l’expédition, si nous n’avons pas de date de livraison).",
    de: "Sie können innerhalb von {days} Tag nach der Zustellung eine Rücksendung starten (oder nach dem Versand, wenn uns kein Zustelldatum vorliegt).",
    es: "Puedes iniciar una devolución en un plazo de {days} día desde la entrega (o desde el envío, si no tenemos fecha de entrega).",
  },
  policy_window_delivery_other: {
    en: "You can start a return within {days} days of delivery (or of shipping, when we have no delivery date).",
    fr: "Vous pouvez demander un retour dans un délai de {days} jours après la livraison (ou l’expédition, si nous n’avons pas de date de livraison).",
    de: "Sie können innerhalb von {days} Tagen nach der Zustellung eine Rücksendung starten (oder nach dem Versand, wenn uns kein Zustelldatum vorliegt).",
    es: "Puedes iniciar una devolución en un plazo de {days} días desde la entrega (o desde el envío, si no tenemos fecha de entrega).",
  },
  policy_window_shipping_one: {
    en: "You can start a return within {days} day of your order shipping.",
    fr: "Vous pouvez demander un retour dans un délai de {days} jour après l’expédition de votre commande.",
    de: "Sie können innerhalb von {days} Tag nach dem Versand Ihrer Bestellung eine Rücksendung starten.",
    es: "Puedes iniciar una devolución en un plazo de {days} día desde el envío de tu pedido.",
  },
  policy_window_shipping_other: {
    en: "You can start a return within {days} days of your order shipping.",
    fr: "Vous pouvez demander un retour dans un délai de {days} jours après l’expédition de votre commande.",
    de: "Sie können innerhalb von {days} Tagen nach dem Versand Ihrer Bestellung eine Rücksendung starten.",
    es: "Puedes iniciar una devolución en un plazo de {days} días desde el envío de tu pedido.",
  },
  policy_choose: { en: "Choose {options}.", fr: "Choisissez {options}.", de: "Wählen Sie {options}.", es: "Elige {options}." },
  policy_option_refund: {
    en: "a refund to your original payment method",
    fr: "un remboursement sur votre moyen de paiement d’origine",
    de: "eine Erstattung auf Ihre ursprüngliche Zahlungsart",
    es: "un reembolso a tu método de pago original",
  },
  policy_option_store_credit: { en: "store credit", fr: "un avoir en boutique", de: "Shop-Guthaben", es: "crédito en la tienda" },
  policy_option_store_credit_bonus: {
    en: "store credit with a {percent} bonus",
    fr: "un avoir en boutique avec un bonus de {percent}",
    de: "Shop-Guthaben mit {percent} Bonus",
    es: "crédito en la tienda con un {percent} extra",
  },
  policy_option_exchange: {
    en: "an exchange for another size or colour",
    fr: "un échange contre une autre taille ou couleur",
    de: "einen Umtausch in eine andere Größe oder Farbe",
    es: "un cambio por otra talla o color",
  },
  policy_fee_restocking: {
    en: "a restocking fee of {percent} of the item price",
    fr: "des frais de remise en stock de {percent} du prix de l’article",
    de: "eine Wiedereinlagerungsgebühr von {percent} des Artikelpreises",
    es: "una tarifa de reposición del {percent} del precio del artículo",
  },
  policy_fee_return_shipping: {
    en: "a return shipping fee of {amount} per return",
    fr: "des frais de retour de {amount} par retour",
    de: "eine Rückversandgebühr von {amount} pro Rücksendung",
    es: "un cargo por envío de devolución de {amount} por devolución",
  },
  policy_fees: {
    en: "Refunds and store credit are reduced by {fees}. Exchanges have no fees.",
    fr: "Les remboursements et les avoirs sont diminués de {fees}. Les échanges sont sans frais.",
    de: "Von Erstattungen und Shop-Guthaben werden {fees} abgezogen. Ein Umtausch ist kostenlos.",
    es: "A los reembolsos y al crédito en la tienda se les descuenta {fees}. Los cambios no tienen cargos.",
  },
  policy_final_sale: {
    en: "Items marked final sale cannot be returned.",
    fr: "Les articles en vente finale ne peuvent pas être retournés.",
    de: "Als Final Sale gekennzeichnete Artikel können nicht zurückgegeben werden.",
    es: "Los artículos de venta final no se pueden devolver.",
  },
  policy_excluded_types: {
    en: "{types} items cannot be returned.",
    fr: "Les articles de type {types} ne peuvent pas être retournés.",
    de: "Artikel der Kategorie {types} können nicht zurückgegeben werden.",
    es: "Los artículos de tipo {types} no se pueden devolver.",
  },
  /** A reason's label inside a sentence: as is in English (lower-cased), quoted in the others. */
  policy_reason_quoted: { en: "{reason}", fr: "« {reason} »", de: "„{reason}“", es: "«{reason}»" },
  policy_photo: {
    en: "Please add a photo when the reason is {reasons}.",
    fr: "Veuillez ajouter une photo lorsque le motif est {reasons}.",
    de: "Bitte fügen Sie ein Foto hinzu, wenn der Grund {reasons} lautet.",
    es: "Añade una foto cuando el motivo sea {reasons}.",
  },

  // ── why a line cannot be returned (app/policy/eligibility.ts) ──
  why_not_fulfilled: {
    en: "This item has not shipped yet. You can return it once it has been delivered.",
    fr: "Cet article n’a pas encore été expédié. Vous pourrez le retourner une fois livré.",
    de: "Dieser Artikel wurde noch nicht versandt. Sie können ihn zurückgeben, sobald er zugestellt wurde.",
    es: "Este artículo aún no se ha enviado. Podrás devolverlo cuando se haya entregado.",
  },
  why_final_sale: {
    en: "This item was sold as final sale and cannot be returned.",
    fr: "Cet article a été vendu en vente finale et ne peut pas être retourné.",
    de: "Dieser Artikel wurde als Final Sale verkauft und kann nicht zurückgegeben werden.",
    es: "Este artículo se vendió como venta final y no se puede devolver.",
  },
  why_excluded_tag: {
    en: "This item cannot be returned under the store's return policy.",
    fr: "Cet article ne peut pas être retourné selon la politique de retour de la boutique.",
    de: "Dieser Artikel ist laut Rückgaberichtlinie des Shops von der Rückgabe ausgeschlossen.",
    es: "Este artículo no se puede devolver según la política de devoluciones de la tienda.",
  },
  why_excluded_product_type: {
    en: "{type} items cannot be returned.",
    fr: "Les articles de type {type} ne peuvent pas être retournés.",
    de: "Artikel der Kategorie {type} können nicht zurückgegeben werden.",
    es: "Los artículos de tipo {type} no se pueden devolver.",
  },
  why_excluded_product_type_unnamed: {
    en: "These items cannot be returned.",
    fr: "Ces articles ne peuvent pas être retournés.",
    de: "Diese Artikel können nicht zurückgegeben werden.",
    es: "Estos artículos no se pueden devolver.",
  },
  why_already_returned_one: {
    en: "This item has already been returned or refunded.",
    fr: "Cet article a déjà été retourné ou remboursé.",
    de: "Dieser Artikel wurde bereits zurückgegeben oder erstattet.",
    es: "Este artículo ya se ha devuelto o reembolsado.",
  },
  why_already_returned_other: {
    en: "All of these items have already been returned or refunded.",
    fr: "Tous ces articles ont déjà été retournés ou remboursés.",
    de: "Alle diese Artikel wurden bereits zurückgegeben oder erstattet.",
    es: "Todos estos artículos ya se han devuelto o reembolsado.",
  },
  why_outside_window_one: {
    en: "The {days}-day return window for this item has ended.",
    fr: "Le délai de retour de {days} jour pour cet article est dépassé.",
    de: "Die Rückgabefrist von {days} Tag für diesen Artikel ist abgelaufen.",
    es: "El plazo de devolución de {days} día para este artículo ha terminado.",
  },
  why_outside_window_other: {
    en: "The {days}-day return window for this item has ended.",
    fr: "Le délai de retour de {days} jours pour cet article est dépassé.",
    de: "Die Rückgabefrist von {days} Tagen für diesen Artikel ist abgelaufen.",
    es: "El plazo de devolución de {days} días para este artículo ha terminado.",
  },
  why_outside_window_on_one: {
    en: "The {days}-day return window for this item ended on {date}.",
    fr: "Le délai de retour de {days} jour pour cet article a pris fin le {date}.",
    de: "Die Rückgabefrist von {days} Tag für diesen Artikel ist am {date} abgelaufen.",
    es: "El plazo de devolución de {days} día para este artículo terminó el {date}.",
  },
  why_outside_window_on_other: {
    en: "The {days}-day return window for this item ended on {date}.",
    fr: "Le délai de retour de {days} jours pour cet article a pris fin le {date}.",
    de: "Die Rückgabefrist von {days} Tagen für diesen Artikel ist am {date} abgelaufen.",
    es: "El plazo de devolución de {days} días para este artículo terminó el {date}.",
  },

  // ── Aftercare's standard return reasons (the block's words for the same codes) ──
  reason_size_too_small: { en: "Size too small", fr: "Taille trop petite", de: "Zu klein", es: "Talla demasiado pequeña" },
  reason_size_too_large: { en: "Size too large", fr: "Taille trop grande", de: "Zu groß", es: "Talla demasiado grande" },
  reason_not_as_described: { en: "Not as described", fr: "Non conforme à la description", de: "Nicht wie beschrieben", es: "No coincide con la descripción" },
  reason_damaged: { en: "Arrived damaged", fr: "Arrivé endommagé", de: "Beschädigt angekommen", es: "Llegó dañado" },
  reason_wrong_item: { en: "Wrong item sent", fr: "Mauvais article reçu", de: "Falscher Artikel geliefert", es: "Artículo equivocado" },
  reason_changed_mind: { en: "Changed my mind", fr: "J’ai changé d’avis", de: "Meinung geändert", es: "Cambié de opinión" },
  reason_other: { en: "Other", fr: "Autre", de: "Sonstiges", es: "Otro" },

  // ── resolutions offered (eligibility answer) ──
  offer_refund: {
    en: "Refund to original payment",
    fr: "Remboursement sur le moyen de paiement d’origine",
    de: "Erstattung auf die ursprüngliche Zahlungsart",
    es: "Reembolso al método de pago original",
  },
  offer_store_credit: { en: "Store credit", fr: "Avoir en boutique", de: "Shop-Guthaben", es: "Crédito en la tienda" },
  offer_store_credit_bonus: {
    en: "Store credit (+{percent} bonus)",
    fr: "Avoir en boutique (+{percent} de bonus)",
    de: "Shop-Guthaben (+{percent} Bonus)",
    es: "Crédito en la tienda (+{percent} extra)",
  },
  offer_exchange: {
    en: "Exchange for another variant",
    fr: "Échange contre une autre variante",
    de: "Umtausch in eine andere Variante",
    es: "Cambio por otra variante",
  },

  // ── a return's status (app/returns/status-view.server.ts) ──
  status_requested: { en: "Requested", fr: "Demandé", de: "Angefragt", es: "Solicitada" },
  status_needs_review: { en: "In review", fr: "En cours d’examen", de: "In Prüfung", es: "En revisión" },
  status_approved: {
    en: "Approved — send the items back",
    fr: "Approuvé — renvoyez les articles",
    de: "Genehmigt — senden Sie die Artikel zurück",
    es: "Aprobada — envía los artículos de vuelta",
  },
  status_declined: { en: "Declined", fr: "Refusé", de: "Abgelehnt", es: "Rechazada" },
  status_received: {
    en: "Received — we're checking the items",
    fr: "Reçu — nous vérifions les articles",
    de: "Eingegangen — wir prüfen die Artikel",
    es: "Recibida — estamos revisando los artículos",
  },
  status_resolved: { en: "Completed", fr: "Terminé", de: "Abgeschlossen", es: "Completada" },
  status_closed: { en: "Closed", fr: "Clôturé", de: "Geschlossen", es: "Cerrada" },
  status_canceled: { en: "Canceled", fr: "Annulé", de: "Storniert", es: "Cancelada" },
  instruction_requested: {
    en: "We're processing your request. This page updates as it moves along.",
    fr: "Nous traitons votre demande. Cette page se met à jour au fil de son avancement.",
    de: "Wir bearbeiten Ihre Anfrage. Diese Seite zeigt Ihnen jeden weiteren Schritt.",
    es: "Estamos procesando tu solicitud. Esta página se actualiza a medida que avanza.",
  },
  instruction_needs_review: {
    en: "Our team is reviewing your request, usually within one business day. We'll email you when it's decided.",
    fr: "Notre équipe examine votre demande, généralement sous un jour ouvré. Nous vous écrirons par e-mail dès qu’une décision sera prise.",
    de: "Unser Team prüft Ihre Anfrage, in der Regel innerhalb eines Werktags. Wir schreiben Ihnen eine E-Mail, sobald entschieden ist.",
    es: "Nuestro equipo está revisando tu solicitud, normalmente en un día hábil. Te escribiremos un correo cuando se decida.",
  },
  instruction_pack: {
    en: "Pack the items securely with everything they came with.",
    fr: "Emballez soigneusement les articles avec tout ce qui les accompagnait.",
    de: "Verpacken Sie die Artikel sicher, mit allem, was dazugehört.",
    es: "Embala bien los artículos con todo lo que venía con ellos.",
  },
  instruction_ship: {
    en: "Ship them back within 14 days; the instructions are in your email.",
    fr: "Renvoyez-les sous 14 jours ; les instructions se trouvent dans votre e-mail.",
    de: "Senden Sie sie innerhalb von 14 Tagen zurück; die Anleitung finden Sie in Ihrer E-Mail.",
    es: "Envíalos de vuelta en un plazo de 14 días; las instrucciones están en tu correo.",
  },
  instruction_declined: {
    en: "Your return was declined. If you have questions, contact the store.",
    fr: "Votre retour a été refusé. Pour toute question, contactez la boutique.",
    de: "Ihre Rücksendung wurde abgelehnt. Bei Fragen wenden Sie sich bitte an den Shop.",
    es: "Tu devolución fue rechazada. Si tienes preguntas, ponte en contacto con la tienda.",
  },
  instruction_received: {
    en: "We've received your items and will complete your refund, credit or exchange shortly.",
    fr: "Nous avons reçu vos articles et finaliserons bientôt votre remboursement, votre avoir ou votre échange.",
    de: "Wir haben Ihre Artikel erhalten und schließen Ihre Erstattung, Gutschrift oder Ihren Umtausch in Kürze ab.",
    es: "Hemos recibido tus artículos y completaremos pronto tu reembolso, crédito o cambio.",
  },
  instruction_complete: {
    en: "Your return is complete. Thank you!",
    fr: "Votre retour est terminé. Merci !",
    de: "Ihre Rücksendung ist abgeschlossen. Vielen Dank!",
    es: "Tu devolución se ha completado. ¡Gracias!",
  },
  instruction_canceled: {
    en: "This return was canceled. You can start a new one if the items are still within the return window.",
    fr: "Ce retour a été annulé. Vous pouvez en demander un nouveau si les articles sont encore dans le délai de retour.",
    de: "Diese Rücksendung wurde storniert. Sie können eine neue starten, solange die Rückgabefrist der Artikel noch läuft.",
    es: "Esta devolución se canceló. Puedes iniciar una nueva si los artículos siguen dentro del plazo de devolución.",
  },

  // ── next steps after a request (app/returns/request.server.ts) ──
  next_review_received: {
    en: "We've received your request. Our team will review it, usually within one business day.",
    fr: "Nous avons bien reçu votre demande. Notre équipe l’examinera, généralement sous un jour ouvré.",
    de: "Wir haben Ihre Anfrage erhalten. Unser Team prüft sie, in der Regel innerhalb eines Werktags.",
    es: "Hemos recibido tu solicitud. Nuestro equipo la revisará, normalmente en un día hábil.",
  },
  next_review_email: {
    en: "We'll email you when it's approved, with instructions for sending the items back.",
    fr: "Nous vous écrirons par e-mail dès qu’elle sera approuvée, avec les instructions pour renvoyer les articles.",
    de: "Sobald sie genehmigt ist, erhalten Sie eine E-Mail mit der Anleitung zur Rücksendung der Artikel.",
    es: "Te escribiremos un correo cuando se apruebe, con las instrucciones para devolver los artículos.",
  },
  next_approved: {
    en: "Your return is approved. We'll email you instructions for sending the items back.",
    fr: "Votre retour est approuvé. Nous vous enverrons par e-mail les instructions pour renvoyer les articles.",
    de: "Ihre Rücksendung ist genehmigt. Wir senden Ihnen per E-Mail die Anleitung zur Rücksendung der Artikel.",
    es: "Tu devolución está aprobada. Te enviaremos por correo las instrucciones para devolver los artículos.",
  },
  next_pack: {
    en: "Pack the items securely and ship them within 14 days.",
    fr: "Emballez soigneusement les articles et expédiez-les sous 14 jours.",
    de: "Verpacken Sie die Artikel sicher und senden Sie sie innerhalb von 14 Tagen ab.",
    es: "Embala bien los artículos y envíalos en un plazo de 14 días.",
  },
  next_refund: {
    en: "Once they arrive, {amount} is refunded to your original payment method.",
    fr: "Dès leur réception, {amount} vous sera remboursé sur votre moyen de paiement d’origine.",
    de: "Sobald sie bei uns eingehen, erstatten wir {amount} auf Ihre ursprüngliche Zahlungsart.",
    es: "Cuando lleguen, te reembolsaremos {amount} a tu método de pago original.",
  },
  next_store_credit: {
    en: "Once they arrive, {amount} of store credit is added to your account.",
    fr: "Dès leur réception, un avoir de {amount} sera ajouté à votre compte.",
    de: "Sobald sie bei uns eingehen, schreiben wir Ihrem Konto {amount} Shop-Guthaben gut.",
    es: "Cuando lleguen, añadiremos {amount} de crédito en la tienda a tu cuenta.",
  },
  next_exchange: {
    en: "We'll send your new items once the exchange is confirmed.",
    fr: "Nous vous enverrons vos nouveaux articles dès que l’échange sera confirmé.",
    de: "Wir senden Ihnen die neuen Artikel, sobald der Umtausch bestätigt ist.",
    es: "Te enviaremos los artículos nuevos cuando se confirme el cambio.",
  },
  next_invoice: {
    en: "You'll receive an invoice for the difference of {amount}.",
    fr: "Vous recevrez une facture pour la différence de {amount}.",
    de: "Sie erhalten eine Rechnung über die Differenz von {amount}.",
    es: "Recibirás una factura por la diferencia de {amount}.",
  },
  next_difference_back: {
    en: "The difference of {amount} comes back to you once the items arrive.",
    fr: "La différence de {amount} vous sera restituée dès réception des articles.",
    de: "Die Differenz von {amount} erhalten Sie zurück, sobald die Artikel bei uns eingehen.",
    es: "La diferencia de {amount} se te devolverá cuando lleguen los artículos.",
  },
  // ── how a quote adds up (app/returns/calculate.ts) ──
  quote_line: { en: "{item} × {quantity}: {amount}.", fr: "{item} × {quantity} : {amount}.", de: "{item} × {quantity}: {amount}.", es: "{item} × {quantity}: {amount}." },
  quote_line_tax: {
    en: "{item} × {quantity}: {amount} plus {tax} tax.",
    fr: "{item} × {quantity} : {amount} plus {tax} de taxes.",
    de: "{item} × {quantity}: {amount} zzgl. {tax} Steuern.",
    es: "{item} × {quantity}: {amount} más {tax} de impuestos.",
  },
  quote_exchange_same: {
    en: "The new items cost the same: nothing to pay, nothing back.",
    fr: "Les nouveaux articles coûtent le même prix : rien à payer, rien à rembourser.",
    de: "Die neuen Artikel kosten gleich viel: nichts zu zahlen, nichts zurück.",
    es: "Los artículos nuevos cuestan lo mismo: nada que pagar ni que devolver.",
  },
  quote_exchange_more: {
    en: "The new items cost {amount} more: you pay the difference.",
    fr: "Les nouveaux articles coûtent {amount} de plus : vous payez la différence.",
    de: "Die neuen Artikel kosten {amount} mehr: Sie zahlen die Differenz.",
    es: "Los artículos nuevos cuestan {amount} más: pagas la diferencia.",
  },
  quote_exchange_less_refund: {
    en: "The new items cost {amount} less: {amount} back as a refund to your original payment method.",
    fr: "Les nouveaux articles coûtent {amount} de moins : {amount} vous sont remboursés sur votre moyen de paiement d’origine.",
    de: "Die neuen Artikel kosten {amount} weniger: {amount} erhalten Sie als Erstattung auf Ihre ursprüngliche Zahlungsart zurück.",
    es: "Los artículos nuevos cuestan {amount} menos: te devolvemos {amount} como reembolso a tu método de pago original.",
  },
  quote_exchange_less_credit: {
    en: "The new items cost {amount} less: {amount} back as store credit.",
    fr: "Les nouveaux articles coûtent {amount} de moins : {amount} vous reviennent en avoir.",
    de: "Die neuen Artikel kosten {amount} weniger: {amount} erhalten Sie als Shop-Guthaben zurück.",
    es: "Los artículos nuevos cuestan {amount} menos: te devolvemos {amount} como crédito en la tienda.",
  },
  quote_exchange_tax: {
    en: "Tax on a price difference is settled when the exchange is created.",
    fr: "Les taxes sur une différence de prix sont réglées à la création de l’échange.",
    de: "Steuern auf eine Preisdifferenz werden bei der Erstellung des Umtauschs verrechnet.",
    es: "Los impuestos sobre una diferencia de precio se liquidan al crear el cambio.",
  },
  quote_restocking_fee: {
    en: "Restocking fee: −{amount}.",
    fr: "Frais de remise en stock : −{amount}.",
    de: "Wiedereinlagerungsgebühr: −{amount}.",
    es: "Tarifa de reposición: −{amount}.",
  },
  quote_return_shipping_fee: {
    en: "Return shipping fee: −{amount}.",
    fr: "Frais de retour : −{amount}.",
    de: "Rückversandgebühr: −{amount}.",
    es: "Envío de devolución: −{amount}.",
  },
  quote_refund: {
    en: "Refund to your original payment method: {amount}.",
    fr: "Remboursement sur votre moyen de paiement d’origine : {amount}.",
    de: "Erstattung auf Ihre ursprüngliche Zahlungsart: {amount}.",
    es: "Reembolso a tu método de pago original: {amount}.",
  },
  quote_store_credit_bonus: {
    en: "Store-credit bonus: +{amount}.",
    fr: "Bonus d’avoir : +{amount}.",
    de: "Guthaben-Bonus: +{amount}.",
    es: "Bonificación en crédito: +{amount}.",
  },
  quote_store_credit: { en: "Store credit: {amount}.", fr: "Avoir : {amount}.", de: "Shop-Guthaben: {amount}.", es: "Crédito en la tienda: {amount}." },
  error_quantity_none: {
    en: "Choose at least one {item} to return.",
    fr: "Choisissez au moins un exemplaire de {item} à retourner.",
    de: "Wählen Sie mindestens ein Stück von {item} für die Rücksendung.",
    es: "Elige al menos una unidad de {item} para devolver.",
  },
  ticket_received: {
    en: "Thanks, we've received your message. Your ticket number is #{number}; our reply will appear here, with your order.",
    fr: "Merci, nous avons bien reçu votre message. Votre numéro de demande est le #{number} ; notre réponse apparaîtra ici, avec votre commande.",
    de: "Danke, wir haben Ihre Nachricht erhalten. Ihre Ticketnummer ist #{number}; unsere Antwort erscheint hier bei Ihrer Bestellung.",
    es: "Gracias, hemos recibido tu mensaje. Tu número de ticket es #{number}; nuestra respuesta aparecerá aquí, junto a tu pedido.",
  },

  // ── errors ──
  error_lookup_not_found: {
    en: "We couldn't find an order with that number and email address. Check both and try again.",
    fr: "Aucune commande ne correspond à ce numéro et à cette adresse e-mail. Vérifiez-les et réessayez.",
    de: "Wir haben keine Bestellung mit dieser Nummer und E-Mail-Adresse gefunden. Bitte prüfen Sie beides und versuchen Sie es erneut.",
    es: "No encontramos ningún pedido con ese número y correo electrónico. Revisa ambos e inténtalo de nuevo.",
  },
  error_order_not_found: {
    en: "We couldn't find that order.",
    fr: "Nous n’avons pas trouvé cette commande.",
    de: "Wir konnten diese Bestellung nicht finden.",
    es: "No encontramos ese pedido.",
  },
  error_return_not_found: {
    en: "We couldn't find that return.",
    fr: "Nous n’avons pas trouvé ce retour.",
    de: "Wir konnten diese Rücksendung nicht finden.",
    es: "No encontramos esa devolución.",
  },
  error_conversation_not_found: {
    en: "We couldn't find that conversation.",
    fr: "Nous n’avons pas trouvé cette conversation.",
    de: "Wir konnten diese Unterhaltung nicht finden.",
    es: "No encontramos esa conversación.",
  },
  error_look_up_again: {
    en: "Please look up your order again.",
    fr: "Veuillez retrouver à nouveau votre commande.",
    de: "Bitte suchen Sie Ihre Bestellung erneut.",
    es: "Vuelve a buscar tu pedido.",
  },
  error_session_expired: {
    en: "Your session has expired. Please look up your order again.",
    fr: "Votre session a expiré. Veuillez retrouver à nouveau votre commande.",
    de: "Ihre Sitzung ist abgelaufen. Bitte suchen Sie Ihre Bestellung erneut.",
    es: "Tu sesión ha caducado. Vuelve a buscar tu pedido.",
  },
  error_sign_in: {
    en: "Please sign in to see your orders.",
    fr: "Veuillez vous connecter pour voir vos commandes.",
    de: "Bitte melden Sie sich an, um Ihre Bestellungen zu sehen.",
    es: "Inicia sesión para ver tus pedidos.",
  },
  error_lookup_off: {
    en: "This store does not look up orders by number and email. Please sign in to your account to start a return.",
    fr: "Cette boutique ne recherche pas les commandes par numéro et e-mail. Veuillez vous connecter à votre compte pour demander un retour.",
    de: "Dieser Shop sucht Bestellungen nicht über Nummer und E-Mail. Bitte melden Sie sich in Ihrem Kundenkonto an, um eine Rücksendung zu starten.",
    es: "Esta tienda no busca pedidos por número y correo electrónico. Inicia sesión en tu cuenta para iniciar una devolución.",
  },
  error_order_too_large: {
    en: "This order is too large to return online. Please contact the store and we'll help you.",
    fr: "Cette commande est trop volumineuse pour un retour en ligne. Veuillez contacter la boutique, nous vous aiderons.",
    de: "Diese Bestellung ist zu umfangreich für eine Online-Rücksendung. Bitte wenden Sie sich an den Shop, wir helfen Ihnen gern.",
    es: "Este pedido es demasiado grande para devolverlo en línea. Ponte en contacto con la tienda y te ayudaremos.",
  },
  error_item_not_in_order: {
    en: "One of the items you chose is not part of this order.",
    fr: "L’un des articles choisis ne fait pas partie de cette commande.",
    de: "Einer der ausgewählten Artikel gehört nicht zu dieser Bestellung.",
    es: "Uno de los artículos que elegiste no forma parte de este pedido.",
  },
  error_item_listed_twice: {
    en: "Each item can only be listed once.",
    fr: "Chaque article ne peut figurer qu’une seule fois.",
    de: "Jeder Artikel kann nur einmal aufgeführt werden.",
    es: "Cada artículo solo puede aparecer una vez.",
  },
  error_item_not_returnable: { en: "{item}: {why}", fr: "{item} : {why}", de: "{item}: {why}", es: "{item}: {why}" },
  error_item_not_returnable_default: {
    en: "This item cannot be returned.",
    fr: "Cet article ne peut pas être retourné.",
    de: "Dieser Artikel kann nicht zurückgegeben werden.",
    es: "Este artículo no se puede devolver.",
  },
  error_quantity_one: {
    en: "You can return at most {max} of {item}.",
    fr: "Vous pouvez retourner au maximum {max} exemplaire de {item}.",
    de: "Sie können von {item} höchstens {max} Stück zurückgeben.",
    es: "Puedes devolver como máximo {max} unidad de {item}.",
  },
  error_quantity_other: {
    en: "You can return at most {max} of {item}.",
    fr: "Vous pouvez retourner au maximum {max} exemplaires de {item}.",
    de: "Sie können von {item} höchstens {max} Stück zurückgeben.",
    es: "Puedes devolver como máximo {max} unidades de {item}.",
  },
  error_quantity_taken: {
    en: "{item} was just included in another return request for this order. Reload the page to see what can still be returned.",
    fr: "{item} vient d’être inclus dans une autre demande de retour pour cette commande. Rechargez la page pour voir ce qui peut encore être retourné.",
    de: "{item} wurde gerade in eine andere Rücksendeanfrage für diese Bestellung aufgenommen. Laden Sie die Seite neu, um zu sehen, was noch zurückgegeben werden kann.",
    es: "{item} acaba de incluirse en otra solicitud de devolución de este pedido. Recarga la página para ver qué se puede devolver todavía.",
  },
  error_client_key_taken: {
    en: "This request can't be sent again from here. Reload the page and start a new return request.",
    fr: "Cette demande ne peut pas être renvoyée d’ici. Rechargez la page et commencez une nouvelle demande de retour.",
    de: "Diese Anfrage kann von hier nicht erneut gesendet werden. Laden Sie die Seite neu und beginnen Sie eine neue Rücksendeanfrage.",
    es: "Esta solicitud no se puede volver a enviar desde aquí. Recarga la página y empieza una nueva solicitud de devolución.",
  },
  error_reason_not_listed: {
    en: "Choose a reason from the list for {item}.",
    fr: "Choisissez un motif de la liste pour {item}.",
    de: "Wählen Sie für {item} einen Grund aus der Liste.",
    es: "Elige un motivo de la lista para {item}.",
  },
  error_photo_required: {
    en: "Please add a photo of {item}: \"{reason}\" needs one.",
    fr: "Veuillez ajouter une photo de {item} : le motif « {reason} » en demande une.",
    de: "Bitte fügen Sie ein Foto von {item} hinzu: Der Grund „{reason}“ erfordert eines.",
    es: "Añade una foto de {item}: el motivo «{reason}» la requiere.",
  },
  error_photo_not_found: {
    en: "A photo could not be found. Please upload it again.",
    fr: "Une photo est introuvable. Veuillez l’envoyer à nouveau.",
    de: "Ein Foto wurde nicht gefunden. Bitte laden Sie es erneut hoch.",
    es: "No se encontró una foto. Vuelve a subirla.",
  },
  error_exchange_missing: {
    en: "Choose what to exchange {item} for.",
    fr: "Choisissez contre quoi échanger {item}.",
    de: "Wählen Sie aus, wogegen Sie {item} umtauschen möchten.",
    es: "Elige por qué quieres cambiar {item}.",
  },
  error_exchange_unavailable: {
    en: "That option is not available as an exchange for {item}.",
    fr: "Cette option n’est pas disponible en échange de {item}.",
    de: "Diese Option ist als Umtausch für {item} nicht verfügbar.",
    es: "Esa opción no está disponible como cambio de {item}.",
  },
  error_exchange_out_of_stock: {
    en: "{product} in {variant} is out of stock. Please choose another option.",
    fr: "{product} en {variant} est en rupture de stock. Veuillez choisir une autre option.",
    de: "{product} in {variant} ist nicht vorrätig. Bitte wählen Sie eine andere Option.",
    es: "{product} en {variant} está agotado. Elige otra opción.",
  },
  error_refund_not_offered: {
    en: "Refunds are not offered by this store. Please choose another option.",
    fr: "Cette boutique ne propose pas de remboursement. Veuillez choisir une autre option.",
    de: "Dieser Shop bietet keine Erstattungen an. Bitte wählen Sie eine andere Option.",
    es: "Esta tienda no ofrece reembolsos. Elige otra opción.",
  },
  error_store_credit_not_offered: {
    en: "Store credit is not offered by this store. Please choose another option.",
    fr: "Cette boutique ne propose pas d’avoir. Veuillez choisir une autre option.",
    de: "Dieser Shop bietet kein Shop-Guthaben an. Bitte wählen Sie eine andere Option.",
    es: "Esta tienda no ofrece crédito en la tienda. Elige otra opción.",
  },
  error_exchange_not_offered: {
    en: "Exchanges are not offered by this store. Please choose another option.",
    fr: "Cette boutique ne propose pas d’échange. Veuillez choisir une autre option.",
    de: "Dieser Shop bietet keinen Umtausch an. Bitte wählen Sie eine andere Option.",
    es: "Esta tienda no ofrece cambios. Elige otra opción.",
  },
  error_conversation_closed: {
    en: "This conversation is closed and cannot take new messages. Please open a new request instead.",
    fr: "Cette conversation est close et ne peut plus recevoir de messages. Veuillez plutôt ouvrir une nouvelle demande.",
    de: "Diese Unterhaltung ist geschlossen und nimmt keine neuen Nachrichten an. Bitte stellen Sie stattdessen eine neue Anfrage.",
    es: "Esta conversación está cerrada y no admite mensajes nuevos. Abre una nueva solicitud.",
  },
  error_conversation_not_solved: {
    en: "You can rate this conversation once it is solved.",
    fr: "Vous pourrez évaluer cette conversation une fois qu’elle sera résolue.",
    de: "Sie können diese Unterhaltung bewerten, sobald sie gelöst ist.",
    es: "Podrás valorar esta conversación cuando esté resuelta.",
  },
  error_conversation_closed_unsolved: {
    en: "This conversation was closed without being solved, so it cannot be rated.",
    fr: "Cette conversation a été close sans être résolue ; elle ne peut donc pas être évaluée.",
    de: "Diese Unterhaltung wurde ohne Lösung geschlossen und kann daher nicht bewertet werden.",
    es: "Esta conversación se cerró sin resolverse, así que no se puede valorar.",
  },
  error_too_many_lookups: {
    en: "Too many attempts. Please wait {minutes} and try again, or contact the store.",
    fr: "Trop de tentatives. Veuillez patienter {minutes} puis réessayer, ou contacter la boutique.",
    de: "Zu viele Versuche. Bitte warten Sie {minutes} und versuchen Sie es erneut, oder wenden Sie sich an den Shop.",
    es: "Demasiados intentos. Espera {minutes} y vuelve a intentarlo, o ponte en contacto con la tienda.",
  },
  error_too_many_messages: {
    en: "You have sent several messages in a short time. Please wait {minutes} and try again.",
    fr: "Vous avez envoyé plusieurs messages en peu de temps. Veuillez patienter {minutes} puis réessayer.",
    de: "Sie haben in kurzer Zeit mehrere Nachrichten gesendet. Bitte warten Sie {minutes} und versuchen Sie es erneut.",
    es: "Has enviado varios mensajes en poco tiempo. Espera {minutes} y vuelve a intentarlo.",
  },
  minutes_one: { en: "{count} minute", fr: "{count} minute", de: "{count} Minute", es: "{count} minuto" },
  minutes_other: { en: "{count} minutes", fr: "{count} minutes", de: "{count} Minuten", es: "{count} minutos" },
  error_unverified: {
    en: "This request could not be verified. Please reload the page and try again.",
    fr: "Cette demande n’a pas pu être vérifiée. Veuillez recharger la page et réessayer.",
    de: "Diese Anfrage konnte nicht überprüft werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    es: "No pudimos verificar esta solicitud. Recarga la página e inténtalo de nuevo.",
  },
  error_unavailable: {
    en: "Returns are not available for this store right now. Please try again later.",
    fr: "Les retours ne sont pas disponibles pour cette boutique pour le moment. Veuillez réessayer plus tard.",
    de: "Rücksendungen sind für diesen Shop derzeit nicht möglich. Bitte versuchen Sie es später erneut.",
    es: "Las devoluciones no están disponibles en esta tienda por ahora. Inténtalo de nuevo más tarde.",
  },
  error_store_busy: {
    en: "The store is busy right now. Please try again in a moment.",
    fr: "La boutique est très sollicitée en ce moment. Veuillez réessayer dans un instant.",
    de: "Der Shop ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
    es: "La tienda está muy ocupada en este momento. Inténtalo de nuevo en un momento.",
  },
  error_unreadable: {
    en: "We couldn't read that request. Please reload the page and try again.",
    fr: "Nous n’avons pas pu lire cette demande. Veuillez recharger la page et réessayer.",
    de: "Wir konnten diese Anfrage nicht lesen. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    es: "No pudimos leer esta solicitud. Recarga la página e inténtalo de nuevo.",
  },
  error_too_large: {
    en: "That request is too large. Please shorten your text and try again.",
    fr: "Cette demande est trop volumineuse. Veuillez raccourcir votre texte et réessayer.",
    de: "Diese Anfrage ist zu groß. Bitte kürzen Sie Ihren Text und versuchen Sie es erneut.",
    es: "Esta solicitud es demasiado grande. Acorta tu texto e inténtalo de nuevo.",
  },
  error_text_invalid: {
    en: "Your text contains a character we can't read. Please remove it and try again.",
    fr: "Votre texte contient un caractère illisible. Veuillez le supprimer et réessayer.",
    de: "Ihr Text enthält ein Zeichen, das wir nicht lesen können. Bitte entfernen Sie es und versuchen Sie es erneut.",
    es: "Tu texto contiene un carácter que no podemos leer. Elimínalo e inténtalo de nuevo.",
  },
  error_check_answers: {
    en: "Please check your answers and try again.",
    fr: "Veuillez vérifier vos réponses et réessayer.",
    de: "Bitte prüfen Sie Ihre Angaben und versuchen Sie es erneut.",
    es: "Revisa tus respuestas e inténtalo de nuevo.",
  },
  error_photo_too_large: {
    en: "That photo is larger than 5 MB. Please choose a smaller one.",
    fr: "Cette photo dépasse 5 Mo. Veuillez en choisir une plus petite.",
    de: "Dieses Foto ist größer als 5 MB. Bitte wählen Sie ein kleineres.",
    es: "Esa foto supera los 5 MB. Elige una más pequeña.",
  },
  error_photo_empty: {
    en: "That photo is empty. Please choose another one.",
    fr: "Cette photo est vide. Veuillez en choisir une autre.",
    de: "Dieses Foto ist leer. Bitte wählen Sie ein anderes.",
    es: "Esa foto está vacía. Elige otra.",
  },
  error_photo_type: {
    en: "Please upload a JPEG, PNG, WebP or HEIC photo.",
    fr: "Veuillez envoyer une photo au format JPEG, PNG, WebP ou HEIC.",
    de: "Bitte laden Sie ein Foto im Format JPEG, PNG, WebP oder HEIC hoch.",
    es: "Sube una foto en formato JPEG, PNG, WebP o HEIC.",
  },
  error_photo_unreadable: {
    en: "We couldn't read that photo. Please try again.",
    fr: "Nous n’avons pas pu lire cette photo. Veuillez réessayer.",
    de: "Wir konnten dieses Foto nicht lesen. Bitte versuchen Sie es erneut.",
    es: "No pudimos leer esa foto. Inténtalo de nuevo.",
  },
  error_photo_missing: {
    en: "Choose a photo to upload.",
    fr: "Choisissez une photo à envoyer.",
    de: "Wählen Sie ein Foto zum Hochladen aus.",
    es: "Elige una foto para subir.",
  },

  // ── validation of the portal's requests (app/returns/portal-contract.ts, English there) ──
  field_resolution: {
    en: "Choose a refund, store credit or an exchange.",
    fr: "Choisissez un remboursement, un avoir ou un échange.",
    de: "Wählen Sie eine Erstattung, Shop-Guthaben oder einen Umtausch.",
    es: "Elige un reembolso, crédito en la tienda o un cambio.",
  },
  field_order_missing: { en: "Choose an order.", fr: "Choisissez une commande.", de: "Wählen Sie eine Bestellung.", es: "Elige un pedido." },
  field_order_invalid: {
    en: "That order reference is not valid.",
    fr: "Cette référence de commande n’est pas valide.",
    de: "Diese Bestellreferenz ist ungültig.",
    es: "Esa referencia de pedido no es válida.",
  },
  field_item_missing: { en: "Choose an item.", fr: "Choisissez un article.", de: "Wählen Sie einen Artikel.", es: "Elige un artículo." },
  field_item_invalid: {
    en: "That item reference is not valid.",
    fr: "Cette référence d’article n’est pas valide.",
    de: "Diese Artikelreferenz ist ungültig.",
    es: "Esa referencia de artículo no es válida.",
  },
  field_variant_missing: {
    en: "Choose a variant to exchange for.",
    fr: "Choisissez une variante en échange.",
    de: "Wählen Sie eine Variante für den Umtausch.",
    es: "Elige una variante para el cambio.",
  },
  field_variant_invalid: {
    en: "That exchange option is not valid.",
    fr: "Cette option d’échange n’est pas valide.",
    de: "Diese Umtauschoption ist ungültig.",
    es: "Esa opción de cambio no es válida.",
  },
  field_order_number_missing: {
    en: "Enter your order number.",
    fr: "Saisissez votre numéro de commande.",
    de: "Geben Sie Ihre Bestellnummer ein.",
    es: "Introduce tu número de pedido.",
  },
  field_order_number_long: {
    en: "That order number is too long.",
    fr: "Ce numéro de commande est trop long.",
    de: "Diese Bestellnummer ist zu lang.",
    es: "Ese número de pedido es demasiado largo.",
  },
  field_email_missing: {
    en: "Enter the email address you ordered with.",
    fr: "Saisissez l’adresse e-mail utilisée pour votre commande.",
    de: "Geben Sie die E-Mail-Adresse ein, mit der Sie bestellt haben.",
    es: "Introduce el correo electrónico con el que hiciste el pedido.",
  },
  field_email_long: {
    en: "That email address is too long.",
    fr: "Cette adresse e-mail est trop longue.",
    de: "Diese E-Mail-Adresse ist zu lang.",
    es: "Ese correo electrónico es demasiado largo.",
  },
  field_email_invalid: {
    en: "Enter the email address you ordered with, like name@example.com.",
    fr: "Saisissez l’adresse e-mail utilisée pour votre commande, par exemple nom@exemple.com.",
    de: "Geben Sie die E-Mail-Adresse ein, mit der Sie bestellt haben, z. B. name@beispiel.de.",
    es: "Introduce el correo electrónico con el que hiciste el pedido, por ejemplo nombre@ejemplo.com.",
  },
  field_quantity_missing: {
    en: "Choose how many to return.",
    fr: "Choisissez combien d’articles retourner.",
    de: "Wählen Sie, wie viele Sie zurückgeben möchten.",
    es: "Elige cuántos quieres devolver.",
  },
  field_quantity_whole: {
    en: "Choose a whole number of items.",
    fr: "Choisissez un nombre entier d’articles.",
    de: "Wählen Sie eine ganze Anzahl von Artikeln.",
    es: "Elige un número entero de artículos.",
  },
  field_items_missing: {
    en: "Choose at least one item to return.",
    fr: "Choisissez au moins un article à retourner.",
    de: "Wählen Sie mindestens einen Artikel für die Rücksendung.",
    es: "Elige al menos un artículo para devolver.",
  },
  field_items_too_many: {
    en: "That is more items than the order has.",
    fr: "C’est plus d’articles que n’en contient la commande.",
    de: "Das sind mehr Artikel, als die Bestellung enthält.",
    es: "Son más artículos de los que tiene el pedido.",
  },
  field_reason_missing: {
    en: "Choose a reason for the return.",
    fr: "Choisissez un motif de retour.",
    de: "Wählen Sie einen Rückgabegrund.",
    es: "Elige un motivo para la devolución.",
  },
  field_reason_unknown: {
    en: "Choose a reason from the list.",
    fr: "Choisissez un motif dans la liste.",
    de: "Wählen Sie einen Grund aus der Liste.",
    es: "Elige un motivo de la lista.",
  },
  field_note_long: {
    en: "Keep the note under {max} characters.",
    fr: "La note doit faire moins de {max} caractères.",
    de: "Die Notiz darf höchstens {max} Zeichen lang sein.",
    es: "La nota debe tener menos de {max} caracteres.",
  },
  field_photos_too_many: {
    en: "Add at most {max} photos per item.",
    fr: "Ajoutez au maximum {max} photos par article.",
    de: "Fügen Sie höchstens {max} Fotos pro Artikel hinzu.",
    es: "Añade como máximo {max} fotos por artículo.",
  },
  field_reload: {
    en: "Please reload the page and try again.",
    fr: "Veuillez recharger la page et réessayer.",
    de: "Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    es: "Recarga la página e inténtalo de nuevo.",
  },
  field_kind: {
    en: "Choose what you need help with.",
    fr: "Choisissez le sujet de votre demande.",
    de: "Wählen Sie, wobei Sie Hilfe brauchen.",
    es: "Elige con qué necesitas ayuda.",
  },
  field_subject_missing: { en: "Add a short subject.", fr: "Ajoutez un objet court.", de: "Geben Sie einen kurzen Betreff an.", es: "Añade un asunto breve." },
  field_subject_long: {
    en: "Keep the subject under {max} characters.",
    fr: "L’objet doit faire moins de {max} caractères.",
    de: "Der Betreff darf höchstens {max} Zeichen lang sein.",
    es: "El asunto debe tener menos de {max} caracteres.",
  },
  field_message_missing: {
    en: "Tell us what happened.",
    fr: "Dites-nous ce qui s’est passé.",
    de: "Erzählen Sie uns, was passiert ist.",
    es: "Cuéntanos qué ha pasado.",
  },
  field_message_long: {
    en: "Keep the message under {max} characters.",
    fr: "Le message doit faire moins de {max} caractères.",
    de: "Die Nachricht darf höchstens {max} Zeichen lang sein.",
    es: "El mensaje debe tener menos de {max} caracteres.",
  },
  field_exception_items: {
    en: "Choose the items you would like to return.",
    fr: "Choisissez les articles que vous souhaitez retourner.",
    de: "Wählen Sie die Artikel, die Sie zurückgeben möchten.",
    es: "Elige los artículos que quieres devolver.",
  },
  field_reply_missing: {
    en: "Write a message before sending.",
    fr: "Écrivez un message avant de l’envoyer.",
    de: "Schreiben Sie eine Nachricht, bevor Sie sie senden.",
    es: "Escribe un mensaje antes de enviarlo.",
  },
  field_rating: {
    en: "Choose a rating from {min} to {max}.",
    fr: "Choisissez une note de {min} à {max}.",
    de: "Wählen Sie eine Bewertung von {min} bis {max}.",
    es: "Elige una valoración del {min} al {max}.",
  },
  field_comment_text: {
    en: "The comment must be text.",
    fr: "Le commentaire doit être du texte.",
    de: "Der Kommentar muss Text sein.",
    es: "El comentario debe ser texto.",
  },
  field_comment_long: {
    en: "Keep the comment under {max} characters.",
    fr: "Le commentaire doit faire moins de {max} caractères.",
    de: "Der Kommentar darf höchstens {max} Zeichen lang sein.",
    es: "El comentario debe tener menos de {max} caracteres.",
  },
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

/** "fr-CA", "FR", "fr_ca" → "fr"; anything not en/fr/de/es (or nothing) → "en". */
export function normalizeLocale(input: string | null | undefined): PortalLocale {
  const language = (input ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (PORTAL_LOCALES as readonly string[]).includes(language ?? "") ? (language as PortalLocale) : "en";
}

/** The sentence for `key` in `locale` with `{name}` placeholders filled (a missing one stays visible). */
export function message(locale: PortalLocale, key: MessageKey, params: MessageParams = {}): string {
  return interpolate(MESSAGES[key][locale], params);
}

/** The `_one` or `_other` form of `base`, by the language's plural rules for `count` (French: 0 and 1 are "one"). */
export function plural<B extends string>(locale: PortalLocale, base: B, count: number, params: MessageParams = {}): string {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  return message(locale, `${base}_${form}` as MessageKey, { ...params, count });
}

/** "10 minutes", "1 Minute". */
export function minutes(locale: PortalLocale, count: number): string {
  return plural(locale, "minutes", count);
}

/** Joins with the language's "and" or "or": "a, b, and c", "a, b ou c". */
export function joinList(locale: PortalLocale, items: string[], type: "and" | "or"): string {
  return new Intl.ListFormat(locale, { type: type === "and" ? "conjunction" : "disjunction" }).format(items);
}

/** The locale to format money and dates with: US English stays the English default. */
export function intlLocale(locale: PortalLocale): string {
  return locale === "en" ? "en-US" : locale;
}

/**
 * A standard return reason in the shopper's language (the block does the same for its
 * list); a merchant's own reason, or English, keeps the merchant's label.
 */
export function reasonLabel(locale: PortalLocale, reason: { code: string; label: string }): string {
  if (locale === "en") return reason.label;
  const key = `reason_${reason.code}`;
  return key in MESSAGES ? message(locale, key as MessageKey) : reason.label;
}

function interpolate(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

// ── errors that speak the shopper's language ─────────────────────────────────────────

type Sentence = (locale: PortalLocale) => string;

/**
 * A DomainError whose message the catalog writes: English in `message` (logs, tests, admin
 * callers), re-worded in the shopper's language by the proxy door (`localizedMessage`).
 */
export function localizedError(code: DomainErrorCode, sentence: Sentence, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, sentence("en"), { ...details, sentence });
}

/** A DomainError whose message is one catalog sentence. */
export function portalError(code: DomainErrorCode, key: MessageKey, params: MessageParams = {}, details: Record<string, unknown> = {}): DomainError {
  return localizedError(code, (locale) => message(locale, key, params), details);
}

/** The error's sentence in `locale` when the catalog wrote it, else its message as written. */
export function localizedMessage(error: DomainError, locale: PortalLocale): string {
  const sentence = error.details?.sentence;
  return typeof sentence === "function" ? String((sentence as Sentence)(locale)) : error.message;
}

// The request schemas (app/returns/portal-contract.ts) keep their English messages, which
// other callers read; the door finds the `field_*` sentence each one is and re-words it.
const FIELD_PATTERNS = (Object.keys(MESSAGES) as MessageKey[])
  .filter((key) => key.startsWith("field_"))
  .map((key) => {
    const names: string[] = [];
    const source = MESSAGES[key].en
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return "(.+?)";
      })
      .join("");
    return { key, names, pattern: new RegExp(`^${source}$`) };
  });

/** A validation message of the request schemas in `locale`; any other text is returned unchanged. */
export function localizeFieldMessage(text: string, locale: PortalLocale): string {
  if (locale === "en") return text;
  for (const { key, names, pattern } of FIELD_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return message(locale, key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""])));
  }
  return text;
}
