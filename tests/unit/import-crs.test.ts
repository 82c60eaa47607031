// Which coordinate system an imported file is in: from its .prj (as ArcGIS, GDAL and QGIS write
// them), from a GeoJSON `crs` member, or from the range of its coordinates.
import { describe, expect, it } from 'vitest';
import { candidateSrids, describeSrid, sridOfGeoJsonCrs, sridOfPrj } from '../../server/src/imports/crs.ts';

const ESRI_4528 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_4549 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const OGC_4527 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 39",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",39500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4527"]]';
const ESRI_4490 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const ESRI_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const XIAN_80 =
  'PROJCS["Xian_1980_3_Degree_GK_Zone_40",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

describe('reading a .prj', () => {
  it('recognises the CGCS2000 Gauss-Krüger zones ArcGIS and GDAL write, with and without zone prefix', () => {
    expect(sridOfPrj(ESRI_4528)).toEqual({ srid: 4528 });
    expect(sridOfPrj(ESRI_4549)).toEqual({ srid: 4549 });
    expect(sridOfPrj(OGC_4527)).toEqual({ srid: 4527 });
  });

  it('recognises CGCS2000 and WGS 84 longitude/latitude', () => {
    expect(sridOfPrj(ESRI_4490)).toEqual({ srid: 4490 });
    expect(sridOfPrj(ESRI_WGS84)).toEqual({ srid: 4326 });
  });

  it("says what to do with Xi'an 1980 data instead of guessing", () => {
    expect(sridOfPrj(XIAN_80)).toEqual({
      unsupported:
        "Xian_1980_3_Degree_GK_Zone_40: Xi'an 1980 and Beijing 1954 data need a local datum conversion; convert it to CGCS2000 first",
    });
  });
});

describe('a GeoJSON crs member', () => {
  it('reads the names GDAL writes', () => {
    expect(sridOfGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4528' } })).toEqual({
      srid: 4528,
    });
    expect(sridOfGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } })).toEqual(
      { srid: 4326 },
    );
    expect(sridOfGeoJsonCrs(undefined)).toBeNull();
    expect(sridOfGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:2385' } })).toMatchObject({
      unsupported: expect.stringMatching(/^EPSG:2385: not one of the supported systems/),
    });
  });
});

describe('guessing from coordinates', () => {
  it('takes degrees as longitude/latitude', () => {
    expect(candidateSrids([118.9, 33.4, 119.3, 33.7])).toEqual([4326]);
  });

  it('reads the zone from an 8-digit easting (40… is zone 40, EPSG:4528)', () => {
    expect(candidateSrids([40_407_075, 3_708_629, 40_409_271, 3_709_038])).toEqual([4528]);
  });

  it('offers every meridian for a plain easting, for the city to decide between', () => {
    const candidates = candidateSrids([407_075, 3_708_629, 409_271, 3_709_038]);
    expect(candidates).toContain(4549);
    expect(candidates).toContain(4548);
    expect(candidates).not.toContain(4528);
  });

  it('names each system for the preview', () => {
    expect(describeSrid(4528)?.name).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 40 (CM 120E)');
    expect(describeSrid(4549)?.name).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 120E');
    expect(describeSrid(4548)?.name).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 117E');
    expect(describeSrid(2385)).toBeNull();
  });
});
