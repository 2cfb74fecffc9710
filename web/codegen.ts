// Typed GraphQL operations, generated from the one API contract (graphql/schema.graphql).
// Paths are absolute so the result is the same whichever directory codegen is started from
// (the web package, the repository root, the local runtime or vitest).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CodegenConfig } from "@graphql-codegen/cli";
import { preset as clientPreset } from "@graphql-codegen/client-preset";

const webRoot = dirname(fileURLToPath(import.meta.url));

export const generatedDir = resolve(webRoot, "src/gql");

const config: CodegenConfig = {
  schema: [resolve(webRoot, "../graphql/schema.graphql"), resolve(webRoot, "../graphql/appsync-builtins.graphql")],
  documents: [resolve(webRoot, "src/**/*.{ts,tsx}"), `!${generatedDir}/**`],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    [`${generatedDir}/`]: {
      // The preset module itself, not its name: a name is resolved from the current directory, which
      // found a different (older) copy of the preset when codegen ran from the repository root.
      preset: clientPreset,
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          AWSDateTime: "string",
          AWSDate: "string",
          AWSTime: "string",
          AWSTimestamp: "number",
          AWSEmail: "string",
          AWSJSON: "string",
          AWSURL: "string",
          AWSPhone: "string",
          AWSIPAddress: "string",
        },
      },
    },
  },
};

export default config;
