// Entry point of the investor view (/invest): a page of its own, light enough for a phone on a slow
// connection — no map code until a page has shown its content (features/invest/invest-map-loader.tsx).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { InvestApp } from './features/invest/invest-app.tsx';
import { initI18n, isLanguage, setLanguage } from './i18n/index.ts';
import './styles/app.css';
import './features/invest/invest.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 5 * 60_000, retry: 2, refetchOnWindowFocus: false },
  },
});

await initI18n();
// A shared link can name its language (?lang=en); it wins over the visitor's last choice.
const linked = new URLSearchParams(window.location.search).get('lang');
if (isLanguage(linked)) await setLanguage(linked);

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from invest.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <InvestApp />
    </QueryClientProvider>
  </StrictMode>,
);
