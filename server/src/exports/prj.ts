// The .prj text of each coordinate system a Shapefile export offers, in the ESRI dialect of WKT 1.
//
// Why not spatial_ref_sys.srtext: both backends give OGC WKT 1 with AUTHORITY nodes ("CGCS2000 /
// 3-degree Gauss-Kruger zone 40", Transverse_Mercator). GDAL identifies either dialect as the EPSG
// code, but ArcGIS reads and writes .prj files in its own dialect (GCS_/D_ names, Gauss_Kruger), so
// these are the strings ArcGIS itself writes; GDAL 3.6 writes the same (`gdalsrsinfo -o wkt_esri`).
import type { ExportCrs } from './schemas.ts';

const CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
  'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A CGCS2000 3-degree Gauss-Krüger zone, as ArcGIS names it. */
function gaussKruger(name: string, centralMeridian: number, falseEasting: number): string {
  return (
    `PROJCS["${name}",${CGCS2000},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${falseEasting.toFixed(1)}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${centralMeridian.toFixed(1)}],PARAMETER["Scale_Factor",1.0],` +
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
  );
}

export const PRJ: Record<ExportCrs, string> = {
  4326: WGS84,
  4490: CGCS2000,
  4527: gaussKruger('CGCS2000_3_Degree_GK_Zone_39', 117, 39_500_000),
  4528: gaussKruger('CGCS2000_3_Degree_GK_Zone_40', 120, 40_500_000),
  4548: gaussKruger('CGCS2000_3_Degree_GK_CM_117E', 117, 500_000),
  4549: gaussKruger('CGCS2000_3_Degree_GK_CM_120E', 120, 500_000),
};
