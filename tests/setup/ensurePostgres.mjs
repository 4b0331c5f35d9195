// Makes sure the PostgreSQL source's tests have a real server to start: Debian's postgresql, installed with
// apt-get when its binaries are missing and we are root on a Debian-like machine. The tests start their own
// throwaway server (tests/support/postgresServer.ts); nothing is left running.
import {execFileSync} from "node:child_process";
import {existsSync, readdirSync} from "node:fs";

const LIB = "/usr/lib/postgresql";

function found() {
  return existsSync(LIB) && readdirSync(LIB).some((version) => existsSync(`${LIB}/${version}/bin/postgres`));
}

if (!found() && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.error("ensurePostgres: PostgreSQL server not found; installing Debian's postgresql …");
  const env = {...process.env, DEBIAN_FRONTEND: "noninteractive"};
  execFileSync("apt-get", ["update", "-qq"], {stdio: "inherit", env});
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], {stdio: "inherit", env});
}
if (!found()) {
  console.error("ensurePostgres: no PostgreSQL server binaries under /usr/lib/postgresql. Install one (`sudo apt-get install postgresql`), then run `npm test` again.");
  process.exit(1);
}
console.error("ensurePostgres: PostgreSQL server binaries present");
