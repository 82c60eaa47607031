// Queries and changes of the import screen: one place for its query keys.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ImportDetail, UpdateImportBody } from '../../api/import-types.ts';

export const ROWS_PAGE = 10;

export const importKeys = {
  all: ['imports'] as const,
  list: ['imports', 'list'] as const,
  one: (id: number) => ['imports', id] as const,
  detail: (id: number) => ['imports', id, 'detail'] as const,
  features: (id: number) => ['imports', id, 'features'] as const,
  rows: (id: number, kind: string, offset: number) => ['imports', id, 'rows', kind, offset] as const,
};

export function useImportList() {
  return useQuery({ queryKey: importKeys.list, queryFn: ({ signal }) => api.imports(signal) });
}

export function useImportDetail(id: number) {
  return useQuery({ queryKey: importKeys.detail(id), queryFn: ({ signal }) => api.importDetail(id, signal) });
}

/** The preview's outlines for the map: only while it is a preview (afterwards the plots show). */
export function useImportFeatures(id: number, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.features(id),
    queryFn: ({ signal }) => api.importFeatures(id, signal),
    enabled,
  });
}

/** A page of the rows with one kind of problem, kept while the next page loads. */
export function useImportRows(id: number, kind: string, offset: number) {
  return useQuery({
    queryKey: importKeys.rows(id, kind, offset),
    queryFn: ({ signal }) => api.importRows(id, { kind, severity: 'any', limit: ROWS_PAGE, offset }, signal),
    placeholderData: (previous) => previous,
  });
}

/** Keeps a new state of an import, and asks again for what hangs on it (rows, outlines, the list). */
export function useKeepImport() {
  const client = useQueryClient();
  return (detail: ImportDetail) => {
    client.setQueryData(importKeys.detail(detail.id), detail);
    void client.invalidateQueries({ queryKey: importKeys.features(detail.id) });
    void client.invalidateQueries({ queryKey: ['imports', detail.id, 'rows'] });
    void client.invalidateQueries({ queryKey: importKeys.list });
  };
}

export function useUploadImport(onUploaded: (detail: ImportDetail) => void) {
  const keep = useKeepImport();
  return useMutation({
    mutationFn: (file: File) => api.uploadImport(file),
    onSuccess: (detail) => {
      keep(detail);
      onUploaded(detail);
    },
  });
}

/** Another CRS, encoding, axis order or mapping: the server reads and checks the file again. */
export function useUpdateImport(id: number) {
  const keep = useKeepImport();
  return useMutation({
    mutationFn: (body: UpdateImportBody) => api.updateImport(id, body),
    onSuccess: keep,
  });
}
