import { Hono } from 'hono';
import { CairnError } from '../../../errors.ts';
import { MISP_ROLE_NAMES, PERMISSIONS, ROLE_IDS, attributeVisible, eventVisible, type Role } from '../../../sharing/index.ts';
import { findUser, instanceUuid, listFeeds, listTags } from '../../../storage/index.ts';
import { principalOf } from '../../../core/tenancy.ts';
import { listTaxonomies, listWarninglists } from '../../../correlate/index.ts';
import type { RouteContext } from '../../context.ts';
import type { AppEnv } from '../../env.ts';

/** The MISP version Cairn's API follows, and the PyMISP it is tested against. */
export const MISP_API_VERSION = '2.5.0';
export const PYMISP_RECOMMENDED = '2.5.0';

/** MISP's Role record for one of Cairn's roles. */
export function mispRole(role: Role) {
  const p = PERMISSIONS[role];
  return {
    id: String(ROLE_IDS[role]), name: MISP_ROLE_NAMES[role], perm_add: p.modify, perm_modify: p.modify, perm_modify_org: p.modify, perm_publish: p.publish,
    perm_delegate: p.publish, perm_sync: p.sync, perm_admin: p.orgAdmin, perm_audit: p.orgAdmin, perm_full: p.siteAdmin, perm_auth: p.sync || p.orgAdmin,
    perm_site_admin: p.siteAdmin, perm_regexp_access: p.siteAdmin, perm_tagger: p.tag, perm_template: p.orgAdmin, perm_sharing_group: p.orgAdmin || p.sync,
    perm_tag_editor: p.siteAdmin, perm_sighting: p.sighting, perm_object_template: p.siteAdmin, default_role: role === 'user', memory_limit: '', max_execution_time: '',
    restricted_to_site_admin: false, perm_publish_zmq: p.publish, perm_publish_kafka: p.publish, perm_decaying: p.modify, enforce_rate_limit: false, rate_limit_count: '0',
    perm_galaxy_editor: p.orgAdmin, perm_warninglist: p.siteAdmin, perm_view_feed_correlations: true, perm_analyst_data: p.modify, permission: p.modify ? '3' : '0',
    permission_description: p.modify ? 'read/write' : 'read',
  };
}

/** /servers/getVersion, /servers/getPyMISPVersion, /users/view/me, and the list indexes of tags, feeds, warninglists, taxonomies. */
export function instanceRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { guard } = ctx;
  const db = ctx.db.kysely;

  let uuid: Promise<string> | undefined;
  app.get('/servers/getVersion', guard('GET', '/servers/getVersion'), async (c) => {
    const p = PERMISSIONS[c.get('principal').role];
    uuid ??= instanceUuid(db).catch((e: unknown) => {
      uuid = undefined;
      throw e;
    });
    return c.json({
      version: MISP_API_VERSION, pymisp_recommended_version: PYMISP_RECOMMENDED, perm_sync: p.sync, perm_sighting: p.sighting, perm_galaxy_editor: p.orgAdmin,
      perm_analyst_data: p.modify, uuid: await uuid, request_encoding: [], filter_sightings: true,
    });
  });
  app.get('/servers/getPyMISPVersion', guard('GET', '/servers/getPyMISPVersion'), (c) => c.json({ version: PYMISP_RECOMMENDED }));

  app.get('/users/view/:id', guard('GET', '/users/view/:id'), async (c) => {
    const me = c.get('principal');
    const id = c.req.param('id');
    let p = me;
    if (id !== 'me') {
      const u = /^\d+$/.test(id) ? await findUser(db, Number(id)) : undefined;
      if (!u || (u.id !== me.user.id && !me.viewer.perms.siteAdmin && !(me.viewer.perms.orgAdmin && u.orgId === me.org.id))) throw new CairnError('NOT_FOUND', 'Invalid user');
      p = await principalOf(db, u, null);
    }
    const u = p.user;
    return c.json({
      User: {
        id: String(u.id), org_id: String(u.orgId), server_id: '0', email: u.email, autoalert: false, invited_by: '0', gpgkey: null, certif_public: '', nids_sid: '0',
        termsaccepted: true, newsread: '0', role_id: String(u.roleId), change_pw: false, contactalert: false, disabled: u.disabled, expiration: null,
        current_login: String(u.lastLogin), last_login: String(u.lastLogin), last_api_access: String(u.lastLogin), force_logout: false, date_created: String(u.created),
        date_modified: String(u.created), last_pw_change: String(u.created),
      },
      Role: mispRole(p.role),
      UserSetting: [],
      Organisation: { id: String(p.org.id), name: p.org.name, uuid: p.org.uuid, local: p.org.local, description: p.org.description, type: p.org.type, nationality: p.org.nationality, sector: p.org.sector },
    });
  });

  app.get('/tags/index', guard('GET', '/tags/index'), async (c) => {
    // Counts are over what the caller may see, never the whole instance.
    const viewer = c.get('principal').viewer;
    const [tags, evCounts, attrCounts] = await Promise.all([
      listTags(db),
      db.selectFrom('event_tags').innerJoin('events', 'events.id', 'event_tags.event_id').select(['event_tags.tag_id', (eb) => eb.fn.countAll<number>().as('n')]).where(eventVisible(viewer)).groupBy('event_tags.tag_id').execute(),
      db.selectFrom('attribute_tags').innerJoin('attributes', 'attributes.id', 'attribute_tags.attribute_id').innerJoin('events', 'events.id', 'attributes.event_id').select(['attribute_tags.tag_id', (eb) => eb.fn.countAll<number>().as('n')]).where(attributeVisible(viewer)).groupBy('attribute_tags.tag_id').execute(),
    ]);
    const count = (rows: { tag_id: number; n: number }[], id: number) => Number(rows.find((r) => r.tag_id === id)?.n ?? 0);
    return c.json({
      Tag: tags.map((t) => ({
        id: String(t.id), name: t.name, colour: t.colour, exportable: true, org_id: '0', user_id: '0', hide_tag: false, numerical_value: null,
        is_galaxy: t.name.startsWith('misp-galaxy:'), is_custom_galaxy: false, local_only: false, count: count(evCounts, t.id), attribute_count: count(attrCounts, t.id), favourite: false,
      })),
    });
  });

  app.get('/feeds/index', guard('GET', '/feeds/index'), async (c) => {
    const feeds = await listFeeds(db);
    return c.json(
      feeds.map((f) => ({
        Feed: {
          id: String(f.id), name: f.name, provider: '', url: f.url, rules: '', enabled: true, distribution: '0', sharing_group_id: '0', tag_id: '0', default: false,
          source_format: f.format, fixed_event: false, delta_merge: false, event_id: '0', publish: false, override_ids: false, settings: JSON.stringify(f.options),
          input_source: /^https?:/i.test(f.url) ? 'network' : 'local', delete_local_file: false, lookup_visible: false, headers: '', caching_enabled: false, force_to_ids: false,
          orgc_id: '0', cache_timestamp: String(f.lastPulled ?? 0),
        },
      })),
    );
  });
  app.get('/warninglists/index', guard('GET', '/warninglists/index'), async (c) => {
    const lists = await listWarninglists(db);
    return c.json({
      Warninglists: lists.map((w, i) => ({
        Warninglist: { id: String(i + 1), name: w.name, type: w.type, description: w.description, version: String(w.version), enabled: w.enabled, default: w.source !== 'directory', category: 'false_positive', warninglist_entry_count: String(w.entries), valid_attributes: '' },
      })),
    });
  });
  // MISP's shape: a list of {Taxonomy, total_count (tags it defines), current_count (of those, tags that exist)}.
  app.get('/taxonomies/index', guard('GET', '/taxonomies/index'), async (c) =>
    c.json(
      (await listTaxonomies(db)).map((t, i) => ({
        Taxonomy: { id: String(i + 1), namespace: t.namespace, description: t.description, version: String(t.version), enabled: t.enabled, exclusive: t.exclusive, required: false, highlighted: false },
        total_count: t.tagCount,
        current_count: t.existingTagCount,
      })),
    ),
  );
  return app;
}
