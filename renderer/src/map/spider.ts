/**
 * Pixel offsets for n markers fanned out around one spot: a circle for a few, a spiral for many, so no
 * two overlap however many services share an address.
 */
export function spiderPositions(n: number): [number, number][] {
  if (n <= 9) {
    const radius = Math.max(38, (n * 30) / (2 * Math.PI));
    return Array.from({ length: n }, (_, i) => {
      const angle = (2 * Math.PI * i) / n - Math.PI / 2;
      return [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
    });
  }
  const out: [number, number][] = [];
  let angle = 0;
  let radius = 28;
  for (let i = 0; i < n; i++) {
    angle += 26 / radius + 0.0005 * i;
    out.push([Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))]);
    radius += (26 / (2 * Math.PI)) * (26 / radius);
  }
  return out;
}
