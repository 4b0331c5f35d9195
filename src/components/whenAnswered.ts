import {html} from "htl";
import {errorMessage} from "./errorMessage.js";
import {t} from "./i18n.js";

const computing = {
  ja: "計算中…(DuckDB の読み込みが終わりしだい表示します)",
  en: "Computing… (shown as soon as DuckDB has loaded)"
};

/**
 * An output that says it is being computed until `answer` settles, then shows `render(answer)`, or the error. For
 * a page's parts that are not in its shipped answers: without it they stay blank while DuckDB-WASM loads.
 */
export function whenAnswered<T>(answer: Promise<T>, render: (value: T) => Node): HTMLElement {
  const element = html`<div><p class="ltv-note">${t(computing)}</p></div>`;
  answer.then(
    (value) => element.replaceChildren(render(value)),
    (error: unknown) => element.replaceChildren(html`<p class="ltv-status" data-state="error">${errorMessage(error)}</p>`)
  );
  return element;
}
