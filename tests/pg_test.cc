// PostgreSQL beyond the conformance suite: several App instances (as several server processes)
// on one database, the append-only roles, bad URLs and unreachable servers, and the command
// line's copy, backup and TOVHOLDER_DB. Every test runs on the binary's one throwaway cluster
// (pg_test_util.h) and fails, never skips, when PostgreSQL is missing.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <httplib.h>
#include <signal.h>

#include "app/app.h"
#include "domain/entry_json.h"
#include "security/crypto.h"
#include "store/store.h"
#include "pg_test_util.h"

namespace tov {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class PgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"TOVHOLDER_KEY", "TOVHOLDER_KEY_FILE", "TOVHOLDER_DB"}) unsetenv(name);
    auto& c = testing::PgCluster::Get();
    ASSERT_TRUE(c.ok()) << "the PostgreSQL tests need a test cluster: " << c.error();
    char tmpl[] = "/tmp/tovholder-pgtest-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    key_ = dir_ + "/k.key";
    ASSERT_TRUE(crypto::CreateKeyFile(key_).ok());
    db_ = c.NewDatabase("pgtest");
    url_ = c.Url(db_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  testing::PgCluster& cluster() { return testing::PgCluster::Get(); }

  std::unique_ptr<App> OpenApp(const std::string& url = "") {
    StoreOptions o;
    o.path = url.empty() ? url_ : url;
    o.key_path = key_;
    auto app = App::Open(o);
    EXPECT_TRUE(app.ok()) << app.status().ToString();
    return app.ok() ? std::move(*app) : nullptr;
  }
  static Entry E(json j) {
    j.emplace("municipality", "151");
    j.emplace("date", "2024-09-01");
    j.emplace("recorded", "2024-09-01T09:00:00Z");
    auto e = ParseEntry(j, ParseOptions{Timestamp::Max(), false});
    EXPECT_TRUE(e.ok()) << j.dump() << ": " << e.status().ToString();
    return *e;
  }
  static Status Append(App& app, std::vector<Entry> batch, const std::string& key_prefix = "",
                       std::vector<BatchError>* errors = nullptr) {
    std::vector<BatchError> found;
    return app.Append(batch, Actor{"cw1", "caseworker"}, errors ? errors : &found, {}, nullptr, key_prefix);
  }
  static std::vector<std::string> Dump(const App& app) {
    return app.Read([](const Journal& j) {
      std::vector<std::string> out;
      for (const Entry& e : j.entries()) out.push_back(ToJson(e).dump() + " @" + std::to_string(e.seq));
      return out;
    });
  }
  static size_t Size(const App& app) {
    return app.Read([](const Journal& j) { return j.size(); });
  }
  // How long until `app` holds `n` entries (polled every millisecond, at most 5 s).
  static double MillisUntil(const App& app, size_t n, Clock::time_point since) {
    while (Size(app) < n && Clock::now() - since < std::chrono::seconds(5))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
  }

  struct Result {
    int code;
    std::string out, err;
  };
  // Runs the real binary in the temp dir; `env` goes before it (e.g. "TOVHOLDER_KEY_FILE=…").
  Result Run(const std::string& args, const std::string& env = "", const std::string& input = "") {
    const std::string out = dir_ + "/stdout.txt", err = dir_ + "/stderr.txt", in = dir_ + "/stdin.txt";
    std::ofstream(in) << input;
    std::string cmd = "cd '" + dir_ + "' && env -u TOVHOLDER_KEY -u TOVHOLDER_KEY_FILE -u TOVHOLDER_DB " + env + " '" +
                      std::string(TOVHOLDER_BINARY) + "' " + args + " <'" + in + "' >'" + out + "' 2>'" + err + "'";
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(out), ReadFile(err)};
  }

  std::string dir_, key_, db_, url_;
};

TEST_F(PgTest, AnAppendThroughOneAppIsSeenByAnotherWithinOneSecond) {
  auto a = OpenApp(), b = OpenApp();
  ASSERT_TRUE(a && b);
  double worst = 0;
  for (int i = 0; i < 5; ++i) {
    App& writer = i % 2 ? *b : *a;
    App& reader = i % 2 ? *a : *b;
    std::string key = "151-" + std::to_string(1000 + i);
    auto t0 = Clock::now();
    ASSERT_TRUE(Append(writer, {E({{"citizen", key}, {"kind", "registered"}, {"birth_date", "1980-01-01"}})}).ok());
    double ms = MillisUntil(reader, static_cast<size_t>(i + 1), t0);
    EXPECT_LT(ms, 1000) << "entry " << i << " was not seen by the other App within 1 s";
    worst = std::max(worst, ms);
  }
  std::cout << "[ measure  ] worst delay between two Apps on one PostgreSQL database: " << worst << " ms\n";
  EXPECT_EQ(Dump(*a), Dump(*b));
}

TEST_F(PgTest, ConcurrentRegistrationsThroughTwoAppsGetDistinctKeysAndOneJournal) {
  auto a = OpenApp(), b = OpenApp();
  ASSERT_TRUE(a && b);
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<std::string> keys;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      App& app = t % 2 ? *b : *a;
      for (int i = 0; i < 10; ++i) {
        std::vector<Entry> batch{E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1980-01-01"}})};
        std::vector<BatchError> errors;
        Status st = app.Append(batch, Actor{"cw1", "caseworker"}, &errors, {}, nullptr, "151-");
        if (!st.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        keys.push_back(batch[0].citizen);
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(keys.size(), 40u);
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), 40u) << "a key was given twice";
  ASSERT_TRUE(a->CatchUp().ok());
  ASSERT_TRUE(b->CatchUp().ok());
  EXPECT_EQ(Size(*a), 40u);
  EXPECT_EQ(Dump(*a), Dump(*b));
  // Journal positions 1…40, each once.
  a->Read([](const Journal& j) {
    for (size_t i = 0; i < j.size(); ++i) EXPECT_EQ(j.entries()[i].seq, static_cast<int64_t>(i + 1));
    return 0;
  });
}

TEST_F(PgTest, TheOpenOfferRuleHoldsForOffersMadeAtOnceThroughTwoApps) {
  auto a = OpenApp(), b = OpenApp();
  ASSERT_TRUE(a && b);
  std::vector<Entry> setup{E({{"unit", "151-D1"}, {"kind", "unit_listed"}, {"unit_kind", "almen"}, {"rooms", 2},
                              {"rent", 4800}, {"area", "nord"}})};
  constexpr int kCitizens = 8;
  for (int i = 1; i <= kCitizens; ++i) {
    std::string key = "151-000" + std::to_string(i);
    setup.push_back(E({{"citizen", key}, {"kind", "registered"}, {"birth_date", "1980-01-01"}}));
    setup.push_back(E({{"citizen", key}, {"kind", "housing_approved"}, {"date", "2024-09-10"}, {"rooms_min", 1},
                       {"max_rent", 5000}, {"recorded", "2024-09-10T09:00:00Z"}}));
  }
  ASSERT_TRUE(Append(*a, std::move(setup)).ok());
  ASSERT_TRUE(b->CatchUp().ok());
  std::atomic<int> accepted{0}, refused_open{0};
  std::vector<std::string> other;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int i = 1; i <= kCitizens; ++i)
    threads.emplace_back([&, i] {
      App& app = i % 2 ? *a : *b;
      std::vector<BatchError> errors;
      Status st = Append(app,
                         {E({{"citizen", "151-000" + std::to_string(i)}, {"kind", "housing_offer"}, {"unit", "151-D1"},
                             {"status", "offered"}, {"date", "2024-09-15"}, {"recorded", "2024-09-15T09:00:00Z"}})},
                         "", &errors);
      if (st.ok()) {
        ++accepted;
      } else if (st.message().find("already has an open offer") != std::string::npos) {
        ++refused_open;
      } else {
        std::lock_guard lock(mu);
        other.push_back(st.ToString());
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_TRUE(other.empty()) << other.front();
  EXPECT_EQ(accepted.load(), 1) << "one dwelling, one open offer";
  EXPECT_EQ(refused_open.load(), kCitizens - 1);
  ASSERT_TRUE(a->CatchUp().ok());
  ASSERT_TRUE(b->CatchUp().ok());
  EXPECT_EQ(Dump(*a), Dump(*b));
}

TEST_F(PgTest, NoAcknowledgedAppendIsLostWhenTheDatabaseRestartsUnderAppends) {
  auto a = OpenApp(), b = OpenApp();
  ASSERT_TRUE(a && b);
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::atomic<int> refused{0};
  std::thread writer([&] {
    for (int i = 0; !stop && i < 5000; ++i) {
      std::vector<Entry> batch{E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1980-01-01"}})};
      std::vector<BatchError> errors;
      if (a->Append(batch, Actor{"cw1", "caseworker"}, &errors, {}, nullptr, "151-").ok()) {
        std::lock_guard lock(mu);
        acknowledged.push_back(batch[0].citizen);
      } else {
        ++refused;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(cluster().Restart());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  writer.join();
  size_t before_restart_and_after;
  {
    std::lock_guard lock(mu);
    before_restart_and_after = acknowledged.size();
  }
  EXPECT_GT(before_restart_and_after, 5u);
  // Appends go on after the restart: connections are opened again.
  std::vector<Entry> last{E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1980-01-01"}})};
  std::vector<BatchError> errors;
  Status st = a->Append(last, Actor{"cw1", "caseworker"}, &errors, {}, nullptr, "151-");
  ASSERT_TRUE(st.ok()) << st.ToString();
  acknowledged.push_back(last[0].citizen);
  std::cout << "[ measure  ] appends acknowledged around a restart: " << acknowledged.size() << ", refused: " << refused
            << "\n";
  // Every acknowledged append is stored, and the follower, listening again, has them all.
  auto fresh = OpenApp();
  ASSERT_TRUE(fresh);
  fresh->Read([&](const Journal& j) {
    for (const std::string& key : acknowledged) EXPECT_TRUE(j.HasCitizen(key)) << key << " was acknowledged but is lost";
    return 0;
  });
  EXPECT_LT(MillisUntil(*b, Size(*fresh), Clock::now()), 3000) << "the follower listens again after the restart";
  ASSERT_TRUE(a->CatchUp().ok());
  EXPECT_EQ(Dump(*a), Dump(*fresh));
  EXPECT_EQ(Dump(*b), Dump(*fresh));
}

// Migrations 3 (the users' real names) and 4 (the entries' binary form) on a database of schema 2
// as released: the users stay, without a real name until one is set; the entries load from their
// bodies, equal to what was appended, and an entry appended after gets its binary form.
TEST_F(PgTest, ADatabaseOfSchemaTwoIsMigratedAndItsUsersHaveNoFullName) {
  StoreOptions o{url_, true, key_};
  std::vector<Entry> old{E({{"id", "r1"}, {"citizen", "151-0001"}, {"kind", "registered"}, {"cpr", "150685-1234"}}),
                         E({{"id", "n1"}, {"citizen", "151-0001"}, {"kind", "note"}, {"text", "før skema 4"}})};
  {
    auto store = OpenStore(o);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->AddUser({"bo", "caseworker", "151", "hash-b"}).ok());
    ASSERT_TRUE((*store)->Append(old).ok());
  }
  ASSERT_TRUE(cluster().Sql(db_, "ALTER TABLE users DROP COLUMN full_name; ALTER TABLE entries DROP COLUMN bin; "
                                 "UPDATE tovholder_meta SET value = '2' WHERE key = 'schema_version'").ok());
  auto store = OpenStore(o);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto bo = (*store)->FindUser("bo");
  ASSERT_TRUE(bo.ok() && bo->has_value()) << bo.status().ToString();
  EXPECT_EQ((*bo)->full_name, "");
  EXPECT_EQ((*bo)->password_hash, "hash-b");
  User named = **bo;
  named.full_name = "Bo Ørsted";
  ASSERT_TRUE((*store)->UpdateUser(named).ok());
  EXPECT_EQ((*(*store)->FindUser("bo"))->full_name, "Bo Ørsted");
  EXPECT_TRUE(cluster().Sql(db_, "DO $$ BEGIN IF (SELECT value FROM tovholder_meta WHERE key = 'schema_version') <> '4' "
                                 "THEN RAISE EXCEPTION 'not migrated'; END IF; END $$").ok());
  std::vector<Entry> later{E({{"id", "n2"}, {"citizen", "151-0001"}, {"kind", "note"}, {"text", "efter"}})};
  ASSERT_TRUE((*store)->Append(later).ok());
  EXPECT_TRUE(cluster().Sql(db_, "DO $$ BEGIN IF (SELECT count(*) FROM entries WHERE bin IS NULL) <> 2 "
                                 "OR (SELECT count(*) FROM entries WHERE bin IS NOT NULL) <> 1 "
                                 "THEN RAISE EXCEPTION 'binary forms'; END IF; END $$").ok());
  Journal j;
  ASSERT_TRUE((*store)->LoadInto(j).ok());
  ASSERT_EQ(j.size(), 3u);
  EXPECT_TRUE(j.entries()[0] == old[0]);
  EXPECT_TRUE(j.entries()[1] == old[1]);
  EXPECT_TRUE(j.entries()[2] == later[0]);
}

TEST_F(PgTest, TheServerRoleMayOnlyReadAndInsertTheJournalAndTheAccessLog) {
  // An owner role that migrates, and the role the servers use (docs/postgresql.md).
  ASSERT_TRUE(cluster().Sql("postgres", "DROP ROLE IF EXISTS tov_server; DROP ROLE IF EXISTS tov_owner; "
                                        "CREATE ROLE tov_owner LOGIN; CREATE ROLE tov_server LOGIN")
                  .ok());
  std::string db = cluster().NewDatabase("roles", "tov_owner");
  {
    StoreOptions o{cluster().Url(db, "tov_owner"), true, key_};
    auto owner = OpenStore(o);
    ASSERT_TRUE(owner.ok()) << owner.status().ToString();
  }
  ASSERT_TRUE(cluster().Sql(db, R"sql(
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
    GRANT SELECT, INSERT ON entries, access_log, cpr_index TO tov_server;
    GRANT SELECT ON tovholder_meta TO tov_server;
    GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, settings TO tov_server;
  )sql", "tov_owner").ok());
  auto server = OpenApp(cluster().Url(db, "tov_server"));
  ASSERT_TRUE(server);
  ASSERT_TRUE(Append(*server, {E({{"citizen", "151-0001"}, {"kind", "registered"}, {"cpr", "150685-1234"}})}).ok());
  ASSERT_TRUE(server->LogAccess({{0, Timestamp(1000), "cw1", "caseworker", "151-0001", "view", ""}}).ok());
  ASSERT_TRUE(server->store().SetSetting("*", "k", "v").ok());
  ASSERT_TRUE(server->store().AddUser({"u1", "worker", "151", "h"}).ok());
  for (const char* sql : {"UPDATE entries SET body = '{}'", "DELETE FROM entries", "TRUNCATE entries",
                          "UPDATE access_log SET detail = 'x'", "DELETE FROM access_log", "TRUNCATE access_log",
                          "DELETE FROM cpr_index", "DROP TABLE entries"}) {
    SCOPED_TRACE(sql);
    Status st = cluster().Sql(db, sql, "tov_server");
    EXPECT_FALSE(st.ok());
    EXPECT_TRUE(st.message().find("permission denied") != std::string::npos ||
                st.message().find("must be owner") != std::string::npos)
        << st.message();
  }
  // Not even the owner changes the journal or the access log: triggers refuse.
  for (const char* sql : {"UPDATE entries SET body = '{}'", "DELETE FROM entries", "TRUNCATE entries",
                          "UPDATE access_log SET detail = 'x'", "DELETE FROM access_log"}) {
    SCOPED_TRACE(sql);
    Status st = cluster().Sql(db, sql, "tov_owner");
    EXPECT_FALSE(st.ok());
    EXPECT_NE(st.message().find("append-only"), std::string::npos) << st.message();
  }
  EXPECT_EQ(Size(*OpenApp(cluster().Url(db, "tov_server"))), 1u);
}

TEST_F(PgTest, BadUrlsAndUnreachableServersAreClearErrorsWithoutThePassword) {
  int closed_port = 1;  // nothing listens on port 1 of the loopback
  struct Case {
    std::string url, expect;
  } cases[] = {
      {"postgresql://tovholder_test:s3cret@127.0.0.1:" + std::to_string(closed_port) + "/x", "cannot connect"},
      {"postgresql://tovholder_test:s3cret@127.0.0.1:" + std::to_string(cluster().port()) + "/no_such_db",
       "\"no_such_db\" does not exist"},
      {"postgres://tovholder_test:s3cret@127.0.0.1:" + std::to_string(cluster().port()) + "/x?nosuchoption=1",
       "not a valid PostgreSQL URL"},
      {"postgresql://tovholder_test@127.0.0.1:" + std::to_string(cluster().port()) + "/x?password=s3cret&sslmode=bogus",
       "invalid sslmode value"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    StoreOptions o{c.url, true, key_};
    auto s = OpenStore(o);
    ASSERT_FALSE(s.ok());
    std::string message = s.status().ToString();
    EXPECT_NE(message.find(c.expect), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
    Result r = Run("export --db '" + c.url + "'", "TOVHOLDER_KEY_FILE='" + key_ + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
  }
  EXPECT_EQ(pg::Redact("postgresql://u:pw@h:5/d?password=pw&sslmode=require"), "postgresql://u@h:5/d?sslmode=require");
}

TEST_F(PgTest, AnotherApplicationsDatabaseAndAMissingOrWrongKeyAreRefusedUntouched) {
  ASSERT_TRUE(cluster().Sql(db_, "CREATE TABLE orders(id INT); INSERT INTO orders VALUES (7)").ok());
  StoreOptions o{url_, true, key_};
  auto s = OpenStore(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a tovholder database"), std::string::npos) << s.status().message();
  EXPECT_TRUE(cluster().Sql(db_, "DO $$ BEGIN IF (SELECT count(*) FROM orders) <> 1 OR to_regclass('entries') IS NOT NULL "
                                 "THEN RAISE EXCEPTION 'changed'; END IF; END $$").ok());

  std::string fresh = cluster().Url(cluster().NewDatabase("keys"));
  auto nokey = OpenStore(StoreOptions{fresh, true, ""});
  ASSERT_FALSE(nokey.ok());
  EXPECT_NE(nokey.status().message().find("TOVHOLDER_KEY_FILE"), std::string::npos) << nokey.status().message();
  ASSERT_TRUE(OpenStore(StoreOptions{fresh, true, key_}).ok());
  std::string other = dir_ + "/other.key";
  ASSERT_TRUE(crypto::CreateKeyFile(other).ok());
  auto wrong = OpenStore(StoreOptions{fresh, true, other});
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("the key does not belong"), std::string::npos) << wrong.status().message();
  // Without --db, TOVHOLDER_DB names the database; a key file named in the environment is
  // created for a new database.
  std::string made = dir_ + "/made.key";
  std::string env = "TOVHOLDER_DB='" + cluster().Url(cluster().NewDatabase("env")) + "' TOVHOLDER_KEY_FILE='" + made + "'";
  Result r = Run("settings set release_days 90", env);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(made));
  r = Run("settings show", env);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("release_days=90"), std::string::npos) << r.out;
}

TEST_F(PgTest, CopyBothWaysGivesTheSameExportAndBackupWritesASnapshot) {
  const std::string a = dir_ + "/a.db", b = dir_ + "/b.db", c = dir_ + "/c.db";
  Result r = Run("demo --citizens 40 --seed 7 --today 2024-06-30 --db '" + a + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(Run("settings set offer_days 120 --municipality 151 --db '" + a + "'").code, 0);
  Result exported = Run("export --db '" + a + "'");
  ASSERT_EQ(exported.code, 0) << exported.err;
  ASSERT_GT(exported.out.size(), 1000u);
  const std::string key = "TOVHOLDER_KEY_FILE='" + a + ".key'";

  // SQLite → PostgreSQL: the key of a.db goes along.
  r = Run("copy --from '" + a + "' --to '" + url_ + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("copied "), std::string::npos) << r.out;
  Result pg_export = Run("export --db '" + url_ + "'", key);
  ASSERT_EQ(pg_export.code, 0) << pg_export.err;
  EXPECT_EQ(pg_export.out, exported.out);
  // PostgreSQL → SQLite, and SQLite → SQLite.
  r = Run("copy --from '" + url_ + "' --to '" + b + "'", key);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Run("export --db '" + b + "'").out, exported.out);
  r = Run("copy --from '" + b + "' --to '" + c + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Run("export --db '" + c + "'").out, exported.out);
  // Users, settings and the access log came along; a CPR number is still found.
  for (const std::string& db : {url_, b}) {
    SCOPED_TRACE(db);
    Result s = Run("settings show --db '" + db + "'", key);
    EXPECT_NE(s.out.find("offer_days=120"), std::string::npos) << s.out;
    // The access log as it was in a.db (the copy's and these reads' own records aside).
    auto without_reads = [](const std::string& text) {
      std::string out, line;
      std::istringstream in(text);
      while (std::getline(in, line))
        if (line.find("read_access_log") == std::string::npos) out += line + "\n";
      return out;
    };
    std::string log = without_reads(Run("access-log --citizen 101-0001 --db '" + db + "'", key).out);
    EXPECT_NE(log.find("append"), std::string::npos) << log;
    EXPECT_EQ(log, without_reads(Run("access-log --citizen 101-0001 --db '" + a + "'").out));
  }
  // A target that holds anything is refused, and left as it was.
  r = Run("copy --from '" + a + "' --to '" + url_ + "'");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("is not empty"), std::string::npos) << r.err;
  EXPECT_EQ(Run("export --db '" + url_ + "'", key).out, exported.out);

  // No CPR number of the export is in a dump of the PostgreSQL database.
  std::set<std::string> cprs;
  std::regex cpr_re("\"cpr\":\"([0-9]{6})-?([0-9]{4})\"");
  for (std::sregex_iterator it(exported.out.begin(), exported.out.end(), cpr_re), end; it != end; ++it)
    cprs.insert((*it)[1].str() + (*it)[2].str());
  ASSERT_FALSE(cprs.empty()) << "the demo data has CPR numbers";
  std::string dump_file = dir_ + "/dump.sql";
  std::string dump_cmd = "'" + cluster().bin() + "/pg_dump' -h 127.0.0.1 -p " +
                         std::to_string(cluster().port()) + " -U " + testing::PgCluster::kSuperuser + " " + db_ +
                         " >'" + dump_file + "' 2>&1";
  ASSERT_EQ(std::system(dump_cmd.c_str()), 0) << ReadFile(dump_file);
  std::string dump = ReadFile(dump_file);
  ASSERT_NE(dump.find("COPY public.entries"), std::string::npos);
  for (const std::string& d : cprs) {
    EXPECT_EQ(dump.find(d), std::string::npos) << d;
    EXPECT_EQ(dump.find(d.substr(0, 6) + "-" + d.substr(6)), std::string::npos) << d;
  }

  // A backup of the PostgreSQL database is a SQLite file with the same journal and key.
  const std::string backup = dir_ + "/backup.db";
  r = Run("backup '" + backup + "' --db '" + url_ + "'", key);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Run("export --db '" + backup + "'", key).out, exported.out);
  r = Run("backup '" + backup + "' --db '" + url_ + "'", key);
  EXPECT_NE(r.code, 0) << "an existing file is not overwritten";
}

TEST_F(PgTest, ABackupIsOneSnapshotWhileAppendsGoOn) {
  auto app = OpenApp();
  ASSERT_TRUE(app);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop && i < 2000; ++i)
      (void)Append(*app, {E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1980-01-01"}})}, "151-");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string backup = dir_ + "/snap.db";
  Status st = app->store().Backup(backup);
  stop = true;
  writer.join();
  ASSERT_TRUE(st.ok()) << st.ToString();
  StoreOptions o{backup, false, key_};
  auto copy = OpenStore(o);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  Journal j;
  ASSERT_TRUE((*copy)->LoadInto(j).ok());
  ASSERT_GT(j.size(), 0u);
  // A prefix of the journal, without a gap: positions 1…n, each with its access record.
  for (size_t i = 0; i < j.size(); ++i) EXPECT_EQ(j.entries()[i].seq, static_cast<int64_t>(i + 1));
  for (const char* key : {"151-0001"}) EXPECT_FALSE((*copy)->AccessLog(key)->empty());
}

// A `tovholder serve` process on the test database.
class ServeProcess {
 public:
  // `flags` are more flags of `serve`, spliced in as they are.
  ServeProcess(const std::string& env, const std::string& db, const std::string& flags = "") {
    std::string cmd = "sh -c 'echo $$; exec env " + env + " \"$0\" serve --port 0 " + flags +
                      " --db \"$1\" --web-dir \"$2\"' '" +
                      std::string(TOVHOLDER_BINARY) + "' '" + db + "' '" + std::string(TOVHOLDER_SOURCE_DIR) +
                      "/web/static' 2>/dev/null";
    out_ = ::popen(cmd.c_str(), "r");
    if (!out_) return;
    char line[512];
    if (std::fgets(line, sizeof line, out_)) pid_ = std::atoi(line);
    if (std::fgets(line, sizeof line, out_)) {
      std::cmatch m;
      if (std::regex_search(line, m, std::regex(":([0-9]+)/"))) port_ = std::stoi(m[1]);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
    if (out_) ::pclose(out_);
  }
  int port() const { return port_; }

 private:
  FILE* out_ = nullptr;
  int pid_ = 0, port_ = 0;
};

struct ApiSession {
  std::unique_ptr<httplib::Client> client;
  httplib::Headers headers;
};

ApiSession LogIn(int port, const std::string& user, const std::string& password) {
  ApiSession s;
  s.client = std::make_unique<httplib::Client>("127.0.0.1", port);
  auto r = s.client->Post("/api/v1/session", json{{"user", user}, {"password", password}}.dump(), "application/json");
  if (!r || r->status != 200) {
    ADD_FAILURE() << "login on port " << port << ": " << (r ? std::to_string(r->status) + " " + r->body : "no answer");
    return s;
  }
  std::string cookie;
  for (auto [it, end] = r->headers.equal_range("Set-Cookie"); it != end; ++it)
    if (it->second.rfind("tov_session=", 0) == 0) cookie = it->second.substr(0, it->second.find(';'));
  s.headers = {{"Cookie", cookie}, {"X-CSRF-Token", json::parse(r->body).value("csrf_token", "")}};
  return s;
}

TEST_F(PgTest, TwoServersOnOneDatabaseShowAWriteThroughEitherWithinOneSecond) {
  const std::string env = "TOVHOLDER_KEY_FILE='" + key_ + "'";
  const std::string password = "correct-horse-battery-9";
  Result r = Run("user add cw1 --role caseworker --municipality 151 --db '" + url_ + "'", env, password + "\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ServeProcess one(env, url_), two(env, url_);
  ASSERT_GT(one.port(), 0);
  ASSERT_GT(two.port(), 0);
  ApiSession a = LogIn(one.port(), "cw1", password), b = LogIn(two.port(), "cw1", password);
  ASSERT_TRUE(a.client && b.client);
  double worst = 0;
  std::set<std::string> keys;
  for (int i = 0; i < 6; ++i) {
    ApiSession& writer = i % 2 ? b : a;
    ApiSession& reader = i % 2 ? a : b;
    auto t0 = Clock::now();
    auto w = writer.client->Post("/api/v1/citizens", writer.headers,
                                 json{{"birth_date", "1980-01-01"}, {"date", "2024-06-01"}}.dump(), "application/json");
    ASSERT_TRUE(w);
    ASSERT_EQ(w->status, 201) << w->body;
    std::string key = json::parse(w->body).value("citizen", "");
    keys.insert(key);
    int status = 0;
    while (Clock::now() - t0 < std::chrono::seconds(3)) {
      auto g = reader.client->Get(("/api/v1/citizens/" + key).c_str(), reader.headers);
      status = g ? g->status : 0;
      if (status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    EXPECT_EQ(status, 200) << key << " was not found through the other server";
    EXPECT_LT(ms, 1000) << key;
    worst = std::max(worst, ms);
  }
  EXPECT_EQ(keys.size(), 6u) << "every registration got its own key";
  std::cout << "[ measure  ] worst delay from a write through one `tovholder serve` to a read through the other: "
            << worst << " ms\n";
  // Their figures agree.
  const char* report = "/api/v1/reports/status?as_of=2024-06-30&municipality=151";
  auto ra = a.client->Get(report, a.headers), rb = b.client->Get(report, b.headers);
  ASSERT_TRUE(ra && rb);
  ASSERT_EQ(ra->status, 200) << ra->body;
  json ja = json::parse(ra->body), jb = json::parse(rb->body);
  ja.erase("known_at");  // each server's "now"
  jb.erase("known_at");
  EXPECT_EQ(ja, jb);
}

TEST_F(PgTest, TlsWhenTheUrlAsksForItAndAWrongRootCertificateIsRefusedClearly) {
  ASSERT_FALSE(cluster().ca_file().empty()) << cluster().tls_error();
  // sslmode=require: encrypted, the certificate not checked (it is self-signed).
  const std::string require = url_ + "?sslmode=require";
  {
    StoreOptions o;
    o.path = require;
    o.key_path = key_;
    auto app = App::Open(o);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    ASSERT_TRUE(Append(**app, {E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1980-01-01"}})}, "151-").ok());
    auto c = pg::Conn::Connect(url_ + "?sslmode=disable");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    // Every connection of the store to this database (the pool's and the listener's) is TLS.
    auto r = c->Query("SELECT count(*), count(*) FILTER (WHERE s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a "
                      "USING (pid) WHERE a.datname = $1 AND a.pid <> pg_backend_pid()",
                      {db_});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_GE(r->Int(0, 0), 1);
    EXPECT_EQ(r->Int(0, 0), r->Int(0, 1)) << "a connection of the store without TLS";
  }
  // verify-full with the server's own certificate as the root: accepted.
  auto good = pg::Conn::Connect(url_ + "?sslmode=verify-full&sslrootcert=" + cluster().ca_file());
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  auto ssl = good->Query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
  ASSERT_TRUE(ssl.ok());
  EXPECT_EQ(ssl->Text(0, 0), "t");
  // verify-full with another root: refused by every verb, naming the problem.
  const std::string other = dir_ + "/other-root.crt";
  ASSERT_EQ(std::system(("openssl req -new -x509 -days 1 -nodes -subj /CN=other-root -keyout '" + dir_ +
                         "/other.key' -out '" + other + "' >/dev/null 2>&1")
                            .c_str()),
            0);
  const std::string wrong = url_ + "?sslmode=verify-full&sslrootcert=" + other;
  StoreOptions o;
  o.path = wrong;
  o.key_path = key_;
  auto refused = App::Open(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kIo);
  EXPECT_NE(refused.status().message().find("certificate verify failed"), std::string::npos) << refused.status().message();
  EXPECT_NE(refused.status().message().find("not signed by the root certificate"), std::string::npos)
      << refused.status().message();
  Result r = Run("export --db '" + wrong + "'", "TOVHOLDER_KEY_FILE='" + key_ + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("certificate verify failed"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

// A session is one row in the database, cached by each server that saw it and checked against
// the database at least once a second (app/auth.cc): a logout through one server ends it on
// the other within a second, and so does a deactivation by an administrator.
TEST_F(PgTest, ALogoutOrADeactivationThroughOneServerEndsTheSessionOnTheOtherWithinASecond) {
  const std::string env = "TOVHOLDER_KEY_FILE='" + key_ + "'";
  const std::string password = "correct-horse-battery-9";
  for (const char* user : {"cw1", "cw2"}) {
    Result r = Run(std::string("user add ") + user + " --role caseworker --municipality 151 --db '" + url_ + "'", env,
                   password + "\n");
    ASSERT_EQ(r.code, 0) << r.err;
  }
  Result added = Run("user add adm --role admin --db '" + url_ + "'", env, password + "\n");
  ASSERT_EQ(added.code, 0) << added.err;
  ServeProcess one(env, url_), two(env, url_);
  ASSERT_GT(one.port(), 0);
  ASSERT_GT(two.port(), 0);
  // How long until `path` on `port` with `headers` is 401 (at most 3 s).
  auto millis_until_401 = [](int port, const httplib::Headers& headers, Clock::time_point since) {
    httplib::Client c("127.0.0.1", port);
    while (Clock::now() - since < std::chrono::seconds(3)) {
      auto g = c.Get("/api/v1/session", headers);
      if (g && g->status == 401) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
  };
  ApiSession admin = LogIn(one.port(), "adm", password);
  ASSERT_TRUE(admin.client);
  for (const char* user : {"cw1", "cw2"}) {
    ApiSession a = LogIn(one.port(), user, password);
    ASSERT_TRUE(a.client);
    // The same cookie works on the other server (the session is in the database) and is cached there.
    httplib::Client b("127.0.0.1", two.port());
    for (int i = 0; i < 3; ++i) {
      auto g = b.Get("/api/v1/session", a.headers);
      ASSERT_TRUE(g);
      ASSERT_EQ(g->status, 200) << g->body;
    }
    auto t0 = Clock::now();
    if (std::string(user) == "cw1") {
      auto out = a.client->Delete("/api/v1/session", a.headers);
      ASSERT_TRUE(out);
      ASSERT_LT(out->status, 300) << out->body;
    } else {
      auto p = admin.client->Patch("/api/v1/users/cw2", admin.headers, json{{"active", false}}.dump(), "application/json");
      ASSERT_TRUE(p);
      ASSERT_EQ(p->status, 200) << p->body;
    }
    double ms = millis_until_401(two.port(), a.headers, t0);
    EXPECT_LT(ms, 2000) << user << ": the other server still took the session (it checks once a second)";
    std::cout << "[ measure  ] " << user << ": session ended on the other server after " << ms << " ms\n";
  }
}

// The append lock of every process (pg_store.cc's kAppendLockKey), taken by a connection of
// the test's own: appends wait for it as for a stuck writer of another server.
constexpr int64_t kAppendLockKey = 0x746f76686f6c6401;

StatusOr<pg::Conn> HoldAppendLock(const std::string& url) {
  ASSIGN_OR_RETURN(auto c, pg::Conn::Connect(url));
  RETURN_IF_ERROR(c.Exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kAppendLockKey) + ")"));
  return c;
}

TEST_F(PgTest, AStatementOverTheTimeoutFailsAsUnavailableAndTheStoreGoesOn) {
  StoreOptions o;
  o.path = url_;
  o.key_path = key_;
  o.statement_timeout_ms = 300;
  auto app = App::Open(o);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  ASSERT_TRUE(Append(**app, {E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1980-01-01"}})}, "151-").ok());
  auto holder = HoldAppendLock(url_);
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  auto t0 = Clock::now();
  Status st = Append(**app, {E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1981-01-01"}})}, "151-");
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  EXPECT_EQ(st.code(), StatusCode::kUnavailable) << st.ToString();
  EXPECT_NE(st.message().find("did not answer in time"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("statement timeout"), std::string::npos) << st.message();
  EXPECT_GE(ms, 250);
  EXPECT_LT(ms, 5000);
  EXPECT_EQ(Size(**app), 1u) << "nothing of the timed-out batch is in the projection";
  ASSERT_TRUE(holder->Exec("ROLLBACK").ok());
  // The same pool goes on: the connection whose statement was cancelled is usable again.
  ASSERT_TRUE(Append(**app, {E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "1982-01-01"}})}, "151-").ok());
  EXPECT_EQ(Size(**app), 2u);
  auto other = OpenApp();
  ASSERT_TRUE(other);
  EXPECT_EQ(Size(*other), 2u) << "the timed-out batch was not stored";
}

TEST_F(PgTest, ThePoolSizeBoundsTheConnectionsOfAProcess) {
  StoreOptions o;
  o.path = url_;
  o.key_path = key_;
  o.pool_size = 2;
  auto app = App::Open(o);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  for (int t = 0; t < 8; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i)
        if (!Append(**app, {E({{"citizen", "x"}, {"kind", "registered"}, {"birth_date", "19" + std::to_string(60 + t) + "-01-01"}})}, "151-").ok())
          ++failed;
    });
  for (auto& w : writers) w.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(Size(**app), 40u);
  auto c = pg::Conn::Connect(url_);
  ASSERT_TRUE(c.ok());
  auto n = c->Query("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", {db_});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_LE(n->Int(0, 0), 3) << "two pooled connections and the one that listens";
  EXPECT_GE(n->Int(0, 0), 1);
}

TEST_F(PgTest, BadPoolAndTimeoutSettingsAreRefusedNamingTheFlagOrVariable) {
  const std::string env = "TOVHOLDER_KEY_FILE='" + key_ + "'";
  Result r = Run("serve --db-pool 0 --port 0 --db '" + url_ + "'", env);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--db-pool: must be a whole number of connections 1–1000"), std::string::npos) << r.err;
  r = Run("serve --db-statement-timeout 5min --port 0 --db '" + url_ + "'", env);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--db-statement-timeout: must be a time such as 5000"), std::string::npos) << r.err;
  r = Run("export --db '" + url_ + "'", env + " TOVHOLDER_DB_STATEMENT_TIMEOUT=abc");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("TOVHOLDER_DB_STATEMENT_TIMEOUT: must be a time"), std::string::npos) << r.err;
  r = Run("export --db '" + url_ + "'", env + " TOVHOLDER_DB_POOL=many");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("TOVHOLDER_DB_POOL: must be a whole number"), std::string::npos) << r.err;
  // Good values open the database (which is new: nothing to export, exit 0 or "no database").
  r = Run("user add cw1 --role caseworker --municipality 151 --db '" + url_ + "'",
          env + " TOVHOLDER_DB_POOL=3 TOVHOLDER_DB_STATEMENT_TIMEOUT=5s", "correct-horse-battery-9\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(PgTest, AServerWhoseStatementTimesOutAnswers503AndGoesOn) {
  const std::string env = "TOVHOLDER_KEY_FILE='" + key_ + "'";
  const std::string password = "correct-horse-battery-9";
  Result r = Run("user add cw1 --role caseworker --municipality 151 --db '" + url_ + "'", env, password + "\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ServeProcess server(env, url_, "--db-statement-timeout 300ms --db-pool 4");
  ASSERT_GT(server.port(), 0);
  ApiSession a = LogIn(server.port(), "cw1", password);
  ASSERT_TRUE(a.client);
  const std::string body = json{{"birth_date", "1980-01-01"}, {"date", "2024-06-01"}}.dump();
  auto w = a.client->Post("/api/v1/citizens", a.headers, body, "application/json");
  ASSERT_TRUE(w);
  ASSERT_EQ(w->status, 201) << w->body;
  std::string key = json::parse(w->body).value("citizen", "");
  auto holder = HoldAppendLock(url_);
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  auto refused = a.client->Post("/api/v1/citizens", a.headers, body, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503) << refused->body;
  EXPECT_EQ(json::parse(refused->body).value("error", ""), "the database did not answer in time; try again");
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
  EXPECT_EQ(refused->body.find("127.0.0.1"), std::string::npos) << "the database's address is not for the client";
  // Reads come from memory and go on meanwhile.
  auto health = a.client->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto read = a.client->Get(("/api/v1/citizens/" + key).c_str(), a.headers);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  ASSERT_TRUE(holder->Exec("ROLLBACK").ok());
  auto again = a.client->Post("/api/v1/citizens", a.headers, body, "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 201) << again->body;
}

// /healthz asks the database: 503 with Retry-After while PostgreSQL is down (a load balancer then
// sends no writes there), 200 again once it is back, without a restart of the server.
TEST_F(PgTest, HealthzAnswers503WhileTheDatabaseIsDownAnd200WhenItIsBack) {
  const std::string env = "TOVHOLDER_KEY_FILE='" + key_ + "'";
  const std::string password = "correct-horse-battery-9";
  Result r = Run("user add cw1 --role caseworker --municipality 151 --db '" + url_ + "'", env, password + "\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ServeProcess server(env, url_);
  ASSERT_GT(server.port(), 0);
  httplib::Client client("127.0.0.1", server.port());
  auto up = client.Get("/healthz");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->status, 200) << up->body;
  EXPECT_EQ(json::parse(up->body).value("database", ""), "ok") << up->body;

  ASSERT_TRUE(cluster().Stop());
  struct StartAgainAtTheEnd {
    ~StartAgainAtTheEnd() {
      if (!tov::testing::PgCluster::Get().StartAgain()) ADD_FAILURE() << "the test cluster did not start again";
    }
  };
  std::optional<StartAgainAtTheEnd> restart(std::in_place);
  auto down = client.Get("/healthz");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503) << down->body;
  json body = json::parse(down->body);
  EXPECT_EQ(body.value("status", ""), "unavailable");
  EXPECT_EQ(body.value("database", ""), "unavailable");
  EXPECT_EQ(body.value("entries", -1), 0);
  EXPECT_EQ(down->get_header_value("Retry-After"), "1");
  EXPECT_EQ(down->body.find("127.0.0.1"), std::string::npos) << "the database's address is not for the client";

  restart.reset();
  auto again = client.Get("/healthz");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body;
  ApiSession a = LogIn(server.port(), "cw1", password);
  ASSERT_TRUE(a.client);
  auto w = a.client->Post("/api/v1/citizens", a.headers, json{{"birth_date", "1980-01-01"}, {"date", "2024-06-01"}}.dump(),
                          "application/json");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->status, 201) << w->body;
}

}  // namespace
}  // namespace tov
