// The cart: each line with its price (the core's priceLine, as the server prices it), its quantity
// to change, and buttons to edit it in the fields above or remove it.
import { type CartLine, priceLine } from "@pizza-orders/core/menu/pricing";
import { ORDER_LIMITS } from "@pizza-orders/core/order/rules";
import { formatMoney } from "../orders/money";

const SIZE_NAMES = { SMALL: "Small", MEDIUM: "Medium", LARGE: "Large" } as const;

export function describeLine(line: Pick<CartLine, "pizza" | "size" | "toppings">): string {
  return `${SIZE_NAMES[line.size]} ${line.pizza}${line.toppings.length > 0 ? ` + ${line.toppings.join(", ")}` : ""}`;
}

function linePrice(line: CartLine): number | undefined {
  try {
    return priceLine(line).lineTotalCents;
  } catch {
    return undefined;
  }
}

interface CartLinesProps {
  lines: CartLine[];
  currency: string;
  disabled: boolean;
  /** The line being edited in the fields above, if any. */
  editing?: number;
  onChange(lines: CartLine[]): void;
  onEdit(index: number): void;
}

export function CartLines({ lines, currency, disabled, editing, onChange, onEdit }: CartLinesProps) {
  if (lines.length === 0) return null;
  const setQuantity = (index: number, quantity: number) => onChange(lines.map((line, at) => (at === index ? { ...line, quantity } : line)));
  return (
    <section className="cart" aria-labelledby="cart-title">
      <h2 id="cart-title">Your cart</h2>
      <ol className="cart-lines" aria-label="Cart">
        {lines.map((line, index) => {
          const cents = linePrice(line);
          const label = describeLine(line);
          return (
            // Lines are positions in the cart: editing one keeps its place.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className={`cart-line${editing === index ? " editing" : ""}`}>
              <span className="cart-line-name">{label}</span>
              <label className="cart-line-quantity">
                <span className="visually-hidden">Quantity of {label}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={ORDER_LIMITS.minQuantity}
                  max={ORDER_LIMITS.maxQuantity}
                  step={1}
                  value={Number.isNaN(line.quantity) ? "" : line.quantity}
                  disabled={disabled}
                  onChange={(event) => setQuantity(index, event.target.value === "" ? Number.NaN : Number(event.target.value))}
                />
              </label>
              <span className="cart-line-price">{cents === undefined ? "—" : formatMoney(cents, currency)}</span>
              <span className="cart-line-actions">
                <button type="button" className="button" disabled={disabled} aria-label={`Edit ${label}`} onClick={() => onEdit(index)}>
                  Edit
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={disabled}
                  aria-label={`Remove ${label}`}
                  onClick={() => onChange(lines.filter((_, at) => at !== index))}
                >
                  Remove
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
