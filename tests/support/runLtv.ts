import {spawnSync} from "node:child_process";
import {ROOT} from "./buildSite.js";

/** Runs the `ltv` command as a user would (`bin/ltv.js`), returning its exit code and output. */
export function runLtv(args: string[], env: Record<string, string> = {}): {status: number | null; stdout: string; stderr: string} {
  const result = spawnSync(process.execPath, [`${ROOT}/bin/ltv.js`, ...args], {cwd: ROOT, encoding: "utf8", env: {...process.env, ...env}});
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}
