// A stand-in for AppSync's real-time link in component tests: the test decides when the socket
// acknowledges a subscription, pushes updates and drops the connection. (The real link against
// the real protocol is tested through the local API: packages/local/test/realtime.e2e.test.ts.)
import { ApolloLink, type FetchResult, Observable } from "@apollo/client";

type Sink = { next(result: FetchResult): void; error(error: unknown): void };

export function fakeRealtime() {
  const open = new Set<{ variables: Record<string, unknown>; sink: Sink }>();
  let started = 0;
  const link = new ApolloLink(
    (operation) =>
      new Observable<FetchResult>((sink) => {
        const entry = { variables: operation.variables, sink };
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
    push(update: Record<string, unknown>) {
      for (const { sink } of open) sink.next({ data: { onOrderUpdate: { __typename: "OrderUpdate", failureReason: null, ...update } } });
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
