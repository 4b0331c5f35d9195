import {spawn} from "node:child_process";
import {readdirSync, readFileSync} from "node:fs";

/** A memory figure of a process's /proc status (VmHWM: peak resident, VmRSS: resident now), in MiB; null once it is gone. */
function statusMiB(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Peak resident memory (VmHWM) of a process, in MiB; null once it is gone. */
export function peakMiB(pid: number): number | null {
  return statusMiB(pid, "VmHWM");
}

/** The largest `field` among the processes whose command line (arguments separated by NUL) `matches`, in MiB. */
function largestAmong(matches: (command: string) => boolean, field: "VmHWM" | "VmRSS"): number {
  let largest = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (matches(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) largest = Math.max(largest, statusMiB(Number(pid), field) ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return largest;
}

/**
 * Chromium's browser process's resident memory now, in MiB: it holds the Blobs of the table files a page reads
 * (workspace.ts), so the renderer's figure alone would not show where they went.
 */
export function browserProcessMiB(): number {
  return largestAmong((command) => /chrom/i.test(command.split("\0")[0]) && !command.includes("--type="), "VmRSS");
}

/** The largest peak resident memory among Chromium's renderer processes, in MiB. */
export function rendererPeakMiB(): number {
  return largestAmong((command) => command.includes("--type=renderer"), "VmHWM");
}

/** Runs a command, returning its wall time and peak memory (sampled every 50 ms from /proc). */
export function measureCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ms: number; peakMiB: number}> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {env, stdio: ["ignore", "ignore", "inherit"]});
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakMiB(child.pid!) ?? 0)), 50);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code === 0) resolve({ms: performance.now() - start, peakMiB: peak});
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}`));
    });
  });
}
