// A stand-in for AppSync's real-time link in component tests: the test decides when the socket
// acknowledges a subscription, pushes updates and drops the connection. (The real link against
// the real protocol is tested through the local API: packages/local/test/realtime.e2e.test.ts.)
import { ApolloLink, type FetchResult, Observable } from "@apollo/client";
import { getMainDefinition } from "@apollo/client/utilities";
import type { FieldNode } from "graphql";

type Sink = { next(result: FetchResult): void; error(error: unknown): void };

export function fakeRealtime() {
  const open = new Set<{ field: string; variables: Record<string, unknown>; sink: Sink }>();
  let started = 0;
  const link = new ApolloLink(
    (operation) =>
      new Observable<FetchResult>((sink) => {
        // The subscription's root field (onOrderUpdate, onCustomerOrderUpdates…) names the pushed data.
        const field = (getMainDefinition(operation.query).selectionSet.selections[0] as FieldNode).name.value;
        const entry = { field, variables: operation.variables, sink };
        open.add(entry);
        started += 1;
        return () => open.delete(entry);
      }),
  );
  return {
    link,
    /** How many subscriptions were ever started (re-subscriptions included). */
    get started() {
      return started;
    },
    get open() {
      return open.size;
    },
    /** start_ack for every open subscription: the socket is healthy. */
    acknowledge() {
      for (const { sink } of open) sink.next({ data: undefined, extensions: { controlMsgType: "CONNECTED" } });
    },
    /** The variables of every open subscription (what each one asked to watch). */
    get subscriptions() {
      return [...open].map(({ field, variables }) => ({ field, variables }));
    },
    /** An update pushed to every open subscription, under its own root field. */
    push(update: Record<string, unknown>) {
      for (const { field, sink } of open) sink.next({ data: { [field]: { __typename: "OrderUpdate", failureReason: null, ...update } } });
    },
    /** The server refuses every open subscription (the link reports the start's error). */
    refuse(error: unknown) {
      for (const entry of [...open]) {
        open.delete(entry);
        entry.sink.error(error);
      }
    },
    /** The connection is lost (the link reports it as an error on each subscription). */
    drop() {
      for (const entry of [...open]) {
        open.delete(entry);
        entry.sink.error({ errors: [{ message: "Connection closed" }] });
      }
    },
  };
}

export type FakeRealtime = ReturnType<typeof fakeRealtime>;
