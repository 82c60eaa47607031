// The one typed client for the Land Atlas JSON API.
import type {
  CompliancePlotList,
  ComplianceSummary,
  ExportLanguage,
} from '../../../server/src/compliance/schemas.ts';
import type { Dashboard, DashboardTable } from '../../../server/src/dashboard/schemas.ts';
import type {
  ExportFormat,
  SHAPEFILE_MAX_PLOTS as SERVER_SHAPEFILE_MAX_PLOTS,
  XLSX_MAX_PLOTS as SERVER_XLSX_MAX_PLOTS,
} from '../../../server/src/exports/schemas.ts';
import type {
  CommitBody,
  ImportDetail,
  ImportFeatures,
  ImportList,
  ImportRows,
  UpdateImportBody,
} from './import-types.ts';
import type {
  ApiErrorBody,
  DistrictCollection,
  Meta,
  ParcelCollection,
  PlotDetail,
  PlotList,
  PlotSelection,
  PlotStats,
  PlotTimeline,
  SearchResult,
  SelectionPolygon,
  SiteSearchBody,
  SiteSearchResult,
  ZoneCollection,
} from './types.ts';
import type {
  AccessTokenList,
  AuditPage,
  CreatedToken,
  CreateFlagBody,
  CreateInquiryBody,
  CreateProjectBody,
  CreateReservationBody,
  CreateUserBody,
  Flag,
  FlagList,
  Inquiry,
  InquiryList,
  InquiryReceipt,
  Me,
  NewTokenBody,
  PlanBody,
  Project,
  ProjectList,
  Reservation,
  ReservationList,
  ReviewFlagBody,
  UpdateProjectBody,
  UpdateUserBody,
  User,
  UserList,
} from './workflow-types.ts';

/** A failed request, carrying the server's error body when it sent one. */
export class ApiError extends Error {
  readonly statusCode: number;

  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'message' in value && 'statusCode' in value;
}

let csrfToken: string | null = null;

/** The signed-in session's CSRF token; every state-changing request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Adds the CSRF token to a state change; the one place that knows the rule (JSON and file uploads). */
async function addCsrfToken(
  method: string,
  path: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<void> {
  // A state change before the page has asked who is signed in: ask first, so a signed-in user's
  // request carries the token (the session cookie itself is HttpOnly, invisible here).
  if (method !== 'GET' && csrfToken === null && path !== '/api/auth/login') {
    csrfToken = (await request<{ csrfToken: string | null }>('GET', '/api/auth/me', undefined, signal))
      .csrfToken;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
}

async function readAnswer<T>(response: Response): Promise<T> {
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const errorBody: unknown = await response.json();
      if (isErrorBody(errorBody)) message = errorBody.message;
    } catch {
      // Not JSON (e.g. a proxy's HTML error page): keep the status line.
    }
    throw new ApiError(response.status, message);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  await addCsrfToken(method, path, headers, signal);
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ?? null,
    credentials: 'same-origin',
  });
  return readAnswer<T>(response);
}

/** POSTs a file as multipart/form-data in the field `file`; the browser writes the content type and boundary. */
async function upload<T>(path: string, file: Blob, filename: string, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  await addCsrfToken('POST', path, headers, signal);
  const form = new FormData();
  form.append('file', file, filename);
  const response = await fetch(path, {
    method: 'POST',
    headers,
    body: form,
    signal: signal ?? null,
    credentials: 'same-origin',
  });
  return readAnswer<T>(response);
}

/** A GET answered with JSON; other modules' calls (api/invest.ts) share the error handling. */
export const getJson = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);

/** The breach list's filter (control-line compliance). */
export type ComplianceListParams = {
  kind?: 'industrial_outside' | 'nonindustrial_in_core';
  districtCode?: string;
  zoneId?: number;
};
const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined) as [
      string,
      string,
    ][],
  ).toString();

/** The most plots per Shapefile and per Excel export; the server refuses more (the menu says so first). */
export const EXPORT_MAX_PLOTS: {
  shp: typeof SERVER_SHAPEFILE_MAX_PLOTS;
  xlsx: typeof SERVER_XLSX_MAX_PLOTS;
} = {
  shp: 200_000,
  xlsx: 1_048_575,
};

export const api = {
  meta: (signal?: AbortSignal) => getJson<Meta>('/api/meta', signal),
  districts: (signal?: AbortSignal) => getJson<DistrictCollection>('/api/districts?format=geojson', signal),
  zones: (signal?: AbortSignal) => getJson<ZoneCollection>('/api/zones?format=geojson', signal),
  /** A page of the plot list (JSON), with the map's filter parameters, sort, limit and offset. */
  plotList: (params: Record<string, string>, signal?: AbortSignal) =>
    getJson<PlotList>(`/api/plots?${new URLSearchParams(params).toString()}`, signal),
  /** A download link (the session cookie rides along) for the filtered, sorted plots in a file format. */
  plotExportUrl: (format: ExportFormat, params: Record<string, string>, lang: ExportLanguage) =>
    `/api/exports/plots?${query({ ...params, format, lang })}`,
  plotStats: (filter: Record<string, string>, signal?: AbortSignal) =>
    getJson<PlotStats>(`/api/plots/stats?${new URLSearchParams(filter).toString()}`, signal),
  plot: (id: number, signal?: AbortSignal) => getJson<PlotDetail>(`/api/plots/${id}`, signal),
  plotTimeline: (id: number, signal?: AbortSignal) =>
    getJson<PlotTimeline>(`/api/plots/${id}/history`, signal),
  /** Plots a drawn polygon touches, under the map's filter. */
  plotSelection: (polygon: SelectionPolygon, filter: Record<string, string>, signal?: AbortSignal) =>
    request<PlotSelection>(
      'POST',
      `/api/plots/selection?${new URLSearchParams(filter).toString()}`,
      { polygon },
      signal,
    ),
  /** Ranked candidate sites for a land demand (选址). */
  siteSearch: (body: SiteSearchBody, signal?: AbortSignal) =>
    request<SiteSearchResult>('POST', '/api/site-search', body, signal),
  parcels: (params: Record<string, string>, signal?: AbortSignal) =>
    getJson<ParcelCollection>(`/api/parcels?${new URLSearchParams(params).toString()}`, signal),
  search: (q: string, signal?: AbortSignal) =>
    getJson<SearchResult>(`/api/search?${new URLSearchParams({ q }).toString()}`, signal),
  me: (signal?: AbortSignal) => getJson<Me>('/api/auth/me', signal),
  login: (username: string, password: string) =>
    request<Me>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  flags: (params: { status?: string; plotId?: number }, signal?: AbortSignal) =>
    getJson<FlagList>(`/api/flags?${query(params)}`, signal),
  createFlag: (body: CreateFlagBody) => request<Flag>('POST', '/api/flags', body),
  reviewFlag: (id: number, body: ReviewFlagBody) => request<Flag>('POST', `/api/flags/${id}/review`, body),
  reservations: (params: { status?: string; plotId?: number }, signal?: AbortSignal) =>
    getJson<ReservationList>(`/api/reservations?${query(params)}`, signal),
  createReservation: (body: CreateReservationBody) => request<Reservation>('POST', '/api/reservations', body),
  reservationAction: (id: number, action: 'release' | 'convert') =>
    request<Reservation>('POST', `/api/reservations/${id}/${action}`),
  extendReservation: (id: number, until: string) =>
    request<Reservation>('POST', `/api/reservations/${id}/extend`, { until }),
  inquiries: (params: { status?: string }, signal?: AbortSignal) =>
    getJson<InquiryList>(`/api/inquiries?${query(params)}`, signal),
  setInquiryStatus: (id: number, status: Inquiry['status']) =>
    request<Inquiry>('POST', `/api/inquiries/${id}/status`, { status }),
  createInquiry: (body: CreateInquiryBody) => request<InquiryReceipt>('POST', '/api/inquiries', body),
  projects: (signal?: AbortSignal) => getJson<ProjectList>('/api/projects', signal),
  createProject: (body: CreateProjectBody) => request<Project>('POST', '/api/projects', body),
  updateProject: (id: number, body: UpdateProjectBody) =>
    request<Project>('PATCH', `/api/projects/${id}`, body),
  savePlan: (plotId: number, body: PlanBody) => request<PlanBody>('PUT', `/api/plots/${plotId}/plan`, body),
  cityReview: (id: number) => request<Project>('POST', `/api/projects/${id}/city-review`),
  complianceSummary: (params: { districtCode?: string }, signal?: AbortSignal) =>
    getJson<ComplianceSummary>(`/api/compliance/summary?${query(params)}`, signal),
  compliancePlots: (params: ComplianceListParams & { limit: number; offset: number }, signal?: AbortSignal) =>
    getJson<CompliancePlotList>(`/api/compliance/plots?${query(params)}`, signal),
  /** A download link (the session cookie rides along) for the breach list as CSV or XLSX. */
  complianceExportUrl: (format: 'csv' | 'xlsx', params: ComplianceListParams, lang: ExportLanguage) =>
    `/api/compliance/export?${query({ ...params, format, lang })}`,
  users: (signal?: AbortSignal) => getJson<UserList>('/api/users', signal),
  updateUser: (id: number, body: UpdateUserBody) => request<User>('PATCH', `/api/users/${id}`, body),
  createUser: (body: CreateUserBody) => request<User>('POST', '/api/users', body),
  resetPassword: (id: number, password: string) =>
    request<User>('POST', `/api/users/${id}/password`, { password }),
  accessTokens: (signal?: AbortSignal) => getJson<AccessTokenList>('/api/tokens', signal),
  createAccessToken: (body: NewTokenBody) => request<CreatedToken>('POST', '/api/tokens', body),
  revokeAccessToken: (id: number) => request<void>('DELETE', `/api/tokens/${id}`),
  audit: (params: { actor?: string; action?: string; offset?: number }, signal?: AbortSignal) =>
    getJson<AuditPage>(`/api/audit?${query({ limit: 50, ...params })}`, signal),
  dashboard: (scope: { districtCode?: string; zoneId?: number }, signal?: AbortSignal) =>
    getJson<Dashboard>(`/api/dashboard?${query(scope)}`, signal),
  /** A download link (the session cookie rides along): every table, or one. */
  dashboardExportUrl: (
    format: 'csv' | 'xlsx',
    scope: { districtCode?: string; zoneId?: number },
    lang: string,
    table?: DashboardTable,
  ) => `/api/dashboard/export?${query({ format, ...scope, lang, table })}`,
  /** Recent imports, newest first. */
  imports: (signal?: AbortSignal) => getJson<ImportList>('/api/imports?limit=20', signal),
  importDetail: (id: number, signal?: AbortSignal) => getJson<ImportDetail>(`/api/imports/${id}`, signal),
  /** Uploads a zipped Shapefile, GeoJSON or CSV; answers the preview. */
  uploadImport: (file: File) => upload<ImportDetail>('/api/imports', file, file.name),
  /** Another CRS, encoding, axis order or mapping: the preview is read and checked again. */
  updateImport: (id: number, body: UpdateImportBody) =>
    request<ImportDetail>('PATCH', `/api/imports/${id}`, body),
  importRows: (
    id: number,
    params: { kind?: string; severity?: 'any' | 'error' | 'warning' | 'all'; limit: number; offset: number },
    signal?: AbortSignal,
  ) => getJson<ImportRows>(`/api/imports/${id}/rows?${query(params)}`, signal),
  importFeatures: (id: number, signal?: AbortSignal) =>
    getJson<ImportFeatures>(`/api/imports/${id}/features`, signal),
  commitImport: (id: number, body: CommitBody) =>
    request<ImportDetail>('POST', `/api/imports/${id}/commit`, body),
  discardImport: (id: number) => request<ImportDetail>('POST', `/api/imports/${id}/discard`),
};
