/** A date from file metadata as ISO-8601, or undefined when it is not a usable date. Accepts Date, epoch seconds/ms, ISO and ENEX/PDF compact forms. */
export function parseDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    // seconds (ChatGPT) below ~year 5138, else milliseconds
    return isoOrUndefined(new Date(value < 1e11 ? value * 1000 : value));
  }
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  // ENEX: 20200131T120000Z; PDF: D:20200131120000Z or D:20200131120000+01'00'
  const compact = /^(?:D:)?(\d{4})(\d{2})(\d{2})T?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?$/.exec(text);
  if (compact) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = compact;
    const offset = !zone || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
    return isoOrUndefined(new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`));
  }
  return isoOrUndefined(new Date(text));
}

function isoOrUndefined(date: Date): string | undefined {
  const time = date.getTime();
  return Number.isNaN(time) || time < Date.UTC(1900, 0, 1) ? undefined : date.toISOString();
}
