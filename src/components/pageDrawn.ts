/**
 * Resolves once the page has drawn what it computes as it opens: no output left that Framework still shows as
 * loading (its <observablehq-loading> element), then one frame more, since a chart drawn at its width (`resize`)
 * comes a frame after its cell. Resolves after `atMostMs` in any case: an output may wait on something that never comes.
 */
export async function pageDrawn(atMostMs: number): Promise<void> {
  const until = performance.now() + atMostMs;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  do await frame();
  while (document.querySelector("observablehq-loading") && performance.now() < until);
  await frame();
}
