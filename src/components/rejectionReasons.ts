/**
 * Why a source row is not in the snapshot. Every row read is either loaded, merged as an exact duplicate
 * of a row in another file, or rejected for one of these reasons.
 */
export const REJECTION_REASONS = {
  wrong_column_count: {ja: "列数が見出しと合わない", en: "wrong column count"},
  undecodable_bytes: {ja: "文字コードとして読めないバイト", en: "undecodable bytes"},
  missing_order_id: {ja: "注文IDが空", en: "missing order id"},
  missing_customer_id: {ja: "顧客IDが空", en: "missing customer id"},
  missing_product: {ja: "商品IDが空", en: "missing product id"},
  bad_date: {ja: "日時として読めない", en: "unparseable date"},
  impossible_date: {ja: "存在しない日時", en: "impossible date"},
  date_out_of_range: {ja: "ありえない年の日時", en: "date out of range"},
  not_a_number: {ja: "数値でない", en: "not a number"},
  fractional_amount: {ja: "通貨の最小単位未満の端数", en: "fraction below the currency's minor unit"},
  negative_amount: {ja: "負の金額", en: "negative amount"},
  absurd_amount: {ja: "ありえない高額", en: "absurd amount"},
  bad_count: {ja: "数量・回数が1以上の整数でない", en: "count not a whole number ≥ 1"},
  unknown_status: {ja: "未知の注文ステータス", en: "unknown status"},
  conflicting_order: {ja: "同じ注文IDで内容が食い違う", en: "conflicting duplicate of an order"},
  order_incomplete: {ja: "同じ注文の他の行が不正", en: "another row of the same order was rejected"}
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;
