/**
 * Shopify runs graphql-ruby, whose validation messages and error extensions differ from
 * graphql-js. Apps match on `extensions.code`, so the common rules are translated here to the
 * shape Shopify returns, e.g.
 * `{"message":"Field 'nme' doesn't exist on type 'Shop'","locations":[{"line":1,"column":9}],
 *   "path":["query","shop","nme"],"extensions":{"code":"undefinedField","typeName":"Shop","fieldName":"nme"}}`.
 */
import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLError } from "graphql";

export interface ShopifyGraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Path of every AST node the way graphql-ruby reports it: ["query Name", "order", "lineItems", ...]. */
function astPaths(document: DocumentNode): Map<ASTNode, string[]> {
  const paths = new Map<ASTNode, string[]>();
  const stack: string[] = [];
  visit(document, {
    enter(node) {
      let label: string | null = null;
      if (node.kind === Kind.OPERATION_DEFINITION) label = node.name ? `${node.operation} ${node.name.value}` : node.operation;
      else if (node.kind === Kind.FRAGMENT_DEFINITION) label = `fragment ${node.name.value}`;
      else if (node.kind === Kind.FIELD) label = node.alias?.value ?? node.name.value;
      else if (node.kind === Kind.INLINE_FRAGMENT) label = node.typeCondition ? `... on ${node.typeCondition.name.value}` : "...";
      else if (node.kind === Kind.ARGUMENT) label = node.name.value;
      if (label !== null) stack.push(label);
      paths.set(node, [...stack]);
    },
    leave(node) {
      if (
        node.kind === Kind.OPERATION_DEFINITION ||
        node.kind === Kind.FRAGMENT_DEFINITION ||
        node.kind === Kind.FIELD ||
        node.kind === Kind.INLINE_FRAGMENT ||
        node.kind === Kind.ARGUMENT
      ) {
        stack.pop();
      }
    },
  });
  return paths;
}

interface Translation {
  pattern: RegExp;
  build: (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> };
}

const TRANSLATIONS: Translation[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"/,
    build: ([, field, type]) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: "undefinedField", typeName: type, fieldName: field },
    }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/,
    build: ([, arg, field]) => ({
      message: `Field '${field}' doesn't accept argument '${arg}'`,
      extensions: { code: "argumentNotAccepted", name: field, typeName: "Field", argumentName: arg },
    }),
  },
  {
    pattern: /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided/,
    build: ([, field, arg]) => ({
      message: `Field '${field}' is missing required arguments: ${arg}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: field, arguments: arg },
    }),
  },
  {
    pattern: /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/,
    build: ([, field, type]) => ({
      message: `Field must have selections (field '${field}' returns ${String(type).replace(/[![\]]/g, "")} but has no selections. Did you mean '${field} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: String(type).replace(/[![\]]/g, "") },
    }),
  },
  {
    pattern: /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields/,
    build: ([, field, type]) => ({
      message: `Selections can't be made on scalars (field '${field}' returns ${String(type).replace(/[![\]]/g, "")} but has selections [...])`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: String(type).replace(/[![\]]/g, "") },
    }),
  },
  {
    pattern: /^Variable "\$(\w+)" is not defined/,
    build: ([, name]) => ({
      message: `Variable $${name} is used by anonymous query but not declared`,
      extensions: { code: "variableNotDefined", variableName: name },
    }),
  },
  {
    pattern: /^Variable "\$(\w+)" is never used/,
    build: ([, name]) => ({
      message: `Variable $${name} is declared by anonymous query but not used`,
      extensions: { code: "variableNotUsed", variableName: name },
    }),
  },
  {
    pattern: /^Unknown type "(\w+)"/,
    build: ([, name]) => ({
      message: `No such type ${name}, so it can't be a fragment condition`,
      extensions: { code: "undefinedType", typeName: name },
    }),
  },
  {
    pattern: /^Unknown directive "@(\w+)"/,
    build: ([, name]) => ({
      message: `Directive @${name} is not defined`,
      extensions: { code: "undefinedDirective", directiveName: name },
    }),
  },
];

/** Translates graphql-js validation errors to Shopify's (graphql-ruby) messages, codes and paths. */
export function toShopifyValidationErrors(document: DocumentNode, errors: readonly GraphQLError[]): ShopifyGraphQLError[] {
  const paths = astPaths(document);
  return errors.map((error) => {
    const node = error.nodes?.[error.nodes.length - 1];
    const path = node ? paths.get(node) : undefined;
    const locations = error.locations?.map(({ line, column }) => ({ line, column }));
    for (const t of TRANSLATIONS) {
      const m = t.pattern.exec(error.message);
      if (m) {
        const { message, extensions } = t.build(m);
        return { message, locations, ...(path ? { path } : {}), extensions };
      }
    }
    // Rules not translated keep graphql-js's wording; the code still marks it as a validation failure.
    return { message: error.message, locations, ...(path ? { path } : {}), extensions: { code: "validationError" } };
  });
}

/** Parse errors look like graphql-ruby's: message plus locations, no path. */
export function toShopifyParseError(error: GraphQLError): ShopifyGraphQLError {
  return {
    message: error.message.replace(/^Syntax Error: /, "syntax error, "),
    locations: error.locations?.map(({ line, column }) => ({ line, column })),
  };
}
