import {t} from "./i18n.js";

/** Every product's names, for labels. */
export function productNamesSql(): string {
  return "SELECT product_id, name, name_en FROM products";
}

/** A product id's name in the page's language; an unknown id is shown as it is. */
export function productNamer(rows: {product_id: string; name: string; name_en: string}[]): (id: string) => string {
  const byId = new Map(rows.map((p) => [p.product_id, p]));
  return (id) => t({ja: byId.get(id)?.name ?? id, en: byId.get(id)?.name_en ?? id});
}
