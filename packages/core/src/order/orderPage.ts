// The web app's page of one order (its router maps /orders/:id to it): where the customer follows
// the order, tries another card and downloads the receipt. One definition for the web app's own
// links and the ones the customer e-mail carries.

export function orderPagePath(orderId: string): string {
  return `/orders/${encodeURIComponent(orderId)}`;
}

/** The page in the web app served at `webAppUrl` (WEB_APP_URL: the site in the cloud, the dev server locally). */
export function orderPageUrl(webAppUrl: string, orderId: string): string {
  return `${webAppUrl.replace(/\/+$/, "")}${orderPagePath(orderId)}`;
}
