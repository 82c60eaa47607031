// Shapes of the import API (upload → preview → commit or discard), from the server's TypeBox
// schemas, imported as types only; the plot attributes a file's fields can fill.
import type { PLOT_ATTRIBUTES as SERVER_PLOT_ATTRIBUTES } from '../../../server/src/imports/attributes.ts';
import type { ImportRows } from '../../../server/src/imports/schemas.ts';

export type {
  CommitBody,
  ImportDetail,
  ImportFeatures,
  ImportList,
  ImportRows,
  ImportSummary,
  UpdateImportBody,
} from '../../../server/src/imports/schemas.ts';

export type ImportRow = ImportRows['items'][number];
export type ImportProblem = ImportRow['problems'][number];

/** Plot attributes in the server's order (the build fails when the server's list changes). */
export const PLOT_ATTRIBUTES = [
  'code',
  'landUseCode',
  'zone',
  'districtCode',
  'enterpriseName',
  'status',
  'inefficiencyType',
  'contractedStartDate',
  'productionStartDate',
  'investmentIntensity',
  'taxPerMu',
  'salesPerMu',
  'plotRatio',
  'valueAddedRate',
  'rdShare',
  'energyPerValueAdded',
  'servicing',
  'guidePrice',
  'notes',
  'declaredAreaMu',
  'isSample',
] as const satisfies typeof SERVER_PLOT_ATTRIBUTES;
export type PlotAttribute = (typeof PLOT_ATTRIBUTES)[number];

/** attribute → source field; attributes not imported are absent. */
export type FieldMapping = Partial<Record<PlotAttribute, string>>;
