declare module "dynalite" {
  import type { Server } from "node:http";
  function dynalite(options?: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; ssl?: boolean }): Server;
  export default dynalite;
}
