/**
 * The export doors' shared loader: admin session only, the shop's own rows, the range in the
 * shop's time zone, a streamed CSV with a filename that says what and when.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/dashboard/admin.server";
import { DomainError, httpStatusFor } from "~/lib/errors";
import { safeTimeZone } from "~/lib/time-zone";
import { EXPORTS, exportRange, type ExportKind } from "~/exports/exports.server";
import { shopOrRecord } from "~/shops/install.server";

export function exportLoader(kind: ExportKind) {
  return async ({ request }: LoaderFunctionArgs): Promise<Response> => {
    const { shop, client, scope } = await requireAdmin(request);
    const info = await shopOrRecord(shop, client, scope);
    const timeZone = safeTimeZone(info.ianaTimezone);
    let range;
    try {
      range = exportRange(new URL(request.url).searchParams, timeZone);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return Response.json({ error: { code: error.code, message: error.message } }, { status: httpStatusFor(error.code) });
    }
    // The shop's domain minus ".myshopify.com" is safe in a filename: letters, digits and dashes.
    const name = `${shop.replace(/\.myshopify\.com$/, "")}-${kind}-${range.fromDay}-to-${range.toDay}.csv`;
    return new Response(EXPORTS[kind](shop, range), {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  };
}
