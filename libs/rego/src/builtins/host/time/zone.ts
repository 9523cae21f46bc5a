/** A time zone: the UTC offset and abbreviation in effect at an instant. */
export interface TimeZone {
  name: string;
  offsetAt(epochSeconds: number): { offsetSeconds: number; abbreviation: string };
}

export const UTC: TimeZone = {
  name: 'UTC',
  offsetAt: () => ({ offsetSeconds: 0, abbreviation: 'UTC' }),
};

/** A zone with a constant offset, as parsed from `+02:00` (Go's FixedZone with an empty name). */
export function fixedZone(offsetSeconds: number, abbreviation = ''): TimeZone {
  return { name: abbreviation, offsetAt: () => ({ offsetSeconds, abbreviation }) };
}

class IanaZone implements TimeZone {
  private readonly parts: Intl.DateTimeFormat;
  private readonly names: Intl.DateTimeFormat;

  constructor(readonly name: string) {
    // Throws RangeError for an unknown zone; the caller turns that into Go's message.
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    this.names = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'short' });
  }

  offsetAt(epochSeconds: number): { offsetSeconds: number; abbreviation: string } {
    // Intl works on milliseconds within ±8.64e15; clamp so far instants use the nearest rule.
    const clamped = Math.max(-8.64e15, Math.min(8.64e15, epochSeconds * 1000));
    const instant = Math.floor(clamped / 1000) * 1000;
    const date = new Date(instant);
    const fields: Record<string, string> = {};
    for (const part of this.parts.formatToParts(date)) fields[part.type] = part.value;
    const year =
      fields.era === 'BC' || fields.era === 'B' ? 1 - Number(fields.year) : Number(fields.year);
    const month = Number(fields.month) - 1;
    const day = Number(fields.day);
    const wall = new Date(
      Date.UTC(2000, month, day, Number(fields.hour), Number(fields.minute), Number(fields.second)),
    );
    // Date.UTC maps years 0-99 to 19xx; set the real year afterwards.
    wall.setUTCFullYear(year, month, day);
    const offsetSeconds = Math.round((wall.getTime() - instant) / 1000);
    const named =
      this.names.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
    return { offsetSeconds, abbreviation: abbreviationFor(named, offsetSeconds) };
  }
}

/** Go prints `+03` style names for zones without a letter abbreviation; Intl says `GMT+3`. */
function abbreviationFor(intlName: string, offsetSeconds: number): string {
  if (/^[A-Z]{2,5}$/.test(intlName) && intlName !== 'GMT') return intlName;
  if (offsetSeconds === 0) return intlName === 'GMT' ? 'GMT' : 'UTC';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const minutes = Math.abs(offsetSeconds) / 60;
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  const rest = minutes % 60;
  return `${sign}${hours}${rest ? String(rest).padStart(2, '0') : ''}`;
}

const zones = new Map<string, TimeZone>();

/** Go's time.LoadLocation: "" and "UTC" are UTC, "Local" the process zone, else an IANA name. */
export function loadZone(name: string): TimeZone {
  if (name === '' || name === 'UTC') return UTC;
  const ianaName = name === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : name;
  let zone = zones.get(ianaName);
  if (!zone) {
    try {
      zone = new IanaZone(ianaName);
    } catch {
      throw new Error(`unknown time zone ${name}`);
    }
    zones.set(ianaName, zone);
  }
  return zone;
}
