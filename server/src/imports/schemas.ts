// Request and response schemas of the import routes; the client imports the types.
import { type Static, Type } from 'typebox';
import { MultiPolygonGeometry, Nullable } from '../http/schemas.ts';
import { PLOT_ATTRIBUTES } from './attributes.ts';
import { ENCODINGS } from './encoding.ts';
import { IMPORT_FORMATS } from './source.ts';

export const IMPORT_STATUSES = ['preview', 'committed', 'discarded', 'failed'] as const;

export const ImportParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

const Srid = Type.Integer({
  minimum: 1,
  maximum: 999_999,
  description: 'EPSG code of the source coordinates',
});
const EncodingName = Type.Enum(ENCODINGS);

export const UploadQuery = Type.Object(
  {
    srid: Type.Optional(Srid),
    encoding: Type.Optional(EncodingName),
  },
  { additionalProperties: false },
);
export type UploadQuery = Static<typeof UploadQuery>;

export const FieldMappingSchema = Type.Object(
  Object.fromEntries(
    PLOT_ATTRIBUTES.map((a) => [a, Type.Optional(Type.String({ minLength: 1, maxLength: 200 }))]),
  ),
  { additionalProperties: false, description: 'plot attribute → source field' },
);

export const UpdateImportBody = Type.Object(
  {
    srid: Type.Optional(Nullable(Srid)),
    encoding: Type.Optional(Nullable(EncodingName)),
    swapAxes: Type.Optional(Type.Boolean()),
    mapping: Type.Optional(FieldMappingSchema),
  },
  { additionalProperties: false },
);
export type UpdateImportBody = Static<typeof UpdateImportBody>;

export const CommitBody = Type.Object(
  {
    skipInvalid: Type.Optional(
      Type.Boolean({
        description:
          'write the valid rows and leave out the rows with errors (default: refuse while any row has an error)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CommitBody = Static<typeof CommitBody>;

const Problem = Type.Object({
  kind: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  field: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
  location: Type.Optional(Type.Tuple([Type.Number(), Type.Number()])),
});

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const Attributes = Type.Record(Type.String(), Cell);

export const ImportCounts = Type.Object({
  rows: Type.Integer(),
  insert: Type.Integer({ description: 'new plots (written, once committed)' }),
  update: Type.Integer({ description: 'existing plots of the same code' }),
  skip: Type.Integer({ description: 'rows with an error, left out' }),
  warnings: Type.Integer({ description: 'rows written with a warning' }),
});

export const ImportDetail = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  format: Type.Enum(IMPORT_FORMATS),
  status: Type.Enum(IMPORT_STATUSES),
  fileSize: Nullable(Type.Integer()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  finishedBy: Nullable(Type.String()),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  srid: Nullable(Type.Integer({ description: 'the source CRS the rows are read in' })),
  crsName: Nullable(Type.String()),
  encoding: Nullable(EncodingName),
  swapAxes: Type.Boolean(),
  choices: Type.Object({
    srid: Nullable(Type.Integer()),
    encoding: Nullable(EncodingName),
    swapAxes: Type.Boolean(),
  }),
  detection: Type.Object({
    crs: Type.Object({
      srid: Nullable(Type.Integer()),
      source: Type.String({ description: 'chosen, prj, geojson, ewkt, coordinates or none' }),
      note: Nullable(Type.String()),
      candidates: Type.Array(
        Type.Object({ srid: Type.Integer(), name: Type.String(), distanceKm: Nullable(Type.Number()) }),
      ),
      bounds: Nullable(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
    }),
    encoding: Type.Object({
      encoding: EncodingName,
      source: Type.String(),
      declared: Type.Optional(Type.String()),
    }),
    fields: Type.Array(
      Type.Object({ name: Type.String(), type: Type.String(), samples: Type.Array(Type.String()) }),
    ),
    files: Type.Array(Type.String()),
    notes: Type.Array(Type.String()),
    sampleRows: Type.Array(Type.Object({ row: Type.Integer(), attributes: Attributes })),
  }),
  mapping: FieldMappingSchema,
  counts: ImportCounts,
  report: Type.Object({
    problems: Type.Array(
      Type.Object({ kind: Type.String(), severity: Type.String(), count: Type.Integer() }),
    ),
    extent: Nullable(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
    districts: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer() })),
  }),
});
export type ImportDetail = Static<typeof ImportDetail>;

export const ImportListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const ImportSummary = Type.Pick(ImportDetail, [
  'id',
  'filename',
  'format',
  'status',
  'createdBy',
  'createdAt',
  'finishedBy',
  'finishedAt',
  'counts',
]);
export type ImportSummary = Static<typeof ImportSummary>;

export const ImportList = Type.Object({ total: Type.Integer(), items: Type.Array(ImportSummary) });
export type ImportList = Static<typeof ImportList>;

export const ImportRowsQuery = Type.Object(
  {
    severity: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('any'), Type.Literal('error'), Type.Literal('warning')], {
        default: 'any',
        description: 'all rows, rows with any problem (default), with an error, or with a warning',
      }),
    ),
    kind: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const ImportRows = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      row: Type.Integer(),
      code: Nullable(Type.String()),
      action: Type.Union([Type.Literal('insert'), Type.Literal('update'), Type.Literal('skip')]),
      attributes: Attributes,
      problems: Type.Array(Problem),
    }),
  ),
});
export type ImportRows = Static<typeof ImportRows>;

export const IMPORT_PREVIEW_FEATURES = 5000;

export const ImportFeatures = Type.Object({
  type: Type.Literal('FeatureCollection'),
  numberReturned: Type.Integer(),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      properties: Type.Object({
        row: Type.Integer(),
        code: Nullable(Type.String()),
        action: Type.String(),
        hasProblems: Type.Boolean(),
      }),
      geometry: MultiPolygonGeometry,
    }),
  ),
});
export type ImportFeatures = Static<typeof ImportFeatures>;
