import {createHash, randomBytes} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {fileURLToPath} from "node:url";

/** The untracked file a generated key is kept in: outside src/ and dist/, ignored by git. */
export const DEFAULT_KEY_FILE = fileURLToPath(new URL("../../.ltv/pseudonym.key", import.meta.url));

export interface PseudonymKey {
  /** Hex secret the customer pseudonyms are keyed with. */
  key: string;
  /** Where it came from: LTV_PSEUDONYM_KEY, the key file, or generated now into the key file. */
  origin: "env" | "file" | "generated";
  /** A short fingerprint that tells keys apart without revealing them (recorded in the manifest). */
  key_id: string;
}

/**
 * The pseudonym secret: LTV_PSEUDONYM_KEY, else the key file (LTV_PSEUDONYM_KEY_FILE or .ltv/pseudonym.key),
 * else a new random key written to that file, with a loud warning: pseudonyms stay stable only while it is kept.
 */
export function pseudonymKey(env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = () => {}): PseudonymKey {
  const fromEnv = env.LTV_PSEUDONYM_KEY?.trim();
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < 32) throw new Error("LTV_PSEUDONYM_KEY must be at least 32 characters (e.g. `openssl rand -hex 32`)");
    return withId(fromEnv, "env");
  }
  const file = env.LTV_PSEUDONYM_KEY_FILE ?? DEFAULT_KEY_FILE;
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    if (key.length < 32) throw new Error(`${file}: the pseudonym key must be at least 32 characters`);
    return withId(key, "file");
  }
  const key = randomBytes(32).toString("hex");
  mkdirSync(dirname(file), {recursive: true});
  writeFileSync(file, `${key}\n`, {mode: 0o600});
  warn(
    `WARNING: no pseudonym key (LTV_PSEUDONYM_KEY or ${file}); generated one into ${file}.\n` +
      "WARNING: customer ids are pseudonymised with it. Keep that file (never in dist/ or git) or every pseudonym changes."
  );
  return withId(key, "generated");
}

function withId(key: string, origin: PseudonymKey["origin"]): PseudonymKey {
  return {key, origin, key_id: createHash("sha256").update(`ltv key id:${key}`).digest("hex").slice(0, 12)};
}
