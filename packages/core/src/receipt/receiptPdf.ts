// Lays a receipt out as a one-page PDF (pdf-lib). Everything printed comes from the Receipt; the
// document's dates are the receipt's own, so the same receipt always makes the same bytes.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { Receipt } from "./receipt";

const PAGE = { width: 595, height: 842 }; // A4 in points
const MARGIN = 50;
const LINE_HEIGHT = 16;
const COLUMNS = { item: MARGIN, quantity: 330, unit: 400, amount: PAGE.width - MARGIN } as const;

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

/** UTC, minutes: a receipt reads the same wherever it is opened. */
export function formatReceiptDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const KIND_TITLE: Record<Receipt["kind"], string> = { payment: "Receipt — paid", refund: "Receipt — refunded" };

export async function renderReceiptPdf(receipt: Receipt): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const issued = new Date(receipt.issuedAt);
  document.setTitle(`Receipt for order ${receipt.orderId}`);
  document.setAuthor(receipt.restaurantName);
  document.setProducer("pizza-orders");
  document.setCreator("pizza-orders");
  document.setCreationDate(issued);
  document.setModificationDate(issued);
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const page = document.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const write = (text: string, x: number, font: PDFFont = regular, size = 11, align: "left" | "right" = "left") =>
    drawText(page, text, x, y, font, size, align);
  const next = (lines = 1) => {
    y -= LINE_HEIGHT * lines;
  };
  const money = (cents: number) => formatMoney(cents, receipt.currency);

  write(receipt.restaurantName, MARGIN, bold, 20);
  next(2);
  write(KIND_TITLE[receipt.kind], MARGIN, bold, 14);
  next(1.5);
  // The number the counter calls out first; the id is what support looks an order up by.
  if (receipt.orderNumber) {
    write(`Order ${receipt.orderNumber}`, MARGIN, bold, 12);
    next();
  }
  write(`Reference ${receipt.orderId}`, MARGIN);
  next();
  write(`Placed ${formatReceiptDate(receipt.placedAt)}`, MARGIN);
  next();
  write(`Paid ${formatReceiptDate(receipt.paidAt)}`, MARGIN);
  next();
  if (receipt.refundedAt) {
    write(`Refunded ${formatReceiptDate(receipt.refundedAt)}`, MARGIN);
    next();
  }
  write(`Issued ${formatReceiptDate(receipt.issuedAt)}`, MARGIN);
  next(2);

  write("Item", COLUMNS.item, bold);
  write("Qty", COLUMNS.quantity, bold);
  write("Each", COLUMNS.unit, bold);
  write("Amount", COLUMNS.amount, bold, 11, "right");
  next();
  page.drawLine({ start: { x: MARGIN, y: y + 10 }, end: { x: PAGE.width - MARGIN, y: y + 10 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
  for (const line of receipt.lines) {
    write(`${line.pizza}, ${line.sizeLabel}`, COLUMNS.item);
    write(String(line.quantity), COLUMNS.quantity);
    write(money(line.unitPriceCents), COLUMNS.unit);
    write(money(line.linePriceCents), COLUMNS.amount, regular, 11, "right");
    next();
    if (line.toppings.length > 0) {
      write(`with ${line.toppings.join(", ")}`, COLUMNS.item + 12, regular, 9);
      next();
    }
  }
  next(0.5);
  if (receipt.fees.length === 0) {
    write("Fees", COLUMNS.item);
    write(money(0), COLUMNS.amount, regular, 11, "right");
    next();
  }
  for (const fee of receipt.fees) {
    write(fee.label, COLUMNS.item);
    write(money(fee.amountCents), COLUMNS.amount, regular, 11, "right");
    next();
  }
  next(0.5);
  write("Total", COLUMNS.item, bold, 12);
  write(money(receipt.totalCents), COLUMNS.amount, bold, 12, "right");
  next(2);
  write(receipt.kind === "payment" ? `Paid in full: ${money(receipt.totalCents)}` : `Refunded: ${money(receipt.totalCents)}`, MARGIN);
  // No random document id: the bytes depend on the receipt alone.
  return document.save({ useObjectStreams: false });
}

function drawText(page: PDFPage, text: string, x: number, y: number, font: PDFFont, size: number, align: "left" | "right"): void {
  const left = align === "right" ? x - font.widthOfTextAtSize(text, size) : x;
  page.drawText(text, { x: left, y, font, size });
}
