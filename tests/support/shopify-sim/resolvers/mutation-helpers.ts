import { GraphQLError } from "graphql";
import type { z } from "zod";
import type { Args } from "./context";

export interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

/**
 * graphql-js already coerced the arguments against the real schema; zod narrows them to the
 * fields the simulator uses so resolvers get typed values without casts.
 */
export function parseArgs<T extends z.ZodType>(schema: T, args: Args): z.infer<T> {
  const result = schema.safeParse(args);
  if (!result.success) {
    throw new GraphQLError(`The Shopify simulator could not read the arguments: ${result.error.message}`, {
      extensions: { code: "SIMULATOR_INPUT" },
    });
  }
  return result.data;
}

export function userError(field: (string | number)[], message: string, code?: string): UserError {
  return { field: field.map(String), message, ...(code !== undefined ? { code } : {}) };
}
