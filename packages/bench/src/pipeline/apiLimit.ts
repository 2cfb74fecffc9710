// The API's bare request rate: a trivial query (`{ menu { currency } }`, one resolver, no AWS
// call) as fast as the API answers it, and the tracker's order query (one GetItem) the same way.
import { runClosedLoop } from "../load";
import { type LatencySummary, summarizeLatencies } from "../stats";
import { MENU_CURRENCY_QUERY, type ShopClient, TRACK_ORDER_QUERY } from "./shopClient";

export interface RequestRate {
  query: string;
  concurrency: number;
  perSecond: number;
  requests: number;
  errors: number;
  latencyMs: LatencySummary;
}

/** The label of the tracker's order query in the results. */
export const TRACKER_QUERY_LABEL = "tracker's order(id) query";

/** The trivial query's best rate over the concurrencies tried: the API's bare request rate. */
export const bestMenuRate = (rates: readonly RequestRate[]) =>
  rates
    .filter((rate) => rate.query === MENU_CURRENCY_QUERY)
    .reduce<RequestRate | undefined>((best, rate) => (rate.perSecond > (best?.perSecond ?? 0) ? rate : best), undefined);

async function measureRequestRate(
  client: ShopClient,
  label: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  concurrency: number,
  seconds: number,
): Promise<RequestRate> {
  const result = await runClosedLoop(concurrency, seconds * 1000, () => client.graphql(query, variables));
  if (result.operations === 0) throw new Error(`${label}: every request failed: ${result.firstError}`);
  return {
    query: label,
    concurrency,
    perSecond: result.perSecond,
    requests: result.operations,
    errors: result.errors,
    latencyMs: summarizeLatencies(result.latenciesMs),
  };
}

export async function measureApiLimit(
  client: ShopClient,
  options: { concurrencies: number[]; seconds: number; orderId: string; guestSecret: string },
): Promise<RequestRate[]> {
  const rates: RequestRate[] = [];
  for (const concurrency of options.concurrencies) {
    rates.push(await measureRequestRate(client, MENU_CURRENCY_QUERY, MENU_CURRENCY_QUERY, undefined, concurrency, options.seconds));
  }
  for (const concurrency of options.concurrencies) {
    rates.push(
      await measureRequestRate(
        client,
        TRACKER_QUERY_LABEL,
        TRACK_ORDER_QUERY,
        { id: options.orderId, guestSecret: options.guestSecret },
        concurrency,
        options.seconds,
      ),
    );
  }
  return rates;
}
