import type {SourceProduct} from "../source.js";

export interface DemoProduct extends SourceProduct {
  /** Price before the price revision (equal to list_price when the product was not revised). */
  price_before_revision: number;
}

/** The brand 「しずく」: a serum sold through a trial set and a subscription, with cross-sell into two more categories. */
export const DEMO_CATALOG: DemoProduct[] = [
  {product_id: "P-TRIAL", name: "しずく美容液 トライアルセット", name_en: "Shizuku serum trial set", category: "スキンケア", kind: "trial", list_price: 1000, price_before_revision: 1000},
  {product_id: "P-SERUM", name: "しずく美容液 30mL", name_en: "Shizuku serum 30 mL", category: "スキンケア", kind: "main", list_price: 5480, price_before_revision: 4980},
  {product_id: "P-SERUM-SUB", name: "しずく美容液 定期便", name_en: "Shizuku serum subscription", category: "スキンケア", kind: "subscription", list_price: 4380, price_before_revision: 3980},
  {product_id: "P-CLEANSE", name: "しずくクレンジング", name_en: "Shizuku cleansing balm", category: "クレンジング", kind: "cross_sell", list_price: 2800, price_before_revision: 2800},
  {product_id: "P-MASK", name: "しずくシートマスク 1枚", name_en: "Shizuku sheet mask, single", category: "スキンケア", kind: "cross_sell", list_price: 600, price_before_revision: 600},
  {product_id: "P-COLLAGEN", name: "しずくコラーゲン", name_en: "Shizuku collagen supplement", category: "サプリメント", kind: "cross_sell", list_price: 3600, price_before_revision: 3600},
  {product_id: "P-LOTION", name: "しずく化粧水", name_en: "Shizuku lotion", category: "スキンケア", kind: "cross_sell", list_price: 3300, price_before_revision: 3300},
  {product_id: "P-UV", name: "しずくUVミルク", name_en: "Shizuku UV milk", category: "スキンケア", kind: "cross_sell", list_price: 2980, price_before_revision: 2980},
  {product_id: "P-HAND", name: "しずくハンドクリーム", name_en: "Shizuku hand cream", category: "ボディケア", kind: "cross_sell", list_price: 1480, price_before_revision: 1480},
  {product_id: "P-SOAP", name: "しずく洗顔石けん", name_en: "Shizuku face soap", category: "クレンジング", kind: "cross_sell", list_price: 1200, price_before_revision: 1200},
  {product_id: "P-COLLAGEN-SUB", name: "しずくコラーゲン 定期便", name_en: "Shizuku collagen subscription", category: "サプリメント", kind: "subscription", list_price: 2980, price_before_revision: 2980}
];

const byId = new Map(DEMO_CATALOG.map((p) => [p.product_id, p]));

/** A product's price on a day (days since the shop's start), before or after the price revision. */
export function priceOn(productId: string, day: number, revisionDay: number): number {
  const product = byId.get(productId);
  if (!product) throw new Error(`demo catalogue has no ${productId}`);
  return day < revisionDay ? product.price_before_revision : product.list_price;
}
