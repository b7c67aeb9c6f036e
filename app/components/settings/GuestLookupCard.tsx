import { Checkbox, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { TitledCard } from "~/components/TitledCard";
import type { ActionAnswer } from "~/dashboard/admin.server";

/**
 * The portal's guest lookup switch (docs/decisions/027). Saved on its own, at once: it is not
 * part of the versioned return policy. The help text says why it should stay on.
 */
export function GuestLookupCard({ on }: { on: boolean }) {
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  const pending = fetcher.formData?.get("guestLookup");
  const checked = pending === undefined || pending === null ? on : pending === "on";

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    shopify.toast.show(fetcher.data.message, fetcher.data.ok ? undefined : { isError: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [fetcher.data, fetcher.state]);

  return (
    <TitledCard title="Storefront portal">
      <Checkbox
        label="Let guests find an order by order number and email"
        checked={checked}
        disabled={fetcher.state !== "idle"}
        onChange={(value) => fetcher.submit({ intent: "save_guest_lookup", guestLookup: value ? "on" : "off" }, { method: "post" })}
        helpText="On by default. Signed-in customers always find their orders in their account. Keep this on unless every buyer has an account: guest buyers, and buyers in the EU exercising their right of withdrawal, must be able to start a return too."
      />
      {checked ? null : (
        <Text as="p" tone="subdued">
          The returns block shows only “Sign in to start a return”, and a lookup by number and email is refused.
        </Text>
      )}
    </TitledCard>
  );
}
