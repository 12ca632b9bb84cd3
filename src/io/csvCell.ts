/**
 * One CSV cell as RFC 4180 writes it: quoted when it holds a quote, a comma or a line break, with
 * quotes doubled.
 *
 * @example csvCell('a,b') // => '"a,b"'
 */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
