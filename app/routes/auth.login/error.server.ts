import type { LoginError } from "@shopify/shopify-app-remix/server";
import { LoginErrorType } from "@shopify/shopify-app-remix/server";

/** Turns the library's login outcome into a field error a merchant understands. */
export function loginErrorMessage(loginErrors: LoginError | Response): { shop?: string } {
  if (loginErrors instanceof Response) throw loginErrors;
  if (loginErrors?.shop === LoginErrorType.MissingShop) return { shop: "Enter your shop domain to log in." };
  if (loginErrors?.shop === LoginErrorType.InvalidShop) return { shop: "Enter a valid shop domain, such as example.myshopify.com." };
  return {};
}
