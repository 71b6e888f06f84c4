/**
 * An independent oracle of MISP's distribution rules, written from MISP's documentation and
 * Event::createEventConditions / fetchEvent, deliberately without using src/sharing.
 */
export interface OWorld {
  readonly orgs: readonly { readonly key: number; readonly local: boolean }[];
  readonly groups: readonly { readonly key: string; readonly owner: number; readonly members: readonly number[]; readonly allLocal: boolean }[];
}
export interface OViewer { readonly org: number; readonly admin: boolean; readonly unpublishedPrivate: boolean }
export interface OItem { readonly dist: number; readonly sg: string | null }
export interface OEvent extends OItem { readonly owner: number; readonly published: boolean }

function inGroup(w: OWorld, sg: string | null, org: number): boolean {
  const g = w.groups.find((x) => x.key === sg);
  if (!g) return false;
  if (g.owner === org || g.members.includes(org)) return true;
  return g.allLocal && (w.orgs.find((o) => o.key === org)?.local ?? false);
}

export function oracleEvent(w: OWorld, v: OViewer, e: OEvent): boolean {
  if (v.admin || e.owner === v.org) return true;
  if (v.unpublishedPrivate && !e.published) return false;
  switch (e.dist) {
    case 1: case 2: case 3: return true;
    case 4: return inGroup(w, e.sg, v.org);
    default: return false;
  }
}

function oracleOwn(w: OWorld, v: OViewer, x: OItem): boolean {
  if (x.dist === 0) return false;
  if (x.dist === 4) return inGroup(w, x.sg, v.org);
  return true; // 1, 2, 3, and 5 = as the event
}

export function oracleAttribute(w: OWorld, v: OViewer, e: OEvent, obj: OItem | null, a: OItem): boolean {
  if (!oracleEvent(w, v, e)) return false;
  if (v.admin || e.owner === v.org) return true;
  return (obj === null || oracleOwn(w, v, obj)) && oracleOwn(w, v, a);
}
