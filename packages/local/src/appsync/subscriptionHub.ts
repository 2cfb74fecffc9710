// The subscriptions the local API holds open, and AppSync's basic (argument) filtering: a publish
// of a mutation named in a subscription field's @aws_subscribe(mutations: [...]) reaches every
// subscription of that field whose given arguments each equal the published field of the same
// name (an argument left out or null filters nothing; a field missing from the mutation's
// selection set never matches a given argument, as in AppSync). Deliveries happen in publish
// order, so the updates of one order arrive in the order they were published.
import { type GraphQLSchema, Kind } from "graphql";

export interface OpenSubscription {
  fieldName: string;
  /** The subscription's arguments as resolved (variables applied). */
  args: Record<string, unknown>;
  deliver(published: Record<string, unknown>): void;
}

export class SubscriptionHub {
  /** Mutation field → the subscription fields it publishes to. */
  private readonly triggers = new Map<string, string[]>();
  private readonly byField = new Map<string, Set<OpenSubscription>>();

  constructor(schema: GraphQLSchema) {
    const subscriptionType = schema.getSubscriptionType();
    for (const field of Object.values(subscriptionType?.getFields() ?? {})) {
      const directive = field.astNode?.directives?.find((node) => node.name.value === "aws_subscribe");
      const mutations = directive?.arguments?.find((argument) => argument.name.value === "mutations")?.value;
      const names = mutations?.kind === Kind.LIST ? mutations.values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : [])) : [];
      for (const mutation of names) this.triggers.set(mutation, [...(this.triggers.get(mutation) ?? []), field.name]);
    }
  }

  isPublishingMutation(fieldName: string): boolean {
    return this.triggers.has(fieldName);
  }

  /** Returns the function that closes the subscription. */
  open(subscription: OpenSubscription): () => void {
    let open = this.byField.get(subscription.fieldName);
    if (!open) {
      open = new Set();
      this.byField.set(subscription.fieldName, open);
    }
    open.add(subscription);
    return () => open.delete(subscription);
  }

  get size(): number {
    let count = 0;
    for (const open of this.byField.values()) count += open.size;
    return count;
  }

  /** `published` is the mutation field's result as its selection set shaped it. */
  publish(mutationField: string, published: unknown): number {
    if (published === null || typeof published !== "object") return 0;
    const value = published as Record<string, unknown>;
    let delivered = 0;
    for (const fieldName of this.triggers.get(mutationField) ?? []) {
      for (const subscription of [...(this.byField.get(fieldName) ?? [])]) {
        if (!matches(subscription.args, value)) continue;
        subscription.deliver(value);
        delivered += 1;
      }
    }
    return delivered;
  }
}

function matches(args: Record<string, unknown>, published: Record<string, unknown>): boolean {
  return Object.entries(args).every(([name, expected]) => expected === null || expected === undefined || published[name] === expected);
}
