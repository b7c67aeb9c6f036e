/**
 * `POST /admin/api/<version>/graphql.json`: authenticate the access token, parse, validate against the
 * real schema, charge the leaky bucket, execute over the in-memory store, answer with Shopify's
 * response shape (always HTTP 200 for GraphQL-level errors, `extensions.cost` on executed requests).
 */
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import { actualCost, type LeakyBucket, requestedCost } from "./cost";
import { toShopifyParseError, toShopifyValidationErrors, type ShopifyGraphQLError } from "./errors";
import { fieldResolver, typeResolver, type ResolverContext } from "./resolvers";
import { adminSchema } from "./schema";

const INVALID_TOKEN = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

/** Parsed + validated documents, keyed by source text: apps send the same few documents over and over. */
const documentCache = new Map<string, { document: DocumentNode } | { errors: ShopifyGraphQLError[] }>();
const DOCUMENT_CACHE_LIMIT = 500;

export interface GraphQLDeps {
  /** Access token → shop domain + granted scopes; null means 401. */
  authenticate: (token: string | null) => { shop: string; scopes: ReadonlySet<string> } | null;
  context: (shop: string, scopes: ReadonlySet<string>) => ResolverContext;
  bucket: (shop: string) => LeakyBucket;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function prepare(source: string): { document: DocumentNode } | { errors: ShopifyGraphQLError[] } {
  const cached = documentCache.get(source);
  if (cached) return cached;
  let result: { document: DocumentNode } | { errors: ShopifyGraphQLError[] };
  try {
    const document = parse(source);
    const errors = validate(adminSchema(), document);
    result = errors.length ? { errors: toShopifyValidationErrors(document, errors) } : { document };
  } catch (error) {
    result = { errors: [error instanceof GraphQLError ? toShopifyParseError(error) : { message: String(error) }] };
  }
  if (documentCache.size >= DOCUMENT_CACHE_LIMIT) documentCache.clear();
  documentCache.set(source, result);
  return result;
}

function selectOperation(document: DocumentNode, name: string | null): OperationDefinitionNode | ShopifyGraphQLError {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (name) {
    const op = operations.find((o) => o.name?.value === name);
    return op ?? { message: `No operation named "${name}"` };
  }
  if (operations.length === 1 && operations[0]) return operations[0];
  return { message: "An operation name is required" };
}

export async function handleGraphQL(request: Request, deps: GraphQLDeps): Promise<Response> {
  const auth = deps.authenticate(request.headers.get("X-Shopify-Access-Token"));
  if (!auth) return json(INVALID_TOKEN, 401);

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ errors: [{ message: "Invalid JSON in request body" }] }, 400);
  }
  if (!isRecord(body) || typeof body.query !== "string") {
    return json({ errors: [{ message: "No query string was present" }] }, 200);
  }
  const variables = isRecord(body.variables) ? body.variables : {};
  const operationName = typeof body.operationName === "string" ? body.operationName : null;

  const prepared = prepare(body.query);
  if ("errors" in prepared) return json({ errors: prepared.errors });
  const { document } = prepared;
  const operation = selectOperation(document, operationName);
  if (!("kind" in operation)) return json({ errors: [operation] });

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const schema = adminSchema();
  const bucket = deps.bucket(auth.shop);
  const requested = requestedCost(schema, operation, fragments, variables);
  if (requested > bucket.singleQueryMax) {
    return json({
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${bucket.singleQueryMax}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: bucket.singleQueryMax },
        },
      ],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    });
  }
  if (!bucket.take(requested)) {
    return json({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    });
  }

  const result = await execute({
    schema,
    document,
    operationName: operation.name?.value,
    variableValues: variables,
    contextValue: deps.context(auth.shop, auth.scopes),
    fieldResolver,
    typeResolver,
  });
  const actual = actualCost(schema, operation, fragments, result.data);
  bucket.refund(Math.max(0, requested - actual));

  const out: Record<string, unknown> = {};
  if (result.errors?.length) {
    out.errors = result.errors.map((e) => ({
      message: e.message,
      ...(e.locations ? { locations: e.locations } : {}),
      ...(e.path ? { path: e.path } : {}),
      ...(e.extensions && Object.keys(e.extensions).length ? { extensions: e.extensions } : {}),
    }));
  }
  out.data = result.data ?? null;
  out.extensions = { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } };
  return json(out);
}
