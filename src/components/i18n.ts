/** Report languages: Japanese by default, English by configuration or `?lang=en` in the address. */
export type Lang = "ja" | "en";

export interface Label {
  ja: string;
  en: string;
}

/** The page's language: `?lang=` in the address, else the site's configured language, else Japanese. */
export function currentLang(): Lang {
  if (typeof document === "undefined") return "ja";
  // read once per address: every label and every yen in a table asks, thousands of times as a page draws
  if (known?.search !== location.search) {
    const asked = new URLSearchParams(location.search).get("lang");
    const configured = document.querySelector<HTMLMetaElement>('meta[name="ltv-lang"]')?.content;
    known = {search: location.search, lang: (asked ?? configured) === "en" ? "en" : "ja"};
    // Framework writes no lang on <html>: screen readers and the browser's choice of Han glyphs read it
    document.documentElement.lang = known.lang;
  }
  return known.lang;
}

let known: {search: string; lang: Lang} | undefined;

/** The text of a label in the page's language (or the one given). */
export function t(label: Label, lang: Lang = currentLang()): string {
  return label[lang];
}
