// Types i18next's t() against the zh-CN catalogue, so an unknown key fails the build.
import 'i18next';
import type { zhCN } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
