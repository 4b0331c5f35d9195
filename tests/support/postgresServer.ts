import {execFileSync} from "node:child_process";
import {chownSync, mkdtempSync, readdirSync, rmSync} from "node:fs";
import {createServer} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";

/** A throwaway PostgreSQL server: Debian's binaries, its own data directory, on 127.0.0.1 and a free port. */
export interface PostgresServer {
  url: string;
  stop(): void;
}

export async function startPostgres(): Promise<PostgresServer> {
  const version = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))[0];
  const bin = `/usr/lib/postgresql/${version}/bin`;
  const dir = mkdtempSync(join(tmpdir(), "ltv-pg-"));
  const port = await freePort();
  // PostgreSQL refuses to run as root: as root, the server runs as Debian's postgres user
  const root = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    execFileSync(root ? "runuser" : command, root ? ["-u", "postgres", "--", command, ...args] : args, {stdio: "pipe"});
  if (root) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"])), Number(execFileSync("id", ["-g", "postgres"])));
  const data = join(dir, "data");
  run(`${bin}/initdb`, ["-D", data, "-U", "ltv", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  run(`${bin}/pg_ctl`, ["-D", data, "-w", "-l", join(dir, "server.log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  return {
    url: `postgresql://ltv@127.0.0.1:${port}/postgres`,
    stop() {
      run(`${bin}/pg_ctl`, ["-D", data, "-w", "-m", "immediate", "stop"]);
      rmSync(dir, {recursive: true, force: true});
    }
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
