import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { rateFromEmailLink, type CsatLinkOutcome } from "~/email/csat.server";
import { emailText } from "~/email/locales";
import { escapeHtml } from "~/email/templates";

/**
 * GET /csat/:token?score=1..5 — a rating link from a solved ticket's email (signed, expiring):
 * records the score once and answers a small thank-you page in the shopper's language.
 * POST with a `score` form field does the same (a mail client that posts, or a retry page).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return page(await rateFromEmailLink(params.token ?? "", new URL(request.url).searchParams.get("score")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const score = form?.get("score");
  return page(await rateFromEmailLink(params.token ?? "", typeof score === "string" ? score : null));
}

const STATUS: Record<CsatLinkOutcome["kind"], number> = { recorded: 200, already: 200, not_ratable: 409, invalid: 400, expired: 410 };

function page(outcome: CsatLinkOutcome): Response {
  const t = (key: Parameters<typeof emailText>[1], values: Record<string, string | number> = {}) => emailText(outcome.locale, key, values);
  const [title, text] =
    outcome.kind === "recorded"
      ? [t("csat_thanks_title"), t("csat_thanks", { number: outcome.number, score: outcome.score, shop: outcome.shopName })]
      : outcome.kind === "already"
        ? [t("csat_thanks_title"), t("csat_already", { number: outcome.number, score: outcome.score })]
        : outcome.kind === "not_ratable"
          ? [t("csat_invalid_title"), t("csat_not_ratable", { number: outcome.number })]
          : [t("csat_invalid_title"), t(outcome.kind === "expired" ? "csat_expired" : "csat_invalid")];
  const html = `<!doctype html>
<html lang="${outcome.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>
`;
  return new Response(html, {
    status: STATUS[outcome.kind],
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" },
  });
}
