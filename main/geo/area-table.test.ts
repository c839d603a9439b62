import { describe, expect, it } from 'vitest';
import { AREAS_PATH, GAZETTEER_PATH } from '../test-support/temp-db';
import { areasCoverage, COVERS, coverage, NOT_COVERED, UNCLEAR, type Area } from './area-cover';
import { loadAreaTable } from './area-table';
import { extentPolygons, polygonsContain } from './extent';
import { GeocodeError, loadGazetteer } from './gazetteer';

const table = loadAreaTable(AREAS_PATH, loadGazetteer(GAZETTEER_PATH));
const FRESNO = '06019';
const clovisZip = table.whereabouts({ zip: '93612' });
const clovis = table.whereabouts({ place: 'Clovis' });
const areas = (name: string): Area[] => {
  const found = table.resolveName(name);
  if (!found) throw new Error(`${name} did not resolve`);
  return found;
};
const covers = (name: string, at = clovisZip) => areasCoverage([areas(name)], at);

describe('service area table (data/areas.json)', () => {
  it('puts Clovis, by ZIP code or by name, in Fresno County, California', () => {
    expect(clovisZip).toMatchObject({ zip: '93612', city: 'clovis', state: 'CA', counties: [FRESNO] });
    expect(clovis).toMatchObject({ zip: null, city: 'clovis', state: 'CA', counties: [FRESNO] });
  });

  it('reads a county however a publisher writes it, in English or Spanish', () => {
    for (const name of ['Fresno County', 'County of Fresno', 'Fresno County, CA', 'Fresno County, California', 'Fresno Co.', 'Condado de Fresno', 'fresno county']) {
      expect(areas(name), name).toEqual([{ kind: 'county', county: FRESNO }]);
    }
    expect(areas('City and County of San Francisco')).toEqual([{ kind: 'county', county: '06075' }]);
    expect(areas('San Francisco')).toEqual([{ kind: 'county', county: '06075' }]);
  });

  it('reads the state and the nation', () => {
    for (const name of ['California', 'State of California', 'California statewide', 'Statewide', 'CA', 'Todo el estado']) {
      expect(areas(name), name).toEqual([{ kind: 'state', state: 'CA' }]);
    }
    for (const name of ['United States', 'USA', 'U.S.', 'Nationwide', 'Estados Unidos', 'Todo el país']) expect(areas(name), name).toEqual([{ kind: 'nation' }]);
    expect(areas('Nevada')).toEqual([{ kind: 'state', state: 'NV' }]);
    expect(areas('Nevada County')).toEqual([{ kind: 'county', county: '06057' }]);
  });

  it('reads lists of counties, regions and parts of a county', () => {
    expect(areas('Fresno, Madera and Kings Counties').map((a) => a.kind === 'county' && a.county)).toEqual([FRESNO, '06039', '06031']);
    expect(areas('Fresno County; Kern County, CA')).toHaveLength(2);
    expect(areas('Inland Empire')).toEqual([
      { kind: 'county', county: '06065' },
      { kind: 'county', county: '06071' },
    ]);
    expect(areas('South Orange County')).toEqual([{ kind: 'within', counties: ['06059'] }]);
    expect(areas('San Fernando Valley')).toEqual([{ kind: 'within', counties: ['06037'] }]);
  });

  it('reads cities, neighbourhood aliases and ZIP code lists', () => {
    expect(areas('Fresno')).toEqual([{ kind: 'place', name: 'fresno', county: FRESNO }]);
    expect(areas('Skid Row')).toEqual([{ kind: 'zips', zips: ['90013'], counties: ['06037'] }]);
    expect(areas('93611, 93612')).toEqual([{ kind: 'zips', zips: ['93611', '93612'], counties: [FRESNO] }]);
    expect(areas('ZIP codes 93611 and 93612')).toEqual(areas('93611, 93612'));
  });

  it('knows a county outside California only with its state, and does not guess the rest', () => {
    expect(areas('Washoe County, NV')).toEqual([{ kind: 'county', county: '32031' }]);
    for (const name of ['Atlantis', 'Cook County', '00000', 'Fresno, Atlantis', '', 'Springfield County']) expect(table.resolveName(name), name).toBeNull();
  });

  it('answers who serves Clovis: Fresno County, the state and the nation do; Los Angeles County does not', () => {
    expect(covers('Fresno County')).toBe(COVERS);
    expect(covers('California')).toBe(COVERS);
    expect(covers('United States')).toBe(COVERS);
    expect(covers('Los Angeles County')).toBe(NOT_COVERED);
    expect(covers('Nevada')).toBe(NOT_COVERED);
    expect(covers('Washoe County, NV')).toBe(NOT_COVERED);
    expect(covers('Inland Empire')).toBe(NOT_COVERED);
    expect(covers('Clovis')).toBe(COVERS);
    expect(covers('93612')).toBe(COVERS);
    expect(covers('93720')).toBe(NOT_COVERED);
  });

  it('says "unclear" where an area lies in the same county but may not reach the place', () => {
    expect(covers('Fresno')).toBe(UNCLEAR);
    expect(covers('Fresno', table.whereabouts({ zip: '93721' }))).toBe(COVERS);
    expect(covers('93720', clovis)).toBe(UNCLEAR);
    expect(covers('San Fernando Valley', table.whereabouts({ zip: '91401' }))).toBe(UNCLEAR);
    expect(covers('San Fernando Valley')).toBe(NOT_COVERED);
  });

  it('counts a service that states no area, or only names the table does not know, as not stated', () => {
    expect(areasCoverage([], clovisZip)).toBe(UNCLEAR);
    expect(areasCoverage([null], clovisZip)).toBe(UNCLEAR);
    expect(areasCoverage([null, areas('Los Angeles County')], clovisZip)).toBe(UNCLEAR);
    expect(areasCoverage([null, areas('Fresno County')], clovisZip)).toBe(COVERS);
    expect(areasCoverage([areas('Los Angeles County'), areas('Kern County')], clovisZip)).toBe(NOT_COVERED);
  });

  it('puts a ZIP code that crosses a county line in both counties', () => {
    const eastPaloAlto = table.whereabouts({ zip: '94303' });
    expect(eastPaloAlto.counties.sort()).toEqual(['06081', '06085']);
    expect(covers('San Mateo County', eastPaloAlto)).toBe(COVERS);
    expect(covers('Santa Clara County', eastPaloAlto)).toBe(COVERS);
  });

  it('refuses a place it does not know with a message naming it', () => {
    expect(() => table.whereabouts({ place: 'Atlantis' })).toThrow(new GeocodeError('"Atlantis" is not a ZIP code or a California place in the offline gazetteer.'));
    expect(() => table.whereabouts({ zip: '00000' })).toThrow(/ZIP code 00000 is not in the offline ZIP table/);
  });

  it('draws Fresno County around Clovis and not around Los Angeles', () => {
    const outline = table.countyOutline(FRESNO)!;
    expect(polygonsContain(outline, clovis.lon, clovis.lat)).toBe(true);
    expect(polygonsContain(outline, -118.24, 34.05)).toBe(false);
    expect(table.countyOutline('32031')).toBeNull();
  });
});

describe('service area extents (GeoJSON)', () => {
  const square = [
    [
      [-119.8, 36.7],
      [-119.6, 36.7],
      [-119.6, 36.9],
      [-119.8, 36.9],
      [-119.8, 36.7],
    ],
  ];

  it('reads a polygon bare, as a Feature or in a collection, and tests a place inside it', () => {
    const polygons = extentPolygons(JSON.stringify({ type: 'Feature', geometry: { type: 'Polygon', coordinates: square } }), 'geojson')!;
    expect(coverage({ kind: 'shape', polygons }, clovisZip)).toBe(COVERS);
    expect(coverage({ kind: 'shape', polygons }, table.whereabouts({ zip: '90013' }))).toBe(NOT_COVERED);
    expect(extentPolygons(JSON.stringify({ type: 'Polygon', coordinates: square }), null)).toEqual([square]);
    const collection = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square, square] } }] };
    expect(extentPolygons(JSON.stringify(collection), 'GeoJSON')).toHaveLength(2);
  });

  it('keeps other extents as text: KML, a point, coordinates out of range, broken JSON', () => {
    expect(extentPolygons('<kml/>', 'kml')).toBeNull();
    expect(extentPolygons(JSON.stringify({ type: 'Point', coordinates: [-119.7, 36.8] }), 'geojson')).toBeNull();
    expect(extentPolygons(JSON.stringify({ type: 'Polygon', coordinates: [[[500, 36], [501, 36], [501, 37], [500, 36]]] }), 'geojson')).toBeNull();
    expect(extentPolygons('{"type": "Polygon", ', 'geojson')).toBeNull();
    expect(extentPolygons(null, 'geojson')).toBeNull();
  });
});
