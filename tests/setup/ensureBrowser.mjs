// Makes sure the end-to-end tests have a Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium,
// installed with apt-get when it is missing and we are root on a Debian-like machine. Never downloads a
// browser build of its own.
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function found() {
  return candidates.find((path) => path && existsSync(path));
}

if (!found()) {
  const root = process.getuid?.() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.error("ensureBrowser: Chromium not found; installing Debian's chromium (and CJK fonts for screenshots) …");
    const env = {...process.env, DEBIAN_FRONTEND: "noninteractive"};
    execFileSync("apt-get", ["update", "-qq"], {stdio: "inherit", env});
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], {stdio: "inherit", env});
  }
}

const path = found();
if (!path) {
  console.error(
    "ensureBrowser: no Chrome or Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`)\n" +
      "or point CHROMIUM_PATH at its executable, then run `npm test` again."
  );
  process.exit(1);
}
console.error(`ensureBrowser: using ${path}`);
