// Decides, for every label candidate, the zooms at which it is shown, so that the labels drawn at any
// zoom do not overlap: at each zoom, biggest first, a name is kept only if it has room. A small town may
// show at one zoom and give way to a city one zoom in; a big city is never hidden by a small town. The
// renderer then only filters by zoom and never has to choose between overlapping names, which is where
// a first sketch dropped San Francisco and Oakland in favour of their suburbs.

const WORLD_TILE = 256;
const PADDING = 3; // pixels kept clear around each label

const project = ([lon, lat], z) => {
  const scale = WORLD_TILE * 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
};

function box(candidate, relative, z) {
  const [x, y] = project(candidate.point, z);
  const [x0, y0, x1, y1] = relative;
  return [x + x0 - PADDING, y + y0 - PADDING, x + x1 + PADDING, y + y1 + PADDING];
}

const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** A coarse grid over placed boxes, so each zoom costs about one pass over the candidates. */
class Grid {
  constructor(cell) {
    this.cell = cell;
    this.cells = new Map();
  }
  keys(b) {
    const keys = [];
    for (let i = Math.floor(b[0] / this.cell); i <= Math.floor(b[2] / this.cell); i++)
      for (let j = Math.floor(b[1] / this.cell); j <= Math.floor(b[3] / this.cell); j++) keys.push(`${i}:${j}`);
    return keys;
  }
  collides(b) {
    return this.keys(b).some((k) => (this.cells.get(k) ?? []).some((other) => overlaps(b, other)));
  }
  add(b) {
    for (const k of this.keys(b)) this.cells.set(k, [...(this.cells.get(k) ?? []), b]);
  }
}

/**
 * candidates: [{point: [lon, lat], boxes: [[minX, minY, maxX, maxY], ...] in pixels around the point, one
 * per placement in order of preference, rank (higher first), fromZoom, toZoom}].
 * Returns a Map candidate -> {zooms, alternate}: bitmasks of the zooms in [zMin, zMax] where it is shown
 * (bit z for zoom z), and of those where it takes its second placement; only for candidates shown at all.
 */
export function thinLabels(candidates, zMin, zMax) {
  const ordered = [...candidates].sort((a, b) => b.rank - a.rank);
  const shown = new Map();
  for (let z = zMin; z <= zMax; z++) {
    const grid = new Grid(256);
    for (const c of ordered) {
      if (c.fromZoom > z || c.toZoom < z) continue;
      const placement = c.boxes.findIndex((relative) => !grid.collides(box(c, relative, z)));
      if (placement < 0) continue;
      grid.add(box(c, c.boxes[placement], z));
      const s = shown.get(c) ?? { zooms: 0, alternate: 0 };
      s.zooms |= 1 << z;
      if (placement === 1) s.alternate |= 1 << z;
      shown.set(c, s);
    }
  }
  return shown;
}
