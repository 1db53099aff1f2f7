// Does answering for an unknown account take about as long as for a known one? Runs both in
// alternation (same conditions for each pair), drops warm-up rounds, and compares the medians.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function medianTimings(
  rounds: number,
  known: (round: number) => Promise<unknown>,
  unknown: (round: number) => Promise<unknown>,
  warmUp = 3,
): Promise<{ knownMs: number; unknownMs: number }> {
  const k: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < rounds + warmUp; i++) {
    let start = performance.now();
    await known(i);
    const kt = performance.now() - start;
    start = performance.now();
    await unknown(i);
    const ut = performance.now() - start;
    if (i >= warmUp) {
      k.push(kt);
      u.push(ut);
    }
  }
  return { knownMs: median(k), unknownMs: median(u) };
}
