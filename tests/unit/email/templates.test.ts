import { describe, expect, it } from "vitest";
import { EMAIL_TEXTS } from "~/email/locales";
import { renderEmail, type TemplateInput } from "~/email/templates";
import { PORTAL_LOCALES, type PortalLocale } from "~/portal/messages";

const RATING = [1, 2, 3, 4, 5].map((n) => `https://app.example.com/csat/tok.sig?score=${n}`);

function inputs(locale: PortalLocale): TemplateInput[] {
  const common = { locale, shopName: "Maison <Bleue>", customerName: "Zoë & Co" };
  return [
    { ...common, kind: "ticket.reply", ticketNumber: 42, ticketSubject: "Wrong size", agentName: "Ana", body: "Hello <b>there</b>\nSecond line" },
    { ...common, kind: "ticket.solved", ticketNumber: 42, ticketSubject: "Wrong size", ratingUrls: RATING },
    { ...common, kind: "ticket.waiting", ticketNumber: 42, ticketSubject: "Wrong size" },
    { ...common, kind: "return.approved", orderName: "#1001" },
    { ...common, kind: "return.received", orderName: "#1001" },
  ];
}

// The word each language's subject must carry, per template: proof the subject is translated.
const SUBJECT_WORDS: Record<TemplateInput["kind"], Record<PortalLocale, string>> = {
  "ticket.reply": { en: "request #42", fr: "demande n° 42", de: "Anfrage Nr. 42", es: "solicitud n.º 42" },
  "ticket.solved": { en: "is solved", fr: "est résolue", de: "ist gelöst", es: "está resuelta" },
  "ticket.waiting": { en: "waiting for your answer", fr: "attendons votre réponse", de: "warten auf Ihre Antwort", es: "Esperamos tu respuesta" },
  "return.approved": { en: "is approved", fr: "est accepté", de: "ist genehmigt", es: "está aprobada" },
  "return.received": { en: "received your return", fr: "avons reçu votre retour", de: "ist bei uns angekommen", es: "Hemos recibido" },
};

const GREETING: Record<PortalLocale, string> = { en: "Hi Zoë & Co,", fr: "Bonjour Zoë & Co,", de: "Hallo Zoë & Co,", es: "Hola, Zoë & Co:" };

describe("support email templates", () => {
  for (const locale of PORTAL_LOCALES) {
    for (const input of inputs(locale)) {
      it(`renders ${input.kind} in ${locale}: a translated subject, the greeting and the shop's sign-off in text and escaped HTML`, () => {
        // WHEN
        const email = renderEmail(input);
        // THEN the subject is in the language and names the ticket or order
        expect(email.subject).toContain(SUBJECT_WORDS[input.kind][locale]);
        expect(email.subject).toMatch(input.kind.startsWith("ticket") ? /42/ : /#1001/);
        // AND the plain text carries the values as written
        expect(email.text).toContain(GREETING[locale]);
        expect(email.text).toContain("Maison <Bleue>");
        // AND the HTML escapes every value and declares the language
        expect(email.html).toContain(`<html lang="${locale}">`);
        expect(email.html).toContain("Zoë &amp; Co");
        expect(email.html).toContain("Maison &lt;Bleue&gt;");
        expect(email.html).not.toContain("<Bleue>");
        expect(email.text).not.toMatch(/\{\w+\}/);
        expect(email.html).not.toMatch(/\{\w+\}/);
      });
    }

    it(`quotes the agent's reply in ${locale}: line by line in text, escaped with line breaks in HTML`, () => {
      const [reply] = inputs(locale);
      if (!reply) throw new Error("no reply input");
      const email = renderEmail(reply);
      expect(email.text).toContain("> Hello <b>there</b>\n> Second line");
      expect(email.html).toContain("Hello &lt;b&gt;there&lt;/b&gt;<br>Second line");
      expect(email.html).not.toContain("<b>there</b>");
      expect(email.text).toContain("Ana");
    });

    it(`offers the five rating links, 1 to 5, in the solved email in ${locale}`, () => {
      const solved = inputs(locale)[1];
      if (!solved) throw new Error("no solved input");
      const email = renderEmail(solved);
      for (const [index, url] of RATING.entries()) {
        expect(email.text).toContain(`${index + 1}: ${url}`);
        expect(email.html).toContain(`<a href="${url}"`);
      }
      expect(email.html.match(/<a href=/g)).toHaveLength(5);
    });
  }

  it("greets without a name when the shopper's name is unknown, and names 'our team' for a reply without an agent name", () => {
    const email = renderEmail({ kind: "ticket.reply", locale: "de", shopName: "Laden", customerName: null, ticketNumber: 3, ticketSubject: "Frage", agentName: null, body: "Ja." });
    expect(email.text.startsWith("Guten Tag,\n")).toBe(true);
    expect(email.text).toContain("Unser Team hat auf Ihre Anfrage Nr. 3 geantwortet:");
  });

  it("keeps the subject on one header line when the ticket subject has a line break", () => {
    const email = renderEmail({ kind: "ticket.waiting", locale: "en", shopName: "Shop", customerName: null, ticketNumber: 9, ticketSubject: "a\r\nBcc: victim@example.com" });
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it("escapes a link's quotes so a crafted URL cannot leave the href attribute", () => {
    const email = renderEmail({ kind: "ticket.solved", locale: "en", shopName: "S", customerName: null, ticketNumber: 1, ticketSubject: "x", ratingUrls: ['https://a.example/"onmouseover="x'] });
    expect(email.html).toContain('href="https://a.example/&quot;onmouseover=&quot;x"');
  });

  it("has every email text in all four languages, with the same placeholders as English and not left in English", () => {
    for (const [key, entry] of Object.entries(EMAIL_TEXTS)) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      for (const locale of PORTAL_LOCALES) {
        expect(entry[locale], `${key}.${locale}`).toBeTruthy();
        expect(placeholders(entry[locale]), `${key}.${locale}`).toEqual(placeholders(entry.en));
        if (locale !== "en") expect(entry[locale], `${key}.${locale}`).not.toBe(entry.en);
      }
    }
  });
});
