/** Report languages: Japanese by default, English by configuration or `?lang=en` in the address. */
export type Lang = "ja" | "en";

export interface Label {
  ja: string;
  en: string;
}

/** The page's language: `?lang=` in the address, else the site's configured language, else Japanese. */
export function currentLang(): Lang {
  if (typeof document === "undefined") return "ja";
  const asked = new URLSearchParams(location.search).get("lang");
  const configured = document.querySelector<HTMLMetaElement>('meta[name="ltv-lang"]')?.content;
  const lang = asked ?? configured;
  return lang === "en" ? "en" : "ja";
}

/** The text of a label in the page's language (or the one given). */
export function t(label: Label, lang: Lang = currentLang()): string {
  return label[lang];
}
