/** Checks the JSON Schemas cannot express: is this a phone number, a language code, a real date? */

/** A number a person can dial: 3 (211, 911) to 15 (E.164) digits, with the usual punctuation and an extension. */
export function phoneProblem(value: string): string | null {
  const main = value.replace(/\s*(ext\.?|extension|x)\s*\d+\s*$/i, '');
  if (/[^\d\s()+.\-/]/.test(main)) return `"${value}" is not a phone number (only digits, spaces and + ( ) - . are expected)`;
  const digits = main.replace(/\D/g, '').length;
  if (digits < 3 || digits > 15) return `"${value}" has ${digits} digits; a phone number has 3 to 15`;
  return null;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** ISO 639-1 or 639-3, optionally with a region or script (BCP 47 style). */
export function languageCodeProblem(code: string): { level: 'error' | 'warning'; message: string } | null {
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(code)) return { level: 'error', message: `"${code}" is not a language code (expected ISO 639, like "es" or "tgl")` };
  const base = code.split('-')[0]!.toLowerCase();
  if (languageNames.of(base) === base) return { level: 'warning', message: `"${code}" is not a language code this app recognises` };
  return null;
}

/** Names directories use that ICU files under another name (it calls tl "Filipino", zh "Chinese" only with a script). */
const NAME_ALIASES: Record<string, string> = { tagalog: 'tl', filipino: 'tl', chinese: 'zh', mandarin: 'zh', cantonese: 'yue', farsi: 'fa', 'haitian creole': 'ht' };

/** English language name -> ISO 639-1 code, for older formats that list languages by name. */
let byName: Map<string, string> | null = null;
export function languageCodeForName(name: string): string | null {
  if (!byName) {
    byName = new Map();
    for (let a = 97; a <= 122; a++) {
      for (let b = 97; b <= 122; b++) {
        const code = String.fromCharCode(a, b);
        const n = languageNames.of(code);
        if (n && n !== code) byName.set(n.toLowerCase(), code);
      }
    }
  }
  const key = name.trim().toLowerCase().replace(/\s*\(.*\)\s*$/, '');
  return byName.get(key) ?? NAME_ALIASES[key] ?? null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/;

function realDate(y: string, m: string, d: string): boolean {
  const dt = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return dt.getUTCFullYear() === Number(y) && dt.getUTCMonth() === Number(m) - 1 && dt.getUTCDate() === Number(d);
}

/** `kind` is the schema's datapackage_type: date, datetime or time. A date-time is accepted where a date is asked. */
export function dateProblem(value: string, kind: string): string | null {
  if (kind === 'time') return TIME.test(value) ? null : `"${value}" is not a time (expected HH:MM)`;
  const m = DATE.exec(value) ?? DATE_TIME.exec(value);
  if (!m || (kind === 'datetime' && !DATE_TIME.test(value) && !DATE.test(value))) return `"${value}" is not a date (expected YYYY-MM-DD)`;
  return realDate(m[1]!, m[2]!, m[3]!) ? null : `"${value}" is not a real calendar date`;
}
