/**
 * A moment's calendar date on this machine's clock ("2026-12-05"): what the desk calls today. At 9 pm in
 * California the UTC date is already tomorrow's, so file names and printed dates never take it.
 */
export function localDateStamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
