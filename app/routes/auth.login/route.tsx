import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { login } from "../../shopify.server";
import { loginErrorMessage } from "./error.server";
import { offersLoginForm } from "./form.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (!offersLoginForm()) {
    // A link that names its shop (Shopify's own) still goes through to that shop's admin.
    const named = new URL(request.url).searchParams.has("shop");
    return { form: false, errors: named ? loginErrorMessage(await login(request)) : {} };
  }
  return { form: true, errors: loginErrorMessage(await login(request)) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  if (!offersLoginForm()) throw new Response("Not Found", { status: 404 });
  return { form: true, errors: loginErrorMessage(await login(request)) };
};

// Outside Shopify admin (a direct visit): in development a merchant names their shop to install
// or open; in production the page only says where the app lives (see form.server.ts).
export default function Auth() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const { form, errors } = actionData || loaderData;

  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <Card>
          {form ? (
            <Form method="post">
              <FormLayout>
                <Text variant="headingMd" as="h1">
                  Log in to Aftercare
                </Text>
                <TextField
                  type="text"
                  name="shop"
                  label="Shop domain"
                  helpText="example.myshopify.com"
                  value={shop}
                  onChange={setShop}
                  autoComplete="on"
                  error={errors.shop}
                />
                <Button submit variant="primary">
                  Log in
                </Button>
              </FormLayout>
            </Form>
          ) : (
            <FormLayout>
              <Text variant="headingMd" as="h1">
                Open Aftercare from Shopify admin
              </Text>
              <Text as="p">
                {errors.shop ?? "In your Shopify admin, go to Apps and choose Aftercare. To install it, find Aftercare in the Shopify App Store."}
              </Text>
            </FormLayout>
          )}
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
