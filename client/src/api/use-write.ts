// Every change the client makes: afterwards the lists, figures and panels are asked again, and the
// map redraws its data tiles (a status change recolours a plot; the ETags make unchanged tiles 304s).
import { useMutation, useQueryClient } from '@tanstack/react-query';

const DATA_SOURCES = ['plots', 'parcels', 'control-lines'];

export function useWrite<T, R = unknown>(run: (input: T) => Promise<R>, onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries();
      const map = window.__landAtlasMap;
      for (const id of DATA_SOURCES) if (map?.getSource(id)) map.refreshTiles(id);
      onDone?.();
    },
  });
}
