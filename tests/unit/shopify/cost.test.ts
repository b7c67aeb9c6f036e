import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { requestedCost } from "../../support/shopify-sim/cost";
import { findGraphqlDocuments, loadAdminSchema } from "../../config/graphql-documents";

// Shopify rejects a query whose requested cost exceeds 1,000 points before running it
// (MAX_COST_EXCEEDED), and a bucket that cannot hold it throttles. Variables take the largest
// values the gateway sends (listRecentOrders caps `first` at 50).
const SINGLE_QUERY_MAX = 1000;
const LARGEST_VARIABLES = { first: 50 };

describe("requested query cost of the app's documents", () => {
  it("stays under Shopify's single-query limit for every document", () => {
    // GIVEN the real schema and every document
    const { schema } = loadAdminSchema();
    // WHEN each document's requested cost is computed
    const over = findGraphqlDocuments().flatMap((doc) => {
      const definitions = parse(doc.source).definitions;
      const fragments = new Map(
        definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
      );
      return definitions
        .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
        .map((op) => ({ name: op.name?.value, cost: requestedCost(schema, op, fragments, LARGEST_VARIABLES) }))
        .filter((c) => c.cost > SINGLE_QUERY_MAX);
    });
    // THEN none is over
    expect(over).toEqual([]);
  });
});
