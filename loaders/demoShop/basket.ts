import type {SourceOrder} from "../source.js";
import {priceOn} from "./catalog.js";
import type {DemoShopContext} from "./context.js";

type Line = SourceOrder["lines"][number];

/** One-off baskets a repeat buyer chooses from, with their weights. */
const REPEAT_BASKETS: Record<string, [string, number][]> = {
  serum: [["P-SERUM", 1]],
  serumTwo: [["P-SERUM", 2]],
  cleanse: [["P-CLEANSE", 1]],
  collagen: [["P-COLLAGEN", 1]],
  serumAndCleanse: [["P-SERUM", 1], ["P-CLEANSE", 1]],
  masks: [["P-MASK", 3]]
};
const REPEAT_WEIGHTS = {serum: 40, serumTwo: 6, cleanse: 10, collagen: 10, serumAndCleanse: 8, masks: 4, addOns: 22};
const ADD_ONS = {"P-LOTION": 3, "P-UV": 2, "P-HAND": 3, "P-SOAP": 3, "P-MASK": 2, "P-CLEANSE": 2};

/** A repeat buyer's basket: a usual one, or one to three add-ons picked from the wider range. */
export function repeatBasket(ctx: DemoShopContext): [string, number][] {
  const kind = ctx.random.pick(REPEAT_WEIGHTS);
  return kind === "addOns" ? addOns(ctx, 1 + Math.floor(ctx.random.uniform() * 3)) : REPEAT_BASKETS[kind];
}

/** `count` add-on products (repeats merged into a quantity). */
export function addOns(ctx: DemoShopContext, count: number): [string, number][] {
  const basket = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const product = ctx.random.pick(ADD_ONS);
    basket.set(product, (basket.get(product) ?? 0) + 1);
  }
  return [...basket];
}

export interface OrderFacts {
  customer_id: string;
  day: number;
  channel: string;
  coupon?: "WELCOME500";
  subscription?: {id: string; delivery: number};
}

/**
 * Prices a basket on its day and applies the shop's rules: coupons, the free-shipping threshold (with the
 * top-up some customers make to reach it), shipping free for trial sets and subscriptions, and a status.
 */
export function placeOrder(ctx: DemoShopContext, facts: OrderFacts, basket: [string, number][]): SourceOrder {
  const {params, random} = ctx;
  const lines: Line[] = basket.map(([product_id, quantity]) => ({product_id, quantity, unit_price: priceOn(product_id, facts.day, ctx.revisionDay)}));
  const isTrial = basket.length === 1 && basket[0][0] === "P-TRIAL";
  const shipsFree = isTrial || facts.subscription !== undefined;
  const goods = () => lines.reduce((sum, line) => sum + line.quantity * line.unit_price, 0);
  let coupon: string | null = null;
  let discount = 0;
  if (facts.coupon) [coupon, discount] = [facts.coupon, 500];
  else if (!shipsFree && ctx.isDecember(facts.day) && random.chance(params.holidayCouponRate)) {
    [coupon, discount] = ["HOLIDAY10", Math.floor(goods() * 0.1)];
  }
  const threshold = params.freeShippingThreshold;
  const short = threshold - (goods() - discount);
  if (!shipsFree && short > 0 && short <= threshold * params.topUpWindow && random.chance(params.topUpRate)) {
    // a customer just under the line adds masks until the order ships free
    const price = priceOn("P-MASK", facts.day, ctx.revisionDay);
    lines.push({product_id: "P-MASK", quantity: Math.ceil(short / price), unit_price: price});
  }
  const goods_amount = goods();
  const refundRate = isTrial ? params.refundRate * 2 : params.refundRate;
  const u = random.uniform();
  return {
    customer_id: facts.customer_id,
    ordered_at: ctx.timeOf(facts.day, facts.subscription !== undefined),
    goods_amount,
    discount_amount: discount,
    shipping_fee: shipsFree || goods_amount - discount >= threshold ? 0 : params.fee,
    coupon_code: coupon,
    channel: facts.channel,
    status: u < params.cancelRate ? "cancelled" : u < params.cancelRate + refundRate ? "refunded" : "completed",
    subscription_id: facts.subscription?.id ?? null,
    delivery_number: facts.subscription?.delivery ?? null,
    lines
  };
}
