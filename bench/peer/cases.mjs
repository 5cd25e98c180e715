// bench/peer/cases.mjs [--tovholder BIN]: the peer's SQL on the hand-computed cases of tests/cases/
// (those with a status report or alerts) and on the worked examples of ../shared/examples/ (their
// expected figures, compared by ../shared/tools/compare_report.py), and, with a tovholder binary,
// the peer against tovholder to the letter on each journal. Prints one line per check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as P from './peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const bin = opt('--tovholder');
const examples = resolve(opt('--examples') ?? join(repo, '../shared/examples'));
const tmp = mkdtempSync(join(tmpdir(), 'peer-cases-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const now = new Date().toISOString();
const { conn } = await P.open(1);
let failures = 0;
const report = (ok, what, diffs = []) => {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  for (const d of diffs.slice(0, 10)) console.log('       ' + d);
};

// tests/cases semantics (Match in tests/report_cases_test.cc): "report" is a recursive subset,
// numbers exactly; an expected 0, or an object of such, matches an absent key; an expected {}
// means empty or absent.
const allZero = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v).every(allZero) : v === 0);
function subset(exp, act, path, out) {
  const fail = () => out.push(`${path}: expected ${P.canon(exp)}, peer ${act === undefined ? '(absent)' : P.canon(act)}`);
  if (exp && typeof exp === 'object' && !Array.isArray(exp)) {
    if (Object.keys(exp).length === 0) {
      if (act !== undefined && !(act && typeof act === 'object' && Object.keys(act).length === 0)) fail();
      return;
    }
    if (act === undefined) { if (!allZero(exp)) fail(); return; }
    if (!act || typeof act !== 'object') return fail();
    for (const [k, v] of Object.entries(exp)) subset(v, act[k], `${path}.${k}`, out);
    return;
  }
  if (typeof exp === 'number' && act === undefined) { if (exp !== 0) fail(); return; }
  if (P.canon(exp) !== P.canon(act)) fail();
}
// The DESIGN §5 ids of an expected area (an area that gives only §9 ids is not checked).
const only5 = (area) => Object.fromEntries(Object.entries(area).filter(([k]) => P.IDS5.includes(k)));
const check5 = (exp, act, path, out) => {
  if (exp === undefined) return;
  const e = only5(exp);
  if (Object.keys(e).length || !Object.keys(exp).length) subset(Object.keys(exp).length ? e : exp, act, path, out);
};

function tov(args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`tovholder ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
let dbn = 0;
function tovDb(journal) {
  const db = join(tmp, `c${dbn++}.db`);
  tov(['import', journal, '--db', db]);
  return db;
}
function againstTov(db, name, o) {
  const flags = ['--as-of', o.asOf, '--known-at', o.knownAt, ...(o.municipality ? ['--municipality', o.municipality] : [])];
  return {
    status: (peer) => P.diffStatus(JSON.parse(tov(['report', 'status', '--db', db, ...flags, '--format', 'json'])), peer),
    alerts: (peer) => P.diffAlerts(JSON.parse(tov(['alerts', '--db', db, ...flags, '--format', 'json'])), peer),
  };
}

const casesDir = join(repo, 'tests/cases');
for (const f of readdirSync(casesDir).filter((f) => f.endsWith('.case.json')).sort()) {
  const name = f.replace(/\.case\.json$/, '');
  const spec = JSON.parse(readFileSync(join(casesDir, f), 'utf8'));
  if (!spec.report && !spec.alerts) continue;  // count, youth, queue, candidates: not DESIGN §5
  const journal = join(casesDir, `${name}.jsonl`);
  await P.load(conn, journal);
  const o = { asOf: spec.as_of, knownAt: spec.known_at ?? now, municipality: spec.municipality };
  const peerStatus = await P.status(conn, o), peerAlerts = await P.alerts(conn, o);
  if (spec.report && !spec.national) {
    const out = [];
    check5(spec.report.total, peerStatus.total, 'total', out);
    for (const [code, area] of Object.entries(spec.report.municipalities ?? {}))
      check5(area, peerStatus.municipalities[code], `municipalities.${code}`, out);
    report(!out.length, `case ${name}: report (DESIGN §5 ids) as the case gives`, out);
  } else if (spec.national) {
    console.log(`skip case ${name}: national audience (suppression is not part of the peer)`);
  }
  if (spec.alerts) {
    const exp = spec.alerts.filter((a) => P.RULES5.includes(a.rule));
    const out = P.diffAlerts({ alerts: exp }, peerAlerts);
    report(!out.length, `case ${name}: alerts as the case gives (${exp.length})`, out);
  }
  if (bin) {
    const t = againstTov(tovDb(journal), name, o);
    const ds = t.status(peerStatus), da = t.alerts(peerAlerts);
    report(!ds.length && !da.length, `case ${name}: peer = tovholder (status and alerts)`, [...ds, ...da]);
  }
}

// The worked examples.
const cmp = join(examples, '../tools/compare_report.py');
const ex = (n) => join(examples, n);
if (existsSync(ex('strategy-2024.jsonl'))) {
  await P.load(conn, ex('strategy-2024.jsonl'));
  const db = bin ? tovDb(ex('strategy-2024.jsonl')) : null;
  for (const [kind, expected, o] of [
    ['report', 'strategy-2024.report.json', { asOf: '2024-06-30', knownAt: now }],
    ['alerts', 'strategy-2024.alerts.json', { asOf: '2024-06-30', knownAt: now }],
    ['report', 'strategy-2024.known-2024-03-01.report.json', { asOf: '2024-03-01', knownAt: '2024-03-01T23:59:59Z' }]]) {
    const peer = kind === 'report' ? await P.status(conn, o) : await P.alerts(conn, o);
    const file = join(tmp, `peer-${expected}`);
    writeFileSync(file, JSON.stringify(peer));
    const r = spawnSync('python3', [cmp, kind, ex(expected), file], { encoding: 'utf8' });
    report(r.status === 0, `example ${expected}: compare_report.py ${r.stdout.trim().split('\n').pop()}`, r.stdout.trim().split('\n').slice(0, -1));
    if (db) {
      const t = againstTov(db, expected, o);
      const d = kind === 'report' ? t.status(peer) : t.alerts(peer);
      report(!d.length, `example ${expected}: peer = tovholder`, d);
    }
  }
}
if (bin && existsSync(ex('housing-2024.jsonl'))) {
  await P.load(conn, ex('housing-2024.jsonl'));
  const o = { asOf: '2024-06-30', knownAt: now };
  const t = againstTov(tovDb(ex('housing-2024.jsonl')), 'housing-2024', o);
  const d = [...t.status(await P.status(conn, o)), ...t.alerts(await P.alerts(conn, o))];
  report(!d.length, 'example housing-2024.jsonl: peer = tovholder on the DESIGN §5 ids and rules', d);
}
console.log(failures ? `${failures} FAILED` : 'all agree');
process.exitCode = failures ? 1 : 0;
