// The assets a browser must fetch before the app can render: what the built index.html names in
// <script type="module" src>, <link rel="modulepreload"> and <link rel="stylesheet">.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface AssetFigure {
  file: string;
  kind: "js" | "css";
  bytes: number;
  gzipBytes: number;
}

export interface InitialAssets {
  assets: AssetFigure[];
  js: { bytes: number; gzipBytes: number };
  css: { bytes: number; gzipBytes: number };
}

const attribute = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, "i"))?.[1];

export async function initialAssetsOf(distDir: string): Promise<InitialAssets> {
  const html = await readFile(path.join(distDir, "index.html"), "utf8");
  const references: Array<{ href: string; kind: "js" | "css" }> = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    if (src && /type\s*=\s*["']module["']/i.test(tag)) references.push({ href: src, kind: "js" });
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, "rel");
    const href = attribute(tag, "href");
    if (!href) continue;
    if (rel === "modulepreload") references.push({ href, kind: "js" });
    if (rel === "stylesheet") references.push({ href, kind: "css" });
  }
  if (!references.some((reference) => reference.kind === "js")) throw new Error("the built index.html names no module script");
  const assets: AssetFigure[] = [];
  for (const reference of references) {
    const body = await readFile(path.join(distDir, reference.href.replace(/^\//, "")));
    assets.push({ file: reference.href, kind: reference.kind, bytes: body.byteLength, gzipBytes: gzipSync(body, { level: 9 }).byteLength });
  }
  const total = (kind: "js" | "css") => ({
    bytes: assets.filter((asset) => asset.kind === kind).reduce((sum, asset) => sum + asset.bytes, 0),
    gzipBytes: assets.filter((asset) => asset.kind === kind).reduce((sum, asset) => sum + asset.gzipBytes, 0),
  });
  return { assets, js: total("js"), css: total("css") };
}
