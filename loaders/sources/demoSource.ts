import {createHash} from "node:crypto";
import {DEMO_CATALOG} from "../demoShop/catalog.js";
import {DEMO_DEFAULTS} from "../demoShop/params.js";
import {DEMO_SHOP, generateDemoOrders} from "../demoShop/shop.js";
import type {Source} from "../source.js";

/** The built-in demo shop as a source; `orders` sets its approximate size. */
export function demoSource(orders?: number): Source {
  const params = {...DEMO_DEFAULTS, ...(orders === undefined ? {} : {orders})};
  return {
    kind: "demo",
    spec: orders === undefined ? "demo" : `demo:${orders}`,
    fingerprint: `demo-${createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16)}`,
    shop: DEMO_SHOP,
    time_zone: "Asia/Tokyo",
    shipping: {fee: params.fee, free_threshold: params.freeShippingThreshold},
    products: DEMO_CATALOG,
    orders: () => generateDemoOrders(params)
  };
}
