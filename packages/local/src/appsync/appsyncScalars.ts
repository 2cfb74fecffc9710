// The behaviour of AppSync's scalar types (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html):
// strings (numbers for AWSTimestamp) that AppSync checks against a format. Their names are
// declared once, in graphql/appsync-builtins.graphql; loadAppSyncSchema installs these on the
// declared types and refuses a declared scalar without behaviour here (and the reverse).
// Written here rather than taken from a library: amplify-appsync-simulator has them only as part
// of a whole AppSync simulator (its own server, VTL, subscriptions), and graphql-scalars' types
// follow other formats (its Timestamp counts milliseconds, AWSTimestamp counts seconds; its Date
// takes no offset, AWSDate does).
import { GraphQLError, Kind, type ValueNode } from "graphql";

interface ScalarImplementation {
  serialize(value: unknown): unknown;
  parseValue(value: unknown): unknown;
  parseLiteral(node: ValueNode): unknown;
}

function formattedString(name: string, isValid: (text: string) => boolean): ScalarImplementation {
  const check = (value: unknown): string => {
    if (typeof value !== "string" || !isValid(value)) throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)}`);
    return value;
  };
  return {
    serialize: check,
    parseValue: check,
    parseLiteral: (node) => {
      if (node.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`, { nodes: node });
      return check(node.value);
    },
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{3,}$/;

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** The scalars that are strings in a format. */
const STRING_FORMATS: Record<string, (text: string) => boolean> = {
  AWSDate: (text) => DATE.test(text),
  AWSTime: (text) => TIME.test(text),
  AWSDateTime: (text) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)),
  AWSEmail: (text) => EMAIL.test(text),
  AWSPhone: (text) => PHONE.test(text),
  AWSURL: (text) => URL.canParse(text),
  AWSIPAddress: (text) => /^[\d.]+(\/\d+)?$/.test(text) || /^[\da-fA-F:]+(\/\d+)?$/.test(text),
};

export const APPSYNC_SCALARS: Record<string, ScalarImplementation> = {
  ...Object.fromEntries(Object.entries(STRING_FORMATS).map(([name, isValid]) => [name, formattedString(name, isValid)])),
  AWSJSON: {
    // Resolvers return any JSON value; the wire carries it as a JSON string.
    serialize: (value) => (typeof value === "string" ? value : JSON.stringify(value)),
    parseValue: (value) => {
      if (typeof value !== "string" || !isJson(value)) throw new GraphQLError("AWSJSON must be a JSON string");
      return JSON.parse(value);
    },
    parseLiteral: (node) => {
      if (node.kind !== Kind.STRING || !isJson(node.value)) throw new GraphQLError("AWSJSON must be a JSON string", { nodes: node });
      return JSON.parse(node.value);
    },
  },
  AWSTimestamp: {
    serialize: (value) => {
      if (typeof value !== "number" || !Number.isInteger(value)) throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
      return value;
    },
    parseValue: (value) => {
      if (typeof value !== "number" || !Number.isInteger(value)) throw new GraphQLError("AWSTimestamp must be an integer");
      return value;
    },
    parseLiteral: (node) => {
      if (node.kind !== Kind.INT) throw new GraphQLError("AWSTimestamp must be an integer", { nodes: node });
      return Number(node.value);
    },
  },
};
