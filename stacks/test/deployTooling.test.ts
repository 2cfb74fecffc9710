// SST's first deploy into a fresh account runs `npx cdk bootstrap` from the project root. With
// aws-cdk a pinned dev dependency, npx finds that CLI and downloads nothing.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../offlineSynth";

describe("the CDK CLI SST bootstraps with", () => {
  const pinned = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).devDependencies["aws-cdk"];

  it("is an exact devDependency", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("is what `npx cdk` runs from the project root, without installing anything", () => {
    const result = spawnSync("npx", ["--no-install", "cdk", "--version"], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(new RegExp(`^${pinned.replaceAll(".", "\\.")} `));
  });
});
