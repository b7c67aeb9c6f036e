// ESLint flat config: TypeScript + React + hooks rules, the Remix template's set.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "app/types/*.d.ts",
      "extensions/*/assets/**",
      "test-results/**",
      "tmp/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { react, "react-hooks": reactHooks },
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@prisma/client", message: "Import the client from ~/db.server (domain code only)." },
          ],
        },
      ],
    },
  },
  {
    // Routes are doors, not rooms: no Prisma and no GraphQL in app/routes.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/db.server", "../db.server", "**/db.server"], message: "Routes call a domain function; only app/<domain> touches the database." },
            { group: [".prisma/*", "@prisma/*"], message: "Routes never touch Prisma." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "TemplateLiteral[quasis.0.value.raw=/^\\s*#graphql/]", message: "GraphQL lives in app/shopify, the gateway." },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Plain scripts that run in a browser page (served as-is, no bundler).
    files: ["**/*.browser.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.browser } },
    rules: { "no-redeclare": ["error", { builtinGlobals: false }] },
  },
);
