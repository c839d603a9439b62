/**
 * Pixel offsets for n markers fanned out around one spot: an arc above it for a few (place names sit
 * below their dot), a circle for more, a spiral for many, so no two overlap however many services share
 * an address.
 */
export function spiderPositions(n: number): [number, number][] {
  if (n <= 5) {
    const radius = 40;
    const from = (-160 * Math.PI) / 180;
    const to = (-20 * Math.PI) / 180;
    return Array.from({ length: n }, (_, i) => {
      const angle = n === 1 ? -Math.PI / 2 : from + ((to - from) * i) / (n - 1);
      return [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
    });
  }
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
