import {spawn} from "node:child_process";
import {readdirSync, readFileSync} from "node:fs";

/** Peak resident memory (VmHWM) of a process, in MiB; null once it is gone. */
export function peakMiB(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resident memory (VmRSS) of a process now, in MiB; null once it is gone. */
function residentMiB(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Chromium's browser process's resident memory now, in MiB: it holds the Blobs of the table files a page reads
 * (workspace.ts), so the renderer's figure alone would not show where they went.
 */
export function browserProcessMiB(): number {
  let resident = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (/chrom/i.test(command.split("\0")[0]) && !command.includes("--type=")) resident = Math.max(resident, residentMiB(Number(pid)) ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return resident;
}

/** The largest peak resident memory among Chromium's renderer processes, in MiB. */
export function rendererPeakMiB(): number {
  let peak = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer")) continue;
      peak = Math.max(peak, peakMiB(Number(pid)) ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return peak;
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
