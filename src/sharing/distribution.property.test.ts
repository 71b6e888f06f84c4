import fc from 'fast-check';
import { expect, it } from 'vitest';
import { oracleAttribute, oracleEvent, type OWorld } from '../../test/sharing-oracle.ts';
import { canSeeEvent, canSeeItem } from './distribution.ts';
import { filterEvent } from './filter-event.ts';
import { makeViewer } from './viewer.ts';
import type { Event } from '../model/index.ts';

const ORGS = [1, 2, 3, 4];
const world = fc.record({
  orgs: fc.constant(ORGS.map((key) => ({ key, local: key !== 4 }))),
  groups: fc.array(fc.record({ owner: fc.constantFrom(...ORGS), members: fc.subarray(ORGS), allLocal: fc.boolean() }), { maxLength: 3 }).map((gs) => gs.map((g, i) => ({ ...g, key: `00000000-0000-4000-8000-00000000000${i}` }))),
});
const sgOf = (w: OWorld) => fc.option(fc.constantFrom(...['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000009']), { nil: null }).map((sg) => (sg && w.groups.length ? sg : sg));
const item = (w: OWorld, maxDist: number) => fc.record({ dist: fc.integer({ min: 0, max: maxDist }), sg: sgOf(w) });

it('the pure rules agree with the oracle on 10,000 random viewers, events, objects and attributes', () => {
  const authorised = (w: OWorld, org: number) => w.groups.filter((g) => g.owner === org || g.members.includes(org) || (g.allLocal && org !== 4)).map((g) => g.key);
  fc.assert(
    fc.property(
      world.chain((w) =>
        fc.record({
          w: fc.constant(w as OWorld),
          viewer: fc.record({ org: fc.constantFrom(...ORGS), admin: fc.boolean(), unpublishedPrivate: fc.boolean() }),
          event: fc.record({ owner: fc.constantFrom(...ORGS), published: fc.boolean(), dist: fc.integer({ min: 0, max: 4 }), sg: sgOf(w) }),
          obj: fc.option(item(w, 5), { nil: null }),
          attr: item(w, 5),
        }),
      ),
      ({ w, viewer, event, obj, attr }) => {
        const v = makeViewer({ userId: 1, orgId: viewer.org, role: viewer.admin ? 'admin' : 'user', sharingGroups: authorised(w, viewer.org), unpublishedPrivate: viewer.unpublishedPrivate });
        const e = { orgId: event.owner, distribution: event.dist, sharingGroupUuid: event.sg, published: event.published };
        expect(canSeeEvent(v, e)).toBe(oracleEvent(w, viewer, event));
        const toItem = (x: { dist: number; sg: string | null }) => ({ distribution: x.dist, sharingGroupUuid: x.sg });
        expect(canSeeItem(v, e, toItem(attr), obj ? toItem(obj) : null)).toBe(oracleAttribute(w, viewer, event, obj, attr));
        // filterEvent, the in-memory read path, keeps exactly the attributes the oracle allows.
        const a = { uuid: 'aaaaaaaa-0000-4000-8000-000000000001', category: 'Other', type: 'text', value: 'x', toIds: false, comment: '', distribution: attr.dist, ...(attr.sg ? { sharingGroupUuid: attr.sg } : {}), timestamp: 1, deleted: false, disableCorrelation: false, redacted: false, tags: [], sightings: [] } as Event['attributes'][number];
        const ev = {
          uuid: 'eeeeeeee-0000-4000-8000-000000000001', info: 'e', date: '2024-01-01', threatLevel: 1, analysis: 0, distribution: event.dist, ...(event.sg ? { sharingGroupUuid: event.sg } : {}),
          published: event.published, timestamp: 1, publishTimestamp: 0, disableCorrelation: false, extendsUuid: '', tags: [], galaxies: [], reports: [], proposals: [],
          attributes: obj ? [] : [a],
          objects: obj ? [{ uuid: 'bbbbbbbb-0000-4000-8000-000000000001', name: 'o', metaCategory: '', description: '', templateUuid: '', templateVersion: '', comment: '', distribution: obj.dist, ...(obj.sg ? { sharingGroupUuid: obj.sg } : {}), timestamp: 1, deleted: false, attributes: [a], references: [] }] : [],
        } as Event;
        const f = filterEvent(v, ev, event.owner);
        const seen = f ? [...f.attributes, ...f.objects.flatMap((o) => o.attributes)].length : 0;
        expect(seen).toBe(oracleAttribute(w, viewer, event, obj, attr) ? 1 : 0);
      },
    ),
    { numRuns: 10_000 },
  );
});
