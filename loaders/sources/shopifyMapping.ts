import type {RowMapping} from "../rows/rowMapping.js";

/**
 * Shopify's standard orders export: one row per line item; the order's fields (status, totals, discount,
 * shipping) on its first row only. The customer is the order's e-mail address, which is pseudonymised and
 * never stored. A `--config` file may add product kinds, the currency and the shop's zone.
 */
export const SHOPIFY_MAPPING: Partial<RowMapping> = {
  shop: {name: "Shopify ストア", name_en: "Shopify store"},
  date_format: "%Y-%m-%d %H:%M:%S %Z",
  columns: {
    order_id: "Name",
    customer_id: "Email",
    ordered_at: "Created at",
    status: "Financial Status",
    cancelled_at: "Cancelled at",
    shipping_fee: "Shipping",
    discount_amount: "Discount Amount",
    coupon_code: "Discount Code",
    channel: "Source",
    product_id: ["Lineitem sku", "Lineitem name"],
    product_name: "Lineitem name",
    quantity: "Lineitem quantity",
    unit_price: "Lineitem price"
  },
  status_values: {
    // a partly refunded order still counts: what was kept was bought
    completed: ["paid", "partially_paid", "partially_refunded", "authorized", "pending"],
    cancelled: ["voided", "expired"],
    refunded: ["refunded"]
  }
};
