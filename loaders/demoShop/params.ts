/** Every number that shapes the demo shop. Change one and the analyses move in a way you can predict. */
export interface DemoParams {
  /** Seed of the random stream: the same parameters give the same shop, order for order. */
  seed: number;
  /** About how many orders to generate (within a few percent); sets the number of customers acquired. */
  orders: number;
  /** First day of the shop's history (YYYY-MM-DD, shop-local). */
  start: string;
  /** Length of the history in months; nothing is dated on or after start + months. */
  months: number;
  /** Acquisitions in the last month relative to the first (linear growth in between). */
  growth: number;
  /** Shipping fee in yen for one-off orders under the free-shipping threshold. */
  fee: number;
  /** Goods amount after discount at which shipping is free (an order of exactly this ships free). */
  freeShippingThreshold: number;
  /** A one-off basket this fraction or less below the threshold may be topped up to reach it. */
  topUpWindow: number;
  /** Probability that such a basket is topped up with masks (¥600 each). */
  topUpRate: number;
  /** Day the serum and its subscription get more expensive (YYYY-MM-DD). */
  priceRevisionDate: string;
  /** How customers enter: the trial set, the main product one-off, or straight into the subscription. */
  entry: {trial: number; main: number; subscription: number};
  /** What trial buyers do next (the rest never return): within trialFollowUpDays of the trial. */
  afterTrial: {subscription: number; main: number; crossSell: number};
  /** Mean days from trial to the next order (gamma, shape 2), starting 7 days after the trial. */
  trialFollowUpDays: number;
  /** Share of subscriptions on a 30-, 45- and 60-day cycle. */
  cycles: {30: number; 45: number; 60: number};
  /** Churn hazard after delivery n: floor + initial × decay^(n−1), divided by √propensity. */
  churn: {floor: number; initial: number; decay: number};
  /** Probability that a subscriber skips the next delivery (it comes one cycle later). */
  skipRate: number;
  /** Per delivery: probability of an extra cross-sell order, and of starting the supplement subscription. */
  subscriberCrossSell: number;
  supplementStart: number;
  /** One-off buyers: probability of another order after their k-th is base + perOrder × (k−1), × √propensity. */
  repeat: {base: number; perOrder: number; max: number};
  /** Mean days between one-off orders (gamma, shape 3). */
  repeatGapDays: number;
  /** Probability that a first serum order adds one add-on (lotion, UV milk, hand cream, soap …). */
  firstOrderAddOn: number;
  /** Probability that a repeat one-off buyer's next order starts the subscription instead. */
  repeatToSubscription: number;
  /** Probability that an order is cancelled, and refunded (trial sets are refunded at twice the rate). */
  cancelRate: number;
  refundRate: number;
  /** Share of first main-product orders from paid channels that use WELCOME500 (¥500 off). */
  welcomeCouponRate: number;
  /** Share of December one-off orders that use HOLIDAY10 (10% off goods). */
  holidayCouponRate: number;
}

export const DEMO_DEFAULTS: DemoParams = {
  seed: 20230101,
  orders: 40_000,
  start: "2023-01-01",
  months: 36,
  growth: 2,
  fee: 550,
  freeShippingThreshold: 5000,
  topUpWindow: 0.2,
  topUpRate: 0.45,
  priceRevisionDate: "2024-10-01",
  entry: {trial: 0.65, main: 0.3, subscription: 0.05},
  afterTrial: {subscription: 0.22, main: 0.11, crossSell: 0.04},
  trialFollowUpDays: 16,
  cycles: {30: 0.6, 45: 0.25, 60: 0.15},
  churn: {floor: 0.05, initial: 0.3, decay: 0.7},
  skipRate: 0.05,
  subscriberCrossSell: 0.04,
  supplementStart: 0.02,
  repeat: {base: 0.3, perOrder: 0.08, max: 0.85},
  repeatGapDays: 60,
  firstOrderAddOn: 0.2,
  repeatToSubscription: 0.12,
  cancelRate: 0.02,
  refundRate: 0.01,
  welcomeCouponRate: 0.5,
  holidayCouponRate: 0.3
};
