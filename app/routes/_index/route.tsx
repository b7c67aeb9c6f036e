import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { offersLoginForm } from "../auth.login/form.server";
import styles from "./styles.module.css";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  // Opened from Shopify admin: go straight into the embedded app.
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  // The shop-domain form is for development only (see auth.login/form.server.ts).
  return { showForm: offersLoginForm() };
};

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  return (
    <main className={styles.index}>
      <div className={styles.content}>
        <h1 className={styles.heading}>Aftercare — returns your support team can trust</h1>
        <p className={styles.text}>
          A self-serve returns portal for shoppers, and a back office inside Shopify admin for your team.
        </p>
        {showForm && (
          <Form className={styles.form} method="post" action="/auth/login">
            <label className={styles.label}>
              <span>Shop domain</span>
              <input className={styles.input} type="text" name="shop" placeholder="example.myshopify.com" />
            </label>
            <button className={styles.button} type="submit">
              Log in
            </button>
          </Form>
        )}
        <ul className={styles.list}>
          <li>
            <strong>Clear answers for shoppers.</strong> What can be returned, why not, and the exact amount before they
            submit.
          </li>
          <li>
            <strong>Money you can account for.</strong> Every refund and store credit goes through a ledger: nothing paid
            twice, nothing paid unrecorded.
          </li>
          <li>
            <strong>No dead ends.</strong> Every exception becomes a ticket with the customer&apos;s context.
          </li>
        </ul>
      </div>
    </main>
  );
}
