import { generate } from "@graphql-codegen/cli";
import codegenConfig from "../../codegen";

export default async function generateGraphqlTypes(): Promise<void> {
  await generate(codegenConfig, true);
}
