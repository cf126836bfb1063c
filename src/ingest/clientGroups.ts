/**
 * Client groups: the Primary Support Reason (PSR) categories of the national returns (SALT, then
 * Client Level Data), the legacy client groups of older exports, and the aliases councils write for
 * them. Labels that name only a PSR's parent ("Physical disability", "Sensory impairment") map to
 * the parent, not to a guessed sub-category.
 */
import { RasgapError } from '../errors.js';

/** The canonical labels, in the order reports list them. */
export const CANONICAL_CLIENT_GROUPS = [
  'Physical Support: Access & mobility only',
  'Physical Support: Personal care support',
  'Physical Support',
  'Sensory Support: Support for visual impairment',
  'Sensory Support: Support for hearing impairment',
  'Sensory Support: Support for dual impairment',
  'Sensory Support',
  'Support with Memory & Cognition',
  'Learning Disability Support',
  'Mental Health Support',
  'Social Support: Substance misuse support',
  'Social Support: Asylum seeker support',
  'Social Support: Support for Social Isolation/Other',
  'Social Support: Support to Carer',
  'Social Support',
  'Older people (legacy, age-based)',
  'Unknown',
] as const;
export type CanonicalClientGroup = (typeof CANONICAL_CLIENT_GROUPS)[number];

/** Aliases by canonical label; matched after `clientGroupKey` folding. */
const ALIASES: Record<CanonicalClientGroup, readonly string[]> = {
  'Physical Support: Access & mobility only': [
    'Physical Support - Access and mobility only',
    'Access and mobility only',
    'Access & mobility',
    'Access and mobility',
    'PS: Access & mobility only',
  ],
  'Physical Support: Personal care support': [
    'Physical Support - Personal care support',
    'Personal care support',
    'Personal care',
    'PS: Personal care support',
  ],
  'Physical Support': [
    'Physical Support',
    'Physical disability',
    'Physical Disability',
    'Physical disability, frailty and sensory impairment',
    'Physical disability frailty and sensory impairment',
    'Physical and sensory disability',
    'Physical and sensory impairment',
    'Frailty',
    'Frail elderly',
    'PD',
    'PSD',
  ],
  'Sensory Support: Support for visual impairment': [
    'Sensory Support - Support for visual impairment',
    'Support for visual impairment',
    'Visual impairment',
    'Sight impairment',
    'VI',
  ],
  'Sensory Support: Support for hearing impairment': [
    'Sensory Support - Support for hearing impairment',
    'Support for hearing impairment',
    'Hearing impairment',
    'HI',
  ],
  'Sensory Support: Support for dual impairment': [
    'Sensory Support - Support for dual impairment',
    'Support for dual impairment',
    'Dual sensory impairment',
    'Dual impairment',
    'Deafblind',
  ],
  'Sensory Support': ['Sensory Support', 'Sensory impairment', 'Sensory disability', 'SI'],
  'Support with Memory & Cognition': [
    'Support with Memory and Cognition',
    'Memory and Cognition',
    'Memory & Cognition',
    'Dementia',
    'Cognitive impairment',
    'SMC',
  ],
  'Learning Disability Support': [
    'Learning Disability',
    'Learning Disabilities',
    'Learning disability support',
    'LD',
    'LDS',
  ],
  'Mental Health Support': ['Mental Health', 'Mental health needs', 'Mental ill health', 'MH'],
  'Social Support: Substance misuse support': [
    'Social Support - Substance misuse support',
    'Substance misuse support',
    'Substance misuse',
    'Substance Misuse',
    'Drug and alcohol',
    'Drugs and alcohol',
    'Alcohol and drug misuse',
    'SM',
  ],
  'Social Support: Asylum seeker support': [
    'Social Support - Asylum seeker support',
    'Asylum seeker support',
    'Asylum seekers',
    'Asylum seeker',
  ],
  'Social Support: Support for Social Isolation/Other': [
    'Social Support - Support for Social Isolation/Other',
    'Support for Social Isolation/Other',
    'Social Isolation/Other',
    'Social isolation',
    'Social Support: Support for Social Isolation or Other',
  ],
  'Social Support: Support to Carer': [
    'Social Support - Support to Carer',
    'Support to Carer',
    'Support to carers',
    'Carer support',
    'Carer',
    'Carers',
  ],
  'Social Support': [
    'Social Support',
    'Vulnerable people',
    'Vulnerable adults',
    'Other vulnerable people',
  ],
  'Older people (legacy, age-based)': [
    'Older people',
    'Older person',
    'Older adults',
    'Elderly',
    'OP',
  ],
  Unknown: ['Unknown', 'Not known', 'Not recorded', 'Missing', 'None', 'Unknown (CLD)'],
};

/**
 * A label folded for matching: lower case, `&` as `and`, punctuation and spaces dropped.
 *
 * @example
 * clientGroupKey('Support with Memory & Cognition') === clientGroupKey('support with memory and cognition')
 */
export function clientGroupKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]/g, '');
}

const aliasIndex: Map<string, CanonicalClientGroup> = (() => {
  const index = new Map<string, CanonicalClientGroup>();
  for (const canonical of CANONICAL_CLIENT_GROUPS) {
    index.set(clientGroupKey(canonical), canonical);
    for (const alias of ALIASES[canonical]) index.set(clientGroupKey(alias), canonical);
  }
  return index;
})();

/** A council's own labels mapped to canonical (or any) labels, from `--group-map`. */
export type GroupMap = Record<string, string>;

/**
 * The canonical label for a client group as written, or null when it is not known. A group map
 * is consulted first (exact label, then folded).
 *
 * @example
 * canonicalClientGroup('LD')       // 'Learning Disability Support'
 * canonicalClientGroup('Dementia') // 'Support with Memory & Cognition'
 * canonicalClientGroup('Team A')   // null
 */
export function canonicalClientGroup(label: string, groupMap: GroupMap = {}): string | null {
  const trimmed = label.trim();
  if (trimmed === '') return 'Unknown';
  const index = groupMapIndex(groupMap);
  const mapped = index.exact.get(trimmed) ?? index.folded.get(clientGroupKey(trimmed));
  if (mapped !== undefined) return aliasIndex.get(clientGroupKey(mapped)) ?? mapped.trim();
  return aliasIndex.get(clientGroupKey(trimmed)) ?? null;
}

/**
 * A group map's entries in Maps, each key normalised once, so that looking up every label costs
 * labels + entries rather than labels x entries, and a label such as "constructor" or
 * "__proto__" is looked up as text (only the map's own entries count). The first entry of a
 * folded key wins, as the linear search it replaces did.
 */
interface GroupMapIndex {
  exact: Map<string, string>;
  folded: Map<string, string>;
}

const groupMapIndexes = new WeakMap<GroupMap, GroupMapIndex>();

function groupMapIndex(groupMap: GroupMap): GroupMapIndex {
  let index = groupMapIndexes.get(groupMap);
  if (index === undefined) {
    index = { exact: new Map(), folded: new Map() };
    for (const [from, to] of Object.entries(groupMap)) {
      if (typeof to !== 'string') continue;
      if (!index.exact.has(from)) index.exact.set(from, to);
      const key = clientGroupKey(from);
      if (!index.folded.has(key)) index.folded.set(key, to);
    }
    groupMapIndexes.set(groupMap, index);
  }
  return index;
}

/** Order for reports: canonical labels in taxonomy order, then others alphabetically, Unknown last. */
export function compareClientGroups(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'Unknown') return 1;
  if (b === 'Unknown') return -1;
  const rankA = (CANONICAL_CLIENT_GROUPS as readonly string[]).indexOf(a);
  const rankB = (CANONICAL_CLIENT_GROUPS as readonly string[]).indexOf(b);
  if (rankA >= 0 && rankB >= 0) return rankA - rankB;
  if (rankA >= 0) return -1;
  if (rankB >= 0) return 1;
  return a < b ? -1 : 1;
}

/**
 * Parses a `--group-map` file's text: a JSON object `{ "Council label": "Canonical label" }` or a
 * two-column CSV (header optional: `from,to`).
 */
export async function parseGroupMap(text: string, file: string): Promise<GroupMap> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new RasgapError(
        'USAGE',
        `the group map is not valid JSON (${(error as Error).message})`,
        {
          file,
          fix: 'write it as {"Council label": "Learning Disability Support", ...}',
        },
      );
    }
    // No prototype: a label such as "__proto__" or "constructor" is an entry like any other.
    const map: GroupMap = Object.create(null) as GroupMap;
    for (const [from, to] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof to !== 'string') {
        throw new RasgapError('USAGE', `the group map gives "${from}" a value that is not text`, {
          file,
          fix: 'map each label to a label in quotes',
        });
      }
      map[from.trim()] = to;
    }
    return map;
  }
  // Loaded here, not at start-up: only a CSV group map needs it (about 10 ms to load).
  const { parse } = await import('csv-parse/sync');
  let rows: string[][];
  try {
    rows = parse(trimmed, { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new RasgapError('USAGE', `the group map is not valid CSV (${(error as Error).message})`, {
      file,
      fix: 'write one "council label,canonical label" pair per line',
    });
  }
  const map: GroupMap = Object.create(null) as GroupMap;
  rows.forEach((cells, index) => {
    if (cells.length !== 2) {
      throw new RasgapError('USAGE', `the group map needs two columns, found ${cells.length}`, {
        file,
        line: index + 1,
        fix: 'write one "council label,canonical label" pair per line',
      });
    }
    // A header row ("Team Category,canonical") would otherwise map a label nobody has to a
    // target nobody wants; a first row whose second cell is a taxonomy label is a real mapping.
    if (index === 0 && isMapHeader(cells[0], cells[1])) return;
    map[cells[0]] = cells[1];
  });
  return map;
}

/** Words a group map's header row uses, e.g. `Team Category,canonical` or `from,to`. */
const MAP_HEADER_WORDS =
  /^(from|to|labels?|council labels?|source|target|canonical( labels?| groups?)?|maps? to|mapped to|mapping|new|psr|primary support reason|client (group|category)|(team |service )?(category|group)|client groups?)$/i;

function isMapHeader(from: string, to: string): boolean {
  if (aliasIndex.has(clientGroupKey(to))) return false;
  return MAP_HEADER_WORDS.test(to.trim()) || /^(from|label|council label|source)$/i.test(from);
}

/**
 * Group-map targets that are not a taxonomy label (nor a known alias of one): such a target is
 * kept as a group of its own, which splits a group when it is a typo. One warning per target,
 * naming the closest canonical label.
 *
 * @example
 * groupMapWarnings({ LD: 'Learning Disabilty Support' })
 * // ['the group map sends "LD" to "Learning Disabilty Support", which is not a client group in the taxonomy (closest: "Learning Disability Support"); ...']
 */
export function groupMapWarnings(groupMap: GroupMap): string[] {
  const byTarget = new Map<string, string[]>();
  for (const [from, to] of Object.entries(groupMap)) {
    if (aliasIndex.has(clientGroupKey(to))) continue;
    const target = to.trim();
    byTarget.set(target, [...(byTarget.get(target) ?? []), from]);
  }
  return [...byTarget].map(([target, froms]) => {
    const labels = froms.map((from) => `"${from}"`).join(', ');
    return `the group map sends ${labels} to "${target}", which is not a client group in the taxonomy (closest: "${closestCanonical(target)}"); it is kept as a group of its own: if that was not meant, correct the map`;
  });
}

/** The canonical label whose name or alias is nearest in edit distance (folded). */
export function closestCanonical(label: string): CanonicalClientGroup {
  // Beyond a few times the longest alias, more characters cannot bring a label closer to one:
  // compare the first ones only, so that a megabyte of text costs no more than a label.
  const key = clientGroupKey(label).slice(0, 4 * LONGEST_ALIAS);
  let best: CanonicalClientGroup = 'Unknown';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [alias, canonical] of aliasIndex) {
    const longer = Math.max(key.length, alias.length, 1);
    // The edit distance is at least the difference in length: skip what cannot do better.
    if (Math.abs(key.length - alias.length) / longer >= bestDistance) continue;
    // Relative distance, so that a short code is not "close" to every short typo.
    const distance = editDistance(key, alias) / longer;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = canonical;
    }
  }
  return best;
}

const LONGEST_ALIAS = Math.max(...[...aliasIndex.keys()].map((alias) => alias.length));

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
