import {createHash} from "node:crypto";
import {createReadStream} from "node:fs";
import {basename} from "node:path";

/** A hash of the files' names and bytes and of the mapping: what the manifest says was read. */
export async function fileFingerprint(files: string[], mapping: unknown): Promise<string> {
  const hash = createHash("sha256").update(JSON.stringify(mapping));
  for (const file of files) {
    hash.update(`\0${basename(file)}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return `sha256:${hash.digest("hex")}`;
}
