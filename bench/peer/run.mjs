// bench/peer/run: DuckDB as a peer of tovholder on the definitions of DESIGN §5 (issue 10).
// Loads one journal into DuckDB, runs fold.sql + status.sql and fold.sql + alerts.sql, checks that the
// figures equal tovholder's to the letter, and prints both times and their ratio. See README.md.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as P from './peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const usage = 'usage: bench/peer/run --db FILE.db|--journal FILE.jsonl|--citizens N --as-of YYYY-MM-DD\n' +
  '                      [--known-at TIME] [--tovholder BIN] [--repeat N] [--threads N] [--tmp DIR] [--keep]\n' +
  '       (--citizens N: a fresh `tovholder demo --citizens N --today YESTERDAY`; --as-of defaults to that day)';
const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--keep') { args.keep = true; continue; }
  if (!a.startsWith('--') || i + 1 >= process.argv.length) { console.error(usage); process.exit(2); }
  args[a.slice(2)] = process.argv[++i];
}
// A demo made today records entries up to 23:59:59Z today, which `import` refuses as in the future;
// the demo of --citizens ends yesterday, so that its journal round-trips.
const yesterday = new Date(Date.now() - 86400e3).toISOString().slice(0, 10);
if (args.citizens && !args['as-of']) args['as-of'] = args.today ?? yesterday;
if ([args.db, args.journal, args.citizens].filter(Boolean).length !== 1 || !/^\d{4}-\d{2}-\d{2}$/.test(args['as-of'] ?? '')) {
  console.error(usage); process.exit(2);
}
const X = args['as-of'];
const repeat = Number(args.repeat ?? 3);
const bin = resolve(args.tovholder ?? process.env.TOVHOLDER ??
  [join(repo, 'build-release/tovholder'), join(repo, 'build/tovholder')].find(existsSync) ?? 'tovholder');
if (!existsSync(bin)) { console.error(`no tovholder binary at ${bin} (give --tovholder BIN)`); process.exit(2); }

const load0 = loadavg()[0];
const tmp = mkdtempSync(join(args.tmp ?? tmpdir(), 'peer-'));
const cleanup = () => { if (!args.keep) rmSync(tmp, { recursive: true, force: true }); };
process.on('exit', cleanup);

const now = () => performance.now();
const secs = (ms) => (ms / 1000).toFixed(3) + ' s';
function tov(argv, what) {
  const t0 = now();
  const r = spawnSync(bin, argv, { maxBuffer: 4 << 30, encoding: 'utf8' });
  const ms = now() - t0;
  if (r.status !== 0) { console.error(`${what} failed (${r.status}): ${r.stderr}`); process.exit(1); }
  return { ms, out: r.stdout };
}

// The journal and a database of it for tovholder. The report and the alerts write to the access
// log, so tovholder runs on a copy of a given database (the original is only read, by export).
let journal, db, prepared;
if (args.citizens) {
  args.db = join(tmp, 'demo.db');
  const d = tov(['demo', '--citizens', args.citizens, '--today', args.today ?? yesterday,
    ...(args.seed ? ['--seed', args.seed] : []), '--db', args.db], 'tovholder demo');
  console.log(`tovholder demo --citizens ${args.citizens}: ${secs(d.ms)}`);
}
if (args.db) {
  journal = join(tmp, 'journal.jsonl');
  const e = tov(['export', '--db', resolve(args.db), '--out', journal], 'tovholder export');
  prepared = `tovholder export ${secs(e.ms)}`;
  db = args.db;
  if (!args.citizens) {  // not the caller's database: a copy
    db = join(tmp, 'copy.db');
    copyFileSync(resolve(args.db), db);
    if (existsSync(resolve(args.db) + '.key')) copyFileSync(resolve(args.db) + '.key', db + '.key');
  }
} else {
  journal = resolve(args.journal);
  db = join(tmp, 'import.db');
  const i = tov(['import', journal, '--db', db], 'tovholder import');
  prepared = `tovholder import ${secs(i.ms)}`;
}
let lines = 0;  // newlines, read in pieces (a large journal is more than a string may hold)
{
  const buf = Buffer.alloc(1 << 24), fd = openSync(journal, 'r');
  for (let n; (n = readSync(fd, buf, 0, buf.length)) > 0;) for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
  closeSync(fd);
}
// One known-at time for both (DESIGN §5 "known at T"): given, or the time of this run (what
// tovholder's default means). A demo journal holds entries recorded later today, so the two
// programs' "now" must be the same instant.
const T = args['known-at'] ?? new Date().toISOString();

// tovholder, end to end from the command line (wall clock of the whole process).
const best = (xs) => Math.min(...xs);
const tovRuns = { status: [], alerts: [] };
let tovStatus, tovAlerts;
for (let i = 0; i < repeat; i++) {
  const s = tov(['report', 'status', '--db', db, '--as-of', X, '--known-at', T, '--format', 'json'], 'report status');
  tovRuns.status.push(s.ms); tovStatus = s.out;
  const a = tov(['alerts', '--db', db, '--as-of', X, '--known-at', T, '--format', 'json'], 'alerts');
  tovRuns.alerts.push(a.ms); tovAlerts = a.out;
}

// DuckDB: load once, then the queries (each a fresh fold for X and T, as tovholder does).
const { conn } = await P.open(args.threads);
const threads = (await (await conn.runAndReadAll("SELECT current_setting('threads') AS t, version() AS v")).getRowObjectsJson())[0];
let t0 = now();
const loaded = await P.load(conn, journal);
const loadMs = now() - t0;
const peerRuns = { status: [], alerts: [] }, split = { status: [], alerts: [] };
let peerStatus, peerAlerts;
for (let i = 0; i < repeat; i++) {
  let s = {};
  t0 = now(); peerStatus = await P.status(conn, { asOf: X, knownAt: T }, s); peerRuns.status.push(now() - t0); split.status.push(s);
  s = {};
  t0 = now(); peerAlerts = await P.alerts(conn, { asOf: X, knownAt: T }, s); peerRuns.alerts.push(now() - t0); split.alerts.push(s);
}

// Agreement, to the letter: the §5 ids of the total and of every municipality; the §5 alerts.
const ts = JSON.parse(tovStatus), ta = JSON.parse(tovAlerts);
const dStatus = P.diffStatus(ts, peerStatus), dAlerts = P.diffAlerts(ta, peerAlerts);
const nAlerts5 = ta.alerts.filter((a) => P.RULES5.includes(a.rule)).length;
const others = ta.alerts.length - nAlerts5;

const row = (cells, w) => cells.map((c, i) => String(c).padEnd(w[i])).join('  ').trimEnd();
const W = [28, 34, 34, 20];
const all = (xs) => xs.map((x) => (x / 1000).toFixed(2)).join(' / ');
console.log(`journal     ${args.db ? resolve(args.db) + ' (exported)' : journal}: ${lines} lines, ${loaded} loaded; ` +
  `${Object.keys(ts.municipalities).length} municipalities`);
console.log(`as of ${X}, known at ${T}; tovholder ${bin}`);
console.log(`machine     load average ${load0.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end (1 min; ${cpus().length} cores)`);
console.log(`DuckDB ${threads.v} (@duckdb/node-api), threads=${threads.t}${args.threads ? '' : ' (its default: the number of cores)'}; ` +
  `best of ${repeat} runs (all runs in brackets)`);
console.log(row(['step', 'tovholder (CLI, wall)', 'DuckDB (query, loaded)', 'DuckDB / tovholder'], W));
for (const [name, label] of [['status', 'report status --format json'], ['alerts', 'alerts --format json']]) {
  const a = best(tovRuns[name]), b = best(peerRuns[name]);
  console.log(row([label, `${secs(a)} [${all(tovRuns[name])}]`, `${secs(b)} [${all(peerRuns[name])}]`,
    `${(b / a).toFixed(2)}  (goal >= 5)`], W));
}
console.log(row(['load the journal', prepared, `JSON load ${secs(loadMs)}`, ''], W));
for (const name of ['status', 'alerts']) {
  const i = peerRuns[name].indexOf(best(peerRuns[name]));
  console.log(`DuckDB ${name} (best run): fold.sql ${secs(split[name][i].fold)} + ${name}.sql and JSON ${secs(split[name][i].rest)}`);
}
console.log(`agreement   status: total + ${Object.keys(ts.municipalities).length} municipalities x ${P.IDS5.length} ids of DESIGN §5: ` +
  (dStatus.length ? `${dStatus.length} DIFFERENCES` : 'equal to the letter'));
console.log(`            alerts: ${nAlerts5} alerts of the ${P.RULES5.length} rules of DESIGN §5: ` +
  (dAlerts.length ? `${dAlerts.length} DIFFERENCES` : 'equal to the letter, in order') +
  (others ? ` (${others} of other rules, e.g. offer_stalled of DESIGN §9, not compared)` : ''));
for (const d of [...dStatus, ...dAlerts].slice(0, 20)) console.log('  ' + d);
process.exitCode = dStatus.length || dAlerts.length ? 1 : 0;
