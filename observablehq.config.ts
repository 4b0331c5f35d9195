import {siteConfig} from "./loaders/siteConfig.js";

const {lang} = siteConfig();
const title = (ja: string, en: string) => (lang === "en" ? en : ja);

export default {
  root: "src",
  title: title("LTV ワークスペース", "LTV workspace"),
  pages: [
    {name: title("RFM分析", "RFM grid"), path: "/rfm"},
    {name: title("セグメント別LTV", "Segments"), path: "/segments"},
    {name: title("Xヶ月LTV", "X-month LTV"), path: "/ltv-curve"},
    {name: title("2回目購入ルート", "Routes"), path: "/routes"},
    {name: title("定期継続", "Subscriptions"), path: "/subscriptions"},
    {name: title("予測LTV", "Predicted value"), path: "/clv"},
    {name: title("リピート周期", "Repurchase cycle"), path: "/repurchase"},
    {name: title("送料無料ライン", "Free shipping"), path: "/shipping"},
    {name: title("データ", "Data"), path: "/data"},
    {name: title("データ品質", "Data quality"), path: "/quality"}
  ],
  // System fonts and no favicon request: the built site makes no request to any other origin.
  globalStylesheets: [],
  style: "style.css",
  head: `<meta name="ltv-lang" content="${lang}"><link rel="icon" href="data:,">`,
  footer: `<span id="ltv-footer"></span>`,
  search: false,
  pager: false,
  linkify: false
};
