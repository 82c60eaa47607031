// Number formatting in the current language.
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(language: string, value: number, maximumFractionDigits = 0): string {
  const key = `${language}|${maximumFractionDigits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(language, { maximumFractionDigits, minimumFractionDigits: 0 });
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}
