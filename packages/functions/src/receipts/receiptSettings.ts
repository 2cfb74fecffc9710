// The receipts listener, as the stacks deploy it and the local shop runs it.

/** Handler module under packages/functions/src. */
export const RECEIPT_WRITER_HANDLER = "receipts/writeReceipt";

export const RECEIPT_WRITER_SETTINGS = {
  /** Reading one order, drawing one page and one S3 put: seconds, with room for a cold start. */
  timeoutSeconds: 30,
} as const;
