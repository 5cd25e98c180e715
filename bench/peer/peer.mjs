// The DuckDB peer of DESIGN §5: loads a journal, runs fold.sql + status.sql / alerts.sql, and writes
// the figures in the shape of `tovholder report status|alerts --format json`. Used by run.mjs and
// cases.mjs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const sqlOf = (name) => readFileSync(join(here, name), 'utf8');
const FOLD = sqlOf('fold.sql'), STATUS = sqlOf('status.sql'), ALERTS = sqlOf('alerts.sql'), LOAD = sqlOf('load.sql');

// The DESIGN §5 ids of the status report (the §9 allocation ids are not part of the peer).
export const IDS5 = ['homeless', 'homeless_under_25_share', 'street_sleepers', 'youth_in_shelter',
  'shelter_over_6_months', 'shelter_over_6_months_all', 'action_plan_offered', 'support_coverage',
  'release_without_housing', 'cti_over_9_months', 'housing_retention_12m', 'days_to_housing_median',
  'new_citizens_12m', 'caseload'];
export const RULES5 = ['cti_over_9_months', 'no_action_plan', 'release_without_housing',
  'returned_to_homelessness', 'shelter_over_6_months', 'street_sleeper', 'youth_in_shelter'];

const fill = (sql, p) => sql.replace(/\$\{(\w+)\}/g, (_, k) => {
  if (!(k in p)) throw new Error(`no parameter ${k}`);
  return String(p[k]).replace(/'/g, "''");
});
// Statements of a file (split at a ';' ending a line; comments stay with their statement).
const statements = (sql) => sql.split(/;[ \t]*$/m).map((s) => s.trim())
  .filter((s) => s.split('\n').some((l) => l.trim() && !l.trim().startsWith('--')));
// Named parts of a file: "-- @name" lines.
function parts(sql) {
  const out = {};
  let name = null;
  for (const line of sql.split('\n')) {
    const m = line.match(/^-- @(\w+)/);
    if (m) { name = m[1]; out[name] = ''; continue; }
    if (name) out[name] += line + '\n';
  }
  return out;
}

export async function open(threads) {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const conn = await instance.connect();
  return { instance, conn };
}

async function exec(conn, sql) {
  for (const s of statements(sql)) await conn.run(s);
}
async function rows(conn, sql) {
  const [s] = statements(sql);
  return (await conn.runAndReadAll(s)).getRowObjectsJson();
}

export async function load(conn, file) {
  await exec(conn, fill(LOAD, { FILE: file }));
  const [{ n }] = await rows(conn, 'SELECT count(*) AS n FROM j');
  return Number(n);
}

// T for DuckDB: a TIMESTAMP literal (UTC); a bare date is the end of that day; none is infinity.
export function knownAtLiteral(t) {
  if (!t) return 'infinity';
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `${t} 23:59:59.999`;
  return t.replace('T', ' ').replace(/Z$/, '');
}

function rate(n, d) {
  return { numerator: n, denominator: d, value: d === 0 ? null : n / d };
}
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

// `times`, when given, gets the milliseconds of the fold (fold.sql) and of the rest.
export async function status(conn, { asOf, knownAt, municipality }, times) {
  const p = { X: asOf, T: knownAtLiteral(knownAt) };
  const t0 = performance.now();
  await exec(conn, fill(FOLD, p));
  const t1 = performance.now();
  const q = parts(fill(STATUS, p));
  await exec(conn, q.prep);
  const counts = await rows(conn, q.counts);
  const splits = await rows(conn, q.splits);
  const cti = await rows(conn, q.cti);
  const caseload = await rows(conn, q.caseload);
  const contacts = await rows(conn, q.contacts);
  const retention = await rows(conn, q.retention);
  const median = await rows(conn, q.median);

  const areas = new Map();
  const area = (a) => {
    if (!areas.has(a)) areas.set(a, { c: {}, splits: { by_situation: {}, by_age: {}, by_referral: {} }, cti: 0,
      caseload: {}, retention: {}, median: null });
    return areas.get(a);
  };
  area('');
  for (const r of counts) area(r.area).c = Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'area').map(([k, v]) => [k, Number(v)]));
  for (const r of splits) area(r.area).splits[r.split][r.key] = Number(r.n);
  for (const r of cti) area(r.area).cti = Number(r.n);
  for (const r of caseload) {
    const w = (area(r.area).caseload[r.worker] ??= { value: 0, by_method: {} });
    w.value += Number(r.n); w.by_method[r.method] = Number(r.n);
  }
  const contactsOf = Object.fromEntries(contacts.map((r) => [r.worker, Number(r.n)]));
  for (const r of retention) area(r.area).retention[r.method] = [Number(r.num), Number(r.den)];
  for (const r of median) area(r.area).median = r.v === null ? null : Number(r.v);

  const figures = (a) => {
    const c = a.c, n = (k) => c[k] ?? 0;
    let num = 0, den = 0;
    const byMethod = {};
    for (const [m, [x, d]] of Object.entries(sorted(a.retention))) { num += x; den += d; if (d > 0) byMethod[m] = rate(x, d); }
    const caseload = {};
    for (const [w, l] of Object.entries(sorted(a.caseload)))
      caseload[w] = { value: l.value, by_method: sorted(l.by_method), contacts_30d: contactsOf[w] ?? 0 };
    return {
      homeless: { value: n('homeless'), by_situation: sorted(a.splits.by_situation), by_age: sorted(a.splits.by_age) },
      homeless_under_25_share: rate(n('under_25'), n('homeless')),
      street_sleepers: { value: n('street') },
      youth_in_shelter: { value: n('youth_in_shelter') },
      shelter_over_6_months: { value: n('over_6') },
      shelter_over_6_months_all: { value: n('over_6_all') },
      action_plan_offered: rate(n('action_plan'), n('homeless')),
      support_coverage: rate(n('supported'), n('homeless')),
      release_without_housing: { value: n('release_without_housing') },
      cti_over_9_months: { value: a.cti },
      housing_retention_12m: { ...rate(num, den), by_method: byMethod },
      days_to_housing_median: { value: a.median },
      new_citizens_12m: { value: n('new_citizens'), by_referral: sorted(a.splits.by_referral) },
      caseload,
    };
  };
  const out = { as_of: asOf, known_at: knownAt ?? null, total: null, municipalities: {} };
  if (times) { times.fold = t1 - t0; times.rest = performance.now() - t1; }
  if (municipality) {
    const f = figures(areas.get(municipality) ?? area(municipality));
    out.total = f; out.municipalities[municipality] = f;
  } else {
    out.total = figures(areas.get(''));
    for (const code of [...areas.keys()].filter((a) => a !== '').sort()) out.municipalities[code] = figures(areas.get(code));
  }
  return out;
}

export async function alerts(conn, { asOf, knownAt, municipality }, times) {
  const p = { X: asOf, T: knownAtLiteral(knownAt) };
  const t0 = performance.now();
  await exec(conn, fill(FOLD, p));
  const t1 = performance.now();
  const q = parts(fill(ALERTS, p));
  let list = (await rows(conn, q.alerts)).map((r) => ({ rule: r.rule, citizen: r.citizen, municipality: r.muni, since: String(r.since) }));
  if (municipality) list = list.filter((a) => a.municipality === municipality);
  list.sort((a, b) => (a.rule !== b.rule ? (a.rule < b.rule ? -1 : 1) : a.citizen < b.citizen ? -1 : a.citizen > b.citizen ? 1 : 0));
  if (times) { times.fold = t1 - t0; times.rest = performance.now() - t1; }
  return { as_of: asOf, alerts: list };
}

// Canonical text of a JSON value (keys sorted), for comparing "to the letter".
export function canon(v) {
  if (Array.isArray(v)) return '[' + v.map(canon).join(',') + ']';
  if (v && typeof v === 'object') return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canon(v[k])).join(',') + '}';
  return JSON.stringify(v);
}

// Differences between tovholder's report (its §5 ids) and the peer's, every area: exact.
export function diffStatus(tov, peer) {
  const out = [];
  const zero = (code) => ({ ...peer.total, ...Object.fromEntries(IDS5.map((id) => [id, undefined])) });
  const cmp = (path, a, b) => {
    for (const id of IDS5) {
      const x = canon(a?.[id]), y = canon(b?.[id]);
      if (x !== y) out.push(`${path}.${id}: tovholder ${x.slice(0, 300)} peer ${y.slice(0, 300)}`);
    }
  };
  cmp('total', tov.total, peer.total);
  const codes = new Set([...Object.keys(tov.municipalities), ...Object.keys(peer.municipalities)]);
  for (const code of [...codes].sort()) {
    const t = tov.municipalities[code], p = peer.municipalities[code];
    if (!p) {
      // a municipality tovholder lists for its dwellings alone (DESIGN §9): its §5 figures are zeros
      const z = zeroFigures();
      cmp(`municipalities.${code}`, t, z);
    } else if (!t) out.push(`municipalities.${code}: only in the peer`);
    else cmp(`municipalities.${code}`, t, p);
  }
  return out;
}
export function zeroFigures() {
  const r0 = rate(0, 0);
  return { homeless: { value: 0, by_situation: {}, by_age: {} }, homeless_under_25_share: r0, street_sleepers: { value: 0 },
    youth_in_shelter: { value: 0 }, shelter_over_6_months: { value: 0 }, shelter_over_6_months_all: { value: 0 },
    action_plan_offered: r0, support_coverage: r0, release_without_housing: { value: 0 }, cti_over_9_months: { value: 0 },
    housing_retention_12m: { ...r0, by_method: {} }, days_to_housing_median: { value: null },
    new_citizens_12m: { value: 0, by_referral: {} }, caseload: {} };
}

// Differences between tovholder's alerts (the §5 rules) and the peer's: the same list, in order.
export function diffAlerts(tov, peer) {
  const t = tov.alerts.filter((a) => RULES5.includes(a.rule));
  const key = (a) => canon({ rule: a.rule, citizen: a.citizen, municipality: a.municipality, since: a.since });
  const ts = t.map(key), ps = peer.alerts.map(key);
  const out = [];
  const tset = new Set(ts), pset = new Set(ps);
  for (const k of ts) if (!pset.has(k)) out.push(`only tovholder: ${k}`);
  for (const k of ps) if (!tset.has(k)) out.push(`only peer: ${k}`);
  if (!out.length && ts.join('\n') !== ps.join('\n')) out.push('same alerts, different order');
  return out;
}
