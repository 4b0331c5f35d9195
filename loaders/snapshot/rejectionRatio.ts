import {REJECTION_REASONS, type RejectionReason} from "../../src/components/rejectionReasons.js";
import type {RowAccount} from "../rows/stageRows.js";

/**
 * Why a snapshot must not be written because too many rows were rejected, or null. The message lists the
 * commonest reasons with the first row of each, so the mapping or the export can be fixed.
 */
export function rejectionRatioProblem(account: RowAccount, maxRatio: number): string | null {
  const read = account.files.reduce((sum, f) => sum + f.read, 0);
  const rejected = account.files.reduce((sum, f) => sum + f.rejected, 0);
  if (read === 0 || rejected / read <= maxRatio) return null;
  // across files: the reason's total, and its first row in reading order
  const byReason = new Map<string, RowAccount["rejections"][number]>();
  for (const r of account.rejections) {
    const seen = byReason.get(r.reason);
    byReason.set(r.reason, seen ? {...seen, rows: seen.rows + r.rows} : r);
  }
  const reasons = [...byReason.values()]
    .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason))
    .slice(0, 8)
    .map((r) => `  ${r.rows.toLocaleString("en-US")} × ${REJECTION_REASONS[r.reason as RejectionReason]?.en ?? r.reason} — first at ${r.file} row ${r.first_row}${r.first_column ? `, column "${r.first_column}"` : ""}`);
  const percent = (x: number) => `${(100 * x).toFixed(2)} %`;
  return `${rejected.toLocaleString("en-US")} of ${read.toLocaleString("en-US")} rows rejected (${percent(rejected / read)}), over the limit of ${percent(maxRatio)}; nothing was written.\n${reasons.join("\n")}\nFix the export or the mapping, or raise the limit with --max-rejected.`;
}
