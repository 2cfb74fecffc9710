// The restaurant's open/closed switch and its kitchen capacity, as the staff set them
// (updateRestaurantSettings). What "open" means (hours, a full kitchen) is the server's answer.
import { useMutation } from "@apollo/client";
import { useId, useState } from "react";
import { describeApiError } from "../api/apiErrors";
import type { KitchenCapacityInput, KitchenRestaurantFieldsFragment } from "../gql/graphql";
import { UpdateRestaurantSettingsMutation } from "./kitchenOperations";

const CAPACITY_FIELDS: ReadonlyArray<{ key: keyof KitchenCapacityInput; label: string }> = [
  { key: "makeMinutes", label: "Make time per order (min)" },
  { key: "pizzasPerSlot", label: "Pizzas per slot" },
  { key: "slotMinutes", label: "Slot length (min)" },
  { key: "maxPizzasInQueue", label: "Full at pizzas in queue" },
  { key: "deliveryMinutes", label: "Delivery time (min)" },
];

function capacityOf(restaurant: KitchenRestaurantFieldsFragment): Record<keyof KitchenCapacityInput, string> {
  const { makeMinutes, pizzasPerSlot, slotMinutes, maxPizzasInQueue, deliveryMinutes } = restaurant.capacity;
  return {
    makeMinutes: String(makeMinutes),
    pizzasPerSlot: String(pizzasPerSlot),
    slotMinutes: String(slotMinutes),
    maxPizzasInQueue: String(maxPizzasInQueue),
    deliveryMinutes: String(deliveryMinutes),
  };
}

export function RestaurantControls({ restaurant, pizzasInQueue }: { restaurant: KitchenRestaurantFieldsFragment; pizzasInQueue: number }) {
  const id = useId();
  const [update, { loading }] = useMutation(UpdateRestaurantSettingsMutation);
  const [problem, setProblem] = useState<string>();
  const [capacity, setCapacity] = useState(() => capacityOf(restaurant));

  const save = async (input: { acceptingOrders?: boolean; capacity?: KitchenCapacityInput }) => {
    setProblem(undefined);
    try {
      await update({ variables: { input: { restaurantId: restaurant.id, ...input } } });
    } catch (error) {
      setProblem(describeApiError(error).message);
    }
  };

  return (
    <section className="kitchen-controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Restaurant</h2>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={restaurant.acceptingOrders}
          disabled={loading}
          onChange={(event) => void save({ acceptingOrders: event.target.checked })}
        />
        <span>Taking orders</span>
      </label>
      <p className="kitchen-open-state" role="status">
        {restaurant.openNow ? "Open: orders are coming in." : `Closed: ${restaurant.closedReason ?? "not taking orders."}`} {pizzasInQueue} pizza
        {pizzasInQueue === 1 ? "" : "s"} to make.
      </p>
      <form
        className="kitchen-capacity"
        onSubmit={(event) => {
          event.preventDefault();
          const numbers = Object.fromEntries(CAPACITY_FIELDS.map(({ key }) => [key, Number(capacity[key])])) as unknown as KitchenCapacityInput;
          void save({ capacity: numbers });
        }}
      >
        <fieldset>
          <legend>Kitchen capacity</legend>
          {CAPACITY_FIELDS.map(({ key, label }) => (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <input
                id={`${id}-${key}`}
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={capacity[key]}
                disabled={loading}
                onChange={(event) => setCapacity({ ...capacity, [key]: event.target.value })}
              />
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button touch" disabled={loading}>
          Save capacity
        </button>
      </form>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
