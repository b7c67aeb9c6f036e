import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/errors";
import {
  joinList,
  localizedError,
  localizedMessage,
  localizeFieldMessage,
  message,
  MESSAGES,
  minutes,
  normalizeLocale,
  plural,
  PORTAL_LOCALES,
  portalError,
  reasonLabel,
  type MessageKey,
} from "~/portal/messages";
import { ticketRatingRequestSchema, ticketRequestSchema } from "~/returns/portal-contract";

const KEYS = Object.keys(MESSAGES) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Sentences that are the same in another language by nature: "{item}: {why}" and
 * "{item} × {quantity}: {amount}." are only punctuation (French alone puts a space before the
 * colon), and "minute(s)" is spelled the same
 * in French. Every other key must read differently in fr, de and es.
 */
const SAME_AS_ENGLISH: Partial<Record<MessageKey, string[]>> = {
  error_item_not_returnable: ["de", "es"],
  quote_line: ["de", "es"],
  minutes_one: ["fr"],
  minutes_other: ["fr"],
};

describe("the portal's message catalog", () => {
  it("has every key in en, fr, de and es, none empty", () => {
    for (const key of KEYS) {
      expect(Object.keys(MESSAGES[key]).sort(), key).toEqual([...PORTAL_LOCALES].sort());
      for (const locale of PORTAL_LOCALES) expect(MESSAGES[key][locale].trim(), `${key}.${locale}`).not.toBe("");
    }
  });

  it("uses the same placeholders in every language", () => {
    for (const key of KEYS) {
      const english = placeholders(MESSAGES[key].en);
      for (const locale of PORTAL_LOCALES) expect(placeholders(MESSAGES[key][locale]), `${key}.${locale}`).toEqual(english);
    }
  });

  it("leaves no placeholder behind once every parameter is given", () => {
    for (const key of KEYS) {
      const params = Object.fromEntries(placeholders(MESSAGES[key].en).map((name) => [name, "X"]));
      for (const locale of PORTAL_LOCALES) expect(message(locale, key, params), `${key}.${locale}`).not.toMatch(/\{\w+\}/);
    }
  });

  it("reads differently from English in fr, de and es, except the listed sentences", () => {
    const same = KEYS.flatMap((key) => (["fr", "de", "es"] as const).filter((l) => MESSAGES[key][l] === MESSAGES[key].en).map((l) => `${key}.${l}`));
    const allowed = Object.entries(SAME_AS_ENGLISH).flatMap(([key, locales]) => locales.map((l) => `${key}.${l}`));
    expect(same.sort()).toEqual(allowed.sort());
  });

  it("fills {name} placeholders and shows a missing one as it is", () => {
    expect(message("fr", "next_refund", { amount: "45,00 €" })).toBe("Dès leur réception, 45,00 € vous sera remboursé sur votre moyen de paiement d’origine.");
    expect(message("de", "error_photo_required", { item: "Classic Tee (M)", reason: "Beschädigt angekommen" })).toBe(
      "Bitte fügen Sie ein Foto von Classic Tee (M) hinzu: Der Grund „Beschädigt angekommen“ erfordert eines.",
    );
    expect(message("es", "next_invoice")).toBe("Recibirás una factura por la diferencia de {amount}.");
  });

  it("picks the plural form by each language's rules", () => {
    expect(minutes("en", 1)).toBe("1 minute");
    expect(minutes("de", 15)).toBe("15 Minuten");
    expect(minutes("es", 1)).toBe("1 minuto");
    // French counts 0 as singular, English as plural.
    expect(plural("fr", "why_outside_window", 0, { days: 0 })).toBe("Le délai de retour de 0 jour pour cet article est dépassé.");
    expect(plural("fr", "why_outside_window", 30, { days: 30 })).toBe("Le délai de retour de 30 jours pour cet article est dépassé.");
  });

  it("joins lists with the language's own 'and' and 'or'", () => {
    expect(joinList("en", ["a", "b", "c"], "or")).toBe("a, b, or c");
    expect(joinList("fr", ["a", "b", "c"], "or")).toBe("a, b ou c");
    expect(joinList("de", ["a", "b"], "and")).toBe("a und b");
    expect(joinList("es", ["a", "b"], "and")).toBe("a y b");
  });

  it("words Aftercare's standard reasons in the shopper's language and keeps a merchant's own", () => {
    expect(reasonLabel("fr", { code: "damaged", label: "Arrived damaged" })).toBe("Arrivé endommagé");
    expect(reasonLabel("en", { code: "damaged", label: "Broken in the box" })).toBe("Broken in the box");
    expect(reasonLabel("de", { code: "too_itchy", label: "Too itchy" })).toBe("Too itchy");
  });
});

describe("normalizeLocale", () => {
  it.each([
    ["fr", "fr"],
    ["fr-CA", "fr"],
    ["FR_ca", "fr"],
    ["de-AT", "de"],
    ["es-419", "es"],
    ["en-GB", "en"],
    ["pt-BR", "en"],
    ["zz", "en"],
    ["<script>", "en"],
    ["", "en"],
    [null, "en"],
    [undefined, "en"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeLocale(input)).toBe(expected);
  });
});

describe("errors in the shopper's language", () => {
  it("keeps English as the error's message and re-words it for the door", () => {
    const error = portalError("not_found", "error_order_not_found");
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe("We couldn't find that order.");
    expect(localizedMessage(error, "de")).toBe("Wir konnten diese Bestellung nicht finden.");
  });

  it("re-words a composed sentence in full, its parts included", () => {
    const error = localizedError("rate_limited", (l) => message(l, "error_too_many_messages", { minutes: minutes(l, 2) }), { retryAfterSeconds: 120 });
    expect(error.message).toBe("You have sent several messages in a short time. Please wait 2 minutes and try again.");
    expect(localizedMessage(error, "es")).toBe("Has enviado varios mensajes en poco tiempo. Espera 2 minutos y vuelve a intentarlo.");
    expect(error.details?.retryAfterSeconds).toBe(120);
  });

  it("leaves an error the catalog did not write as it is", () => {
    expect(localizedMessage(new DomainError("conflict", "Return rc_1 is closed."), "fr")).toBe("Return rc_1 is closed.");
  });
});

describe("the request schemas' messages", () => {
  it("are catalog sentences, so the door can re-word every one", () => {
    // GIVEN requests that break each rule of two schemas
    const issues = [
      ...(ticketRequestSchema.safeParse({ kind: "nope", subject: "", message: "x".repeat(5001) }).error?.issues ?? []),
      ...(ticketRatingRequestSchema.safeParse({ score: 9, comment: "x".repeat(1001) }).error?.issues ?? []),
    ];
    expect(issues.length).toBeGreaterThanOrEqual(5);
    // THEN each message is found in the catalog and reads differently in German
    for (const issue of issues) expect(localizeFieldMessage(issue.message, "de"), issue.message).not.toBe(issue.message);
    expect(localizeFieldMessage("Choose a rating from 1 to 5.", "fr")).toBe("Choisissez une note de 1 à 5.");
    expect(localizeFieldMessage("Keep the message under 5000 characters.", "es")).toBe("El mensaje debe tener menos de 5000 caracteres.");
  });

  it("leaves English and unknown text alone", () => {
    expect(localizeFieldMessage("Add a short subject.", "en")).toBe("Add a short subject.");
    expect(localizeFieldMessage("Something else entirely.", "fr")).toBe("Something else entirely.");
  });
});
