/**
 * bench/ingest: threat reports of 1,000 attributes each (realistic type mix) imported into a
 * fresh SQLite database through the real import path (parse, validate, store, one transaction
 * per input), next to the raw better-sqlite3 insert rate of the same attribute rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { importInputs } from '../src/core/import.ts';
import { parseThreatReport } from '../src/formats/threat-report/index.ts';
import { openDb } from '../src/storage/index.ts';
import { splitValue } from '../src/model/index.ts';
import { pickAttribute, rng } from './gen/attributes.ts';
import type { Bench } from './lib.ts';

// CAIRN_BENCH_INGEST_EVENTS scales the run down for a quick look; the figure is set at 200.
const EVENTS = Number(process.env["CAIRN_BENCH_INGEST_EVENTS"] ?? 200);
const PER_EVENT = 1000;

function makeReports(): { source: string; text: string }[] {
  const r = rng(42);
  const out = [];
  for (let e = 0; e < EVENTS; e++) {
    const byCat = new Map<string, string[]>();
    for (let i = 0; i < PER_EVENT; i++) {
      const [cat, type, value] = pickAttribute(r, i);
      const list = byCat.get(cat) ?? [];
      list.push(`* ${type}: ${value}${i % 3 === 0 ? ` — seen in campaign ${e}` : ''}`);
      byCat.set(cat, list);
    }
    const day = String(1 + (e % 28)).padStart(2, '0');
    const body = [...byCat].map(([c, lines]) => `### ${c}\n${lines.join('\n')}`).join('\n\n');
    out.push({
      source: `gen-${e}.md`,
      text: `# Threat Report: 2024-02-${day}: Generated campaign ${e}\n\n\n## Key Intelligence\n* Date: 2024-02-${day}\n* Threat Level: 2 (Medium)\n* Tags: tlp:green\n\n---\n\n## Indicators of Compromise (IOCs)\n${body}\n`,
    });
  }
  return out;
}

export const ingestBench: Bench = {
  name: 'ingest',
  description: `${EVENTS} threat reports x ${PER_EVENT} attributes imported into SQLite (parse, validate, store, correlate) vs raw better-sqlite3 inserts of the same rows`,
  async run() {
    const reports = makeReports();
    const total = EVENTS * PER_EVENT;
    const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-ingest-'));
    try {
      // Cairn: the real import path.
      const db = await openDb(join(dir, 'cairn.sqlite'));
      const t0 = performance.now();
      const summary = await importInputs(db, reports);
      const cairnMs = performance.now() - t0;
      await db.close();
      if (summary.created !== EVENTS) throw new Error(`expected ${EVENTS} events created, got ${summary.created}`);

      // Baseline: the same attribute rows through one prepared better-sqlite3 statement,
      // one transaction per event, into the same schema.
      const rows = reports.flatMap((rep, e) =>
        parseThreatReport(rep.text, { source: rep.source, now: 0 }).events[0]!.attributes.map((a) => ({ ...a, e: e + 1 })),
      );
      const base = await openDb(join(dir, 'raw.sqlite'));
      await base.close();
      const raw = new SQLite(join(dir, 'raw.sqlite'));
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      raw.pragma('foreign_keys = OFF');
      const insEvent = raw.prepare("insert into events (id, uuid, info, date, threat_level, analysis, distribution, published, timestamp, publish_timestamp) values (?, ?, 'x', '2024-01-01', 1, 0, 0, 0, 0, 0)");
      const ins = raw.prepare(
        'insert into attributes (uuid, event_id, category, type, value, value1, value2, to_ids, comment, distribution, timestamp, deleted, disable_correlation, redacted) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)',
      );
      const t1 = performance.now();
      for (let e = 0; e < EVENTS; e++) {
        raw.transaction(() => {
          insEvent.run(e + 1, `e-${e}`);
          for (let i = e * PER_EVENT; i < (e + 1) * PER_EVENT; i++) {
            const a = rows[i]!;
            const [v1, v2] = splitValue(a.type, a.value);
            ins.run(a.uuid, a.e, a.category, a.type, a.value, v1, v2, a.toIds ? 1 : 0, a.comment, a.distribution, a.timestamp);
          }
        })();
      }
      const rawMs = performance.now() - t1;
      raw.close();

      const cairnRate = total / (cairnMs / 1000);
      const rawRate = total / (rawMs / 1000);
      return {
        name: 'ingest',
        rows: [
          {
            metric: 'import (attributes/s)',
            value: cairnRate,
            baseline: rawRate,
            baselineName: 'raw better-sqlite3 insert of the same rows',
            goal: '>= 100,000/s and >= 40% of raw',
            met: cairnRate >= 100_000 && cairnRate >= 0.4 * rawRate,
          },
        ],
        notes: [`${total.toLocaleString('en-US')} attributes; Cairn ${Math.round(cairnMs)} ms, raw ${Math.round(rawMs)} ms`],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
