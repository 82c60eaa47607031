// The dashboard's place in the URL (?view=dashboard, with the map's district and zone filter as its
// scope), so a link reopens it. Kept apart from the screen itself, which loads only when opened.

export function dashboardInLink(search: string): boolean {
  return new URLSearchParams(search).get('view') === 'dashboard';
}

/** `search` with the dashboard marked open or closed; every other parameter is kept. */
export function withDashboard(search: string, open: boolean): string {
  const params = new URLSearchParams(search);
  if (open) params.set('view', 'dashboard');
  else params.delete('view');
  const text = params.toString().replaceAll('%2F', '/').replaceAll('%2C', ',').replaceAll('%3B', ';');
  return text ? `?${text}` : '';
}
