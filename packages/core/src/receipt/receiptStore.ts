// Where receipts live: one S3 object per order, written once, read through presigned GET URLs.
//
// Written once: the put is S3's conditional write (`If-None-Match: *`): a redelivered event, a
// retried invocation or two racing ones find the key taken (412, or 409 while another conditional
// write to it is under way) and leave the first receipt as it is. Local mode's s3rver is patched
// to answer the same way (patches/s3rver@3.7.1.patch), so this one code path runs in both. The key
// is the order's id alone, so no other order's receipt can ever land on it.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { RECEIPT_LINK_SECONDS } from "./receipt";

/** Prefix of every receipt key; the listener's role may write under it only. */
export const RECEIPTS_PREFIX = "receipts/";

export function receiptKey(orderId: string): string {
  // Ids are ULIDs; anything else (a slash, "..") would let one order's key reach another's.
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(orderId)) throw new Error(`Not an order id for a receipt key: ${JSON.stringify(orderId)}`);
  return `${RECEIPTS_PREFIX}${orderId}.pdf`;
}

export type ReceiptWrite = "written" | "alreadyWritten";

/** S3's refusals of a conditional write whose key is taken (or being taken). By name: any SDK copy. */
const KEY_TAKEN = new Set(["PreconditionFailed", "ConditionalRequestConflict"]);

export class ReceiptStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucketName: string,
  ) {}

  /** Stores the order's receipt unless one is already there; never replaces it. */
  async writeOnce(orderId: string, pdf: Uint8Array): Promise<ReceiptWrite> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucketName,
          Key: receiptKey(orderId),
          Body: pdf,
          ContentType: "application/pdf",
          IfNoneMatch: "*",
        }),
      );
      return "written";
    } catch (error) {
      if (KEY_TAKEN.has((error as { name?: string }).name ?? "")) return "alreadyWritten";
      throw error;
    }
  }

  async exists(orderId: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucketName, Key: receiptKey(orderId) }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "NotFound" || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  }

  /** A GET URL for the order's receipt that works for `expiresInSeconds` (signed by this process's credentials). */
  presignedUrl(orderId: string, expiresInSeconds = RECEIPT_LINK_SECONDS): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucketName,
        Key: receiptKey(orderId),
        ResponseContentDisposition: `attachment; filename="receipt-${orderId}.pdf"`,
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}
