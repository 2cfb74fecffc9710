import { it } from "vitest";
import { synthesizeForTest } from "./synthesizedApp";
it("probe", async () => {
  const app = await synthesizeForTest("prod");
  const show = (f: { path: string; message: string }) => `${f.path}\n   ${f.message.slice(0, 160)}`;
  console.log("ERRORS\n" + app.nagErrors.map(show).join("\n"));
  console.log("WARNINGS\n" + app.nagWarnings.map(show).join("\n"));
});
