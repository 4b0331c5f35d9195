import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

/** What the site is built from: data/site.json, each field overridable by an environment variable. */
export interface SiteConfig {
  /** Source spec, as `ltv snapshot --source` takes it (LTV_SOURCE). */
  source: string;
  /** Mapping file for csv:, shopify: and postgres: sources, relative to the project (LTV_SOURCE_CONFIG). */
  source_config: string | null;
  /** As-of date YYYY-MM-DD, or null for the day after the last order (LTV_AS_OF). */
  as_of: string | null;
  /** Shop time zone, or null for the source's (LTV_TZ). */
  time_zone: string | null;
  /** Report language, ja or en (LTV_LANG). */
  lang: "ja" | "en";
}

export const SITE_CONFIG_FILE = fileURLToPath(new URL("../data/site.json", import.meta.url));

export function siteConfig(env: NodeJS.ProcessEnv = process.env): SiteConfig {
  const file = JSON.parse(readFileSync(SITE_CONFIG_FILE, "utf8")) as SiteConfig;
  const lang = env.LTV_LANG ?? file.lang;
  if (lang !== "ja" && lang !== "en") throw new Error(`${SITE_CONFIG_FILE}: lang must be "ja" or "en", got ${lang}`);
  return {
    source: env.LTV_SOURCE ?? file.source,
    source_config: env.LTV_SOURCE_CONFIG ?? file.source_config ?? null,
    as_of: env.LTV_AS_OF ?? file.as_of,
    time_zone: env.LTV_TZ ?? file.time_zone,
    lang
  };
}
