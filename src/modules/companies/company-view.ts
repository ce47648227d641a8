import type { Company } from './entities/company.entity.js';
import { roundKindLabel, type DerivedProcess } from './process.js';

/** The public face of a company for pages and the JSON API; never includes who created it. */
export interface CompanyProfile {
  name: string;
  slug: string;
  industry: string | null;
  /** Only http(s) addresses are linked; anything else would be a script or a local file. */
  website: string | null;
  websiteHost: string | null;
  description: string | null;
}

export function safeWebsite(value: string | null): { url: string; host: string } | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { url: url.toString(), host: url.host.replace(/^www\./, '') };
  } catch {
    return null;
  }
}

export function companyProfile(company: Company): CompanyProfile {
  const site = safeWebsite(company.website);
  return {
    name: company.name,
    slug: company.slug,
    industry: company.industry,
    website: site?.url ?? null,
    websiteHost: site?.host ?? null,
    description: company.description,
  };
}

/** The typical process shaped for the page: labels, whole-number percentages for bars and text. */
export interface ProcessView {
  total: number;
  /** The most common sequence is worth headlining only when it repeats. */
  hasCommon: boolean;
  common: { steps: string[]; count: number; pct: number } | null;
  usual: string[];
  positions: Array<{ position: number; reached: number; reachedPct: number; kinds: Array<{ kind: string; label: string; count: number; pct: number }> }>;
}

const pct = (share: number) => Math.round(share * 100);

export function processView(process: DerivedProcess): ProcessView {
  return {
    total: process.total,
    hasCommon: process.common !== null && (process.common.count >= 2 || process.total === 1),
    common: process.common ? { steps: process.common.sequence.map(roundKindLabel), count: process.common.count, pct: pct(process.common.share) } : null,
    usual: process.usual.map(roundKindLabel),
    positions: process.positions.map((p) => ({
      position: p.position,
      reached: p.reached,
      reachedPct: pct(p.reachedShare),
      kinds: p.kinds.map((k) => ({ kind: k.kind, label: roundKindLabel(k.kind), count: k.count, pct: pct(k.share) })),
    })),
  };
}
