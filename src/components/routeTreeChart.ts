import * as d3 from "d3";
import {formatCount, formatPercent, formatYen} from "./format.js";
import {t} from "./i18n.js";
import {ROUTE_DELIMITER, type RouteNode} from "./routeTree.js";
import {nameOf} from "./vocabulary.js";

const KIND_COLOURS: Record<string, string> = {
  trial: "#f28e2c",
  main: "#4e79a7",
  subscription: "#59a14f",
  cross_sell: "#b07aa1",
  none: "#bab0ac",
  too_young: "#d4d4d4"
};

// d3.stratify reads an empty parent id as "no parent", so the virtual root needs a name of its own
const ROOT = "(all)";
type Datum = RouteNode | {path: typeof ROOT; depth: 0; kind: "all"; customers: number};

/**
 * The route tree drawn left to right: a link's width is the node's share of its parent, a node's colour its
 * kind, and each label gives customers, share, median days and LTV. Nodes under `minCustomers` are flagged.
 */
export function RouteTreeChart(nodes: RouteNode[], {width, minCustomers}: {width: number; minCustomers: number}): SVGSVGElement {
  const total = d3.sum(nodes.filter((n) => n.depth === 1), (n) => n.customers);
  const parentOf = (d: Datum) => (d.depth === 0 ? null : d.depth === 1 ? ROOT : d.path.slice(0, d.path.length - ROUTE_DELIMITER.length - d.kind.length));
  const root = d3.stratify<Datum>().id((d) => d.path).parentId(parentOf)([{path: ROOT, depth: 0, kind: "all", customers: total}, ...nodes]);
  const depth = d3.max(nodes, (n) => n.depth) ?? 1;
  const column = Math.max(190, (width - 40) / (depth + 1));
  const row = 46;
  d3.tree<Datum>().nodeSize([row, column])(root);
  const layout = root as d3.HierarchyPointNode<Datum>;
  const [top, bottom] = d3.extent(layout.descendants(), (d) => d.x) as [number, number];
  const svg = d3.create("svg").attr("width", width).attr("height", bottom - top + row + 20).attr("viewBox", [-20, top - row / 2 - 10, width, bottom - top + row + 20])
    .attr("style", "max-width: 100%; height: auto; font: 11px var(--sans-serif);");
  svg.append("g").attr("fill", "none").selectAll("path").data(layout.links()).join("path")
    .attr("d", d3.linkHorizontal<d3.HierarchyPointLink<Datum>, d3.HierarchyPointNode<Datum>>().x((d) => d.y).y((d) => d.x))
    .attr("stroke", (d) => KIND_COLOURS[d.target.data.kind] ?? "#999")
    .attr("stroke-opacity", 0.6)
    .attr("stroke-dasharray", (d) => (d.target.data.kind === "too_young" ? "4,3" : null))
    .attr("stroke-width", (d) => Math.max(1, 28 * (d.target.data.customers / total)));
  const node = svg.append("g").selectAll("g").data(layout.descendants()).join("g").attr("transform", (d) => `translate(${d.y},${d.x})`);
  node.append("circle").attr("r", 4).attr("fill", (d) => KIND_COLOURS[d.data.kind] ?? "#333");
  node.append("title").text((d) => (d.depth === 0 ? "" : tooltip(d.data as RouteNode)));
  const label = node.append("text").attr("x", 8).attr("paint-order", "stroke").attr("stroke", "white").attr("stroke-width", 3);
  label.append("tspan").attr("x", 8).attr("dy", "-0.2em").attr("font-weight", "bold")
    .text((d) => (d.depth === 0 ? t({ja: "全顧客", en: "All customers"}) : `${nameOf(d.data.kind)} ${formatCount(d.data.customers)}${t({ja: "人", en: ""})}`));
  label.append("tspan").attr("x", 8).attr("dy", "1.2em").attr("fill", "#555").text((d) => (d.depth === 0 ? formatCount(total) : summary(d.data as RouteNode, minCustomers)));
  return svg.node()!;
}

function summary(n: RouteNode, minCustomers: number): string {
  const parts = [n.share_of_parent === null ? t({ja: "観察中", en: "window not over"}) : formatPercent(n.share_of_parent)];
  if (n.kind !== "none" && n.kind !== "too_young") parts.push(`LTV ${formatYen(n.ltv)}`);
  if (n.customers < minCustomers) parts.push(`⚠ n<${minCustomers}`);
  return parts.join(" · ");
}

function tooltip(n: RouteNode): string {
  return [
    n.path.split(ROUTE_DELIMITER).map((k) => nameOf(k)).join(" → "),
    `${t({ja: "顧客", en: "Customers"})}: ${formatCount(n.customers)}`,
    `${t({ja: "親に占める割合", en: "Share of parent"})}: ${formatPercent(n.share_of_parent)}`,
    `${t({ja: "前回からの日数(中央値)", en: "Median days from previous order"})}: ${n.median_days ?? "—"}`,
    `LTV: ${formatYen(n.ltv)} · ${n.ltv_months}${t({ja: "ヶ月LTV", en: "-month LTV"})}: ${formatYen(n.ltv_x)}`
  ].join("\n");
}
