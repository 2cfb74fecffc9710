// The orders table and the receipts bucket. Keys and indexes come from the core's table design so the cloud table and the
// local (dynalite) table cannot disagree.
import { type StackContext, Table } from "sst/constructs";
import { ORDERS_TABLE_INDEXES, ORDERS_TABLE_KEYS } from "../packages/core/src/order/tableDesign";
import { suppressDisposableTableFindings } from "./nagSuppressions";
import { createReceiptsBucket } from "./receiptsBucket";
import { stageConfig } from "./stageConfig";

// SST Table wants field types by name; the table design uses DynamoDB's attribute type letters.
const SST_FIELD_TYPE = { S: "string", N: "number", B: "binary" } as const;

export function Storage({ stack }: StackContext) {
  const config = stageConfig(stack.stage);
  const { partitionKey } = ORDERS_TABLE_KEYS;
  const keyFields = [partitionKey, ...ORDERS_TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey])];

  const ordersTable = new Table(stack, "Orders", {
    fields: Object.fromEntries(keyFields.map((field) => [field.name, SST_FIELD_TYPE[field.type]])),
    primaryIndex: { partitionKey: partitionKey.name },
    // The one source of order change events (see OrderChanges): every committed write, old and new image.
    stream: "new_and_old_images",
    globalIndexes: Object.fromEntries(
      ORDERS_TABLE_INDEXES.map((index) => [
        index.indexName,
        {
          partitionKey: index.partitionKey.name,
          sortKey: index.sortKey.name,
          projection: index.projection === "ALL" ? ("all" as const) : ("keys_only" as const),
        },
      ]),
    ),
    cdk: {
      table: {
        // SST turns on the deprecated `pointInTimeRecovery` flag by default; CDK refuses it
        // together with the specification, so it is cleared and the stage decides.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: config.table.pointInTimeRecovery },
        deletionProtection: config.table.deletionProtection,
        removalPolicy: config.removalPolicy,
      },
    },
  });

  if (!config.table.pointInTimeRecovery) suppressDisposableTableFindings(ordersTable);

  const receiptsBucket = createReceiptsBucket(stack, config);

  stack.addOutputs({ OrdersTableName: ordersTable.tableName, ReceiptsBucketName: receiptsBucket.bucketName });
  return { ordersTable, receiptsBucket };
}
