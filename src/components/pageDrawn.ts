/**
 * Resolves once the page has drawn what it computes as it opens: no output left that Framework still shows as
 * loading (its <observablehq-loading> element) and none of `answering` (the page's answers being fetched, for an
 * output that shows none), then one frame more, since a chart drawn at its width (`resize`) comes a frame after its
 * cell. Resolves after `atMostMs` in any case: an output may wait on something that never comes.
 */
export function pageDrawn(atMostMs: number, answering: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      done = true;
      resolve();
    };
    setTimeout(finish, atMostMs);
    const check = () => {
      if (done) return;
      if (answering() || document.querySelector("observablehq-loading")) requestAnimationFrame(check);
      else requestAnimationFrame(finish);
    };
    requestAnimationFrame(check);
  });
}

/**
 * Resolves once the frame being prepared is drawn and the main thread is idle after it (or after `atMostMs`): when
 * what the page draws meanwhile is drawn, while an output still waits, for the engine say.
 */
export function idleAfterFrame(atMostMs: number): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestIdleCallback(() => resolve(), {timeout: atMostMs})));
}
