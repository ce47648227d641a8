/** Company names and slugs: how a typed name is tidied, compared and turned into a URL part. */

export const NAME_MAX = 120;
export const SLUG_MAX = 140;

/** Trims and collapses runs of whitespace, so "  Kestrel   Systems " is stored as "Kestrel Systems". */
export function normalizeCompanyName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The key two names are compared on: case and whitespace do not matter, so "Kestrel Systems",
 * "kestrel systems" and "KestrelSystems" are one company. The SQL side mirrors it with
 * LOWER(REPLACE(name, ' ', '')) — stored names are normalised, so spaces are the only whitespace.
 */
export function companyNameKey(name: string): string {
  return normalizeCompanyName(name).toLowerCase().replace(/\s+/g, '');
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // strip accents: "Nestlé" → "nestle"
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX - 8) // leaves room for a "-NNN" suffix
    .replace(/-+$/g, '');
  // A name in a non-Latin script leaves nothing usable; it still needs an address.
  return slug || 'company';
}

/** The base slug if free, else the first free "base-2", "base-3", … */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
