import type {SourceOrder} from "../source.js";
import {addOns, placeOrder, repeatBasket} from "./basket.js";
import type {DemoShopContext} from "./context.js";

const PAID_CHANNELS = new Set(["search_ads", "social_ads", "affiliate"]);
const CHANNELS = {search_ads: 30, social_ads: 30, affiliate: 15, referral: 10, organic: 15};

/** Everything one customer ever orders, from the day they are acquired, in time order. */
export function simulateCustomer(ctx: DemoShopContext, customer_id: string, firstDay: number): SourceOrder[] {
  const {params, random} = ctx;
  const orders: SourceOrder[] = [];
  // a few customers are worth many times the rest: heterogeneity in how readily each one comes back
  const propensity = random.gamma(2, 1);
  const channel = random.pick(CHANNELS);
  const add = (order: SourceOrder) => orders.push(order);
  let hasSupplement = false; // at most one supplement subscription per customer

  const oneOffs = (day: number, count: number): void => {
    for (let k = count; ; k++) {
      const p = Math.min(params.repeat.max, (params.repeat.base + params.repeat.perOrder * (k - 1)) * Math.sqrt(propensity));
      if (!random.chance(p)) return;
      day += Math.max(1, Math.round(random.gamma(3, params.repeatGapDays)));
      if (day >= ctx.days) return;
      if (random.chance(params.repeatToSubscription)) return subscribe(day, "P-SERUM-SUB");
      add(placeOrder(ctx, {customer_id, day, channel: random.chance(0.3) ? "crm_mail" : "mypage"}, repeatBasket(ctx)));
    }
  };

  const subscribe = (day: number, product: string, first?: {channel: string}): void => {
    const id = ctx.nextSubscriptionId();
    const cycle = Number(random.pick(params.cycles));
    for (let delivery = 1; day < ctx.days; delivery++) {
      const channel = delivery === 1 && first ? first.channel : "subscription";
      add(placeOrder(ctx, {customer_id, day, channel, subscription: {id, delivery}}, [[product, 1]]));
      const extra = day + Math.floor(3 + random.uniform() * (cycle - 6));
      if (random.chance(params.subscriberCrossSell) && extra < ctx.days) {
        add(placeOrder(ctx, {customer_id, day: extra, channel: "mypage"}, [["P-CLEANSE", 1]]));
      }
      if (!hasSupplement && product === "P-SERUM-SUB" && delivery >= 3 && random.chance(params.supplementStart)) {
        hasSupplement = true;
        subscribe(day + Math.floor(random.uniform() * cycle), "P-COLLAGEN-SUB");
      }
      const hazard = (params.churn.floor + params.churn.initial * params.churn.decay ** (delivery - 1)) / Math.sqrt(propensity);
      if (random.chance(Math.min(0.95, hazard))) return;
      day += random.chance(params.skipRate) ? 2 * cycle : cycle;
    }
  };

  const entry = random.pick(params.entry);
  if (entry === "subscription") subscribe(firstDay, "P-SERUM-SUB", {channel});
  else if (entry === "main") {
    const coupon = PAID_CHANNELS.has(channel) && random.chance(params.welcomeCouponRate) ? "WELCOME500" : undefined;
    const extras = random.chance(params.firstOrderAddOn) ? addOns(ctx, 1) : [];
    add(placeOrder(ctx, {customer_id, day: firstDay, channel, coupon}, [["P-SERUM", 1], ...extras]));
    oneOffs(firstDay, 1);
  } else {
    add(placeOrder(ctx, {customer_id, day: firstDay, channel}, [["P-TRIAL", 1]]));
    const next = random.pick({...params.afterTrial, none: 1 - Object.values(params.afterTrial).reduce((a, b) => a + b, 0)});
    const day = firstDay + 7 + Math.round(random.gamma(2, params.trialFollowUpDays));
    if (next !== "none" && day < ctx.days) {
      const via = random.chance(0.5) ? "crm_mail" : "mypage";
      if (next === "subscription") subscribe(day, "P-SERUM-SUB", {channel: via});
      else {
        add(placeOrder(ctx, {customer_id, day, channel: via}, next === "main" ? [["P-SERUM", 1]] : [["P-CLEANSE", 1]]));
        oneOffs(day, 2);
      }
    }
  }
  return orders.sort((a, b) => a.ordered_at - b.ordered_at);
}
