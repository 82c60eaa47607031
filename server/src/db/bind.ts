// Parameter placeholders for SQL built from optional parts: each value goes into `values` and its
// `$n` goes into the text, so filters are always bound, never spliced in.
export function binder(values: unknown[]): (value: unknown) => string {
  return (value) => {
    values.push(value);
    return `$${values.length}`;
  };
}
