// Serves a built web app the way a static host (S3 + CloudFront) does: files with their content
// types, gzip-compressed when the browser accepts it (CloudFront's automatic compression), index.html
// for any other path (client-side routes). Hand-written because it is a dozen lines and the bench
// needs it to serve one extra page (the empty baseline) next to the build.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".map": "application/json",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, extraPages: Record<string, string> = {}): Promise<StaticSite> {
  const server: Server = createServer(async (request, response) => {
    const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const send = (contentType: string, body: Buffer | string) => {
      const headers: Record<string, string> = { "content-type": contentType };
      if (gzip) headers["content-encoding"] = "gzip";
      response.writeHead(200, headers);
      response.end(gzip ? gzipSync(body) : body);
    };
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (extraPages[pathname] !== undefined) {
      send(CONTENT_TYPES[".html"], extraPages[pathname]);
      return;
    }
    const requested = path.join(root, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
    const file = requested.endsWith(path.sep) ? path.join(requested, "index.html") : requested;
    try {
      send(CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", await readFile(file));
    } catch {
      send(CONTENT_TYPES[".html"], await readFile(path.join(root, "index.html")));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
