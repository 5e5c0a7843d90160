/**
 * Takes a sample every `everyMs` until `work` settles, once `ready()` holds (from then on, every
 * time). The interval is the sampling period of a measurement, not a wait for some event.
 */
export async function sampleUntil<T>(work: Promise<unknown>, ready: () => boolean, sample: () => T | Promise<T>, everyMs = 200): Promise<T[]> {
  const samples: T[] = [];
  let settled = false;
  const end = work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    if (samples.length > 0 || ready()) samples.push(await sample());
    await Promise.race([end, new Promise((r) => setTimeout(r, everyMs))]);
  }
  return samples;
}
