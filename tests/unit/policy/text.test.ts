import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { formatPercent, policyParagraphs } from "~/policy/text";

describe("policyParagraphs", () => {
  it("writes the starter policy in the shopper's words", () => {
    expect(policyParagraphs(DEFAULT_POLICY, { currencyCode: "USD" })).toEqual([
      "You can start a return within 30 days of delivery (or of shipping, when we have no delivery date).",
      "Choose a refund to your original payment method, store credit with a 10% bonus, or an exchange for another size or colour.",
      "Items marked final sale cannot be returned. Gift Card items cannot be returned.",
      "Please add a photo when the reason is arrived damaged or wrong item sent.",
    ]);
  });

  it("names fees and keeps the merchant's own paragraphs last", () => {
    const text = policyParagraphs(
      { ...DEFAULT_POLICY, restockingFeeBps: 1250, returnShippingFeeMinor: 595, allowExchange: false, policyText: "Sale items: 14 days.\n\nThank you!" },
      { currencyCode: "EUR", locale: "en-US" },
    );
    expect(text).toContain("Refunds and store credit are reduced by a restocking fee of 12.5% of the item price and a return shipping fee of €5.95 per return. Exchanges have no fees.");
    expect(text.slice(-2)).toEqual(["Sale items: 14 days.", "Thank you!"]);
  });

  it("writes the policy in the shopper's language, amounts in its format, and the merchant's text as written", () => {
    // GIVEN a policy with fees and the merchant's own English paragraph
    const policy = { ...DEFAULT_POLICY, restockingFeeBps: 1250, returnShippingFeeMinor: 595, policyText: "Sale items: 14 days." };
    // WHEN asked in German (de-DE) and in French
    const plain = (paragraphs: string[]) => paragraphs.map((p) => p.replace(/\s/g, " "));
    const german = plain(policyParagraphs(policy, { currencyCode: "EUR", locale: "de-DE" }));
    const french = plain(policyParagraphs({ ...policy, returnWindowDays: 1, windowStartsFrom: "fulfillment" }, { currencyCode: "EUR", locale: "fr" }));
    // THEN
    expect(german).toEqual([
      "Sie können innerhalb von 30 Tagen nach der Zustellung eine Rücksendung starten (oder nach dem Versand, wenn uns kein Zustelldatum vorliegt).",
      "Wählen Sie eine Erstattung auf Ihre ursprüngliche Zahlungsart, Shop-Guthaben mit 10 % Bonus oder einen Umtausch in eine andere Größe oder Farbe.",
      "Von Erstattungen und Shop-Guthaben werden eine Wiedereinlagerungsgebühr von 12,5 % des Artikelpreises und eine Rückversandgebühr von 5,95 € pro Rücksendung abgezogen. Ein Umtausch ist kostenlos.",
      "Als Final Sale gekennzeichnete Artikel können nicht zurückgegeben werden. Artikel der Kategorie Gift Card können nicht zurückgegeben werden.",
      "Bitte fügen Sie ein Foto hinzu, wenn der Grund „Beschädigt angekommen“ oder „Falscher Artikel geliefert“ lautet.",
      "Sale items: 14 days.",
    ]);
    expect(french[0]).toBe("Vous pouvez demander un retour dans un délai de 1 jour après l’expédition de votre commande.");
    expect(french[4]).toBe("Veuillez ajouter une photo lorsque le motif est « Arrivé endommagé » ou « Mauvais article reçu ».");
  });

  it("falls back to English for a language the portal does not speak", () => {
    expect(policyParagraphs(DEFAULT_POLICY, { currencyCode: "USD", locale: "pt-BR" })[0]).toBe(
      "You can start a return within 30 days of delivery (or of shipping, when we have no delivery date).",
    );
  });

  it("formats basis points as percentages", () => {
    expect([formatPercent(1000), formatPercent(1250), formatPercent(5), formatPercent(0)]).toEqual(["10%", "12.5%", "0.05%", "0%"]);
  });
});
