// The store conformance suite: what every implementation of store.h must do, run against each
// one (SQLite, and PostgreSQL on the tests' own throwaway cluster, tests/pg_test_util.h). Only
// the interface is used, so a test here never depends on how a store keeps its data.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/entry_json.h"
#include "domain/entry_kinds_for_test.h"
#include "security/crypto.h"
#include "store/copy.h"
#include "store/store.h"
#include "../../tests/pg_test_util.h"

namespace tov {
namespace {

using json = nlohmann::json;

// Opens (creating when missing) the store kept in the directory `dir`, with the key file `key`.
struct StoreFactory {
  std::string name;
  std::function<StatusOr<std::unique_ptr<Store>>(const std::string& dir, const std::string& key)> open;
  // A second store that reads a backup written to `path` by Backup().
  std::function<StatusOr<std::unique_ptr<Store>>(const std::string& path, const std::string& key)> open_backup;
};

StatusOr<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const std::string& key) {
  StoreOptions o;
  o.path = path;
  o.key_path = key;
  return OpenStore(o);
}

// One PostgreSQL database per test directory (a test reopens its store on the same one).
StatusOr<std::unique_ptr<Store>> OpenPostgres(const std::string& dir, const std::string& key) {
  static std::mutex mu;
  static std::map<std::string, std::string> databases;
  auto& cluster = testing::PgCluster::Get();
  if (!cluster.ok()) return Status::FailedPrecondition("no PostgreSQL test cluster: " + cluster.error());
  std::string db;
  {
    std::lock_guard lock(mu);
    auto& d = databases[dir];
    if (d.empty()) d = cluster.NewDatabase("conformance");
    db = d;
  }
  StoreOptions o;
  o.path = cluster.Url(db);
  o.key_path = key;
  return OpenStore(o);
}

const StoreFactory kStores[] = {
    {"sqlite", [](const std::string& dir, const std::string& key) { return OpenSqlite(dir + "/t.db", key); },
     OpenSqlite},
    {"postgresql", OpenPostgres, OpenSqlite},
};

class StoreConformance : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    for (const char* name : {"TOVHOLDER_KEY", "TOVHOLDER_KEY_FILE"}) unsetenv(name);
    char tmpl[] = "/tmp/tovholder-conformance-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    key_ = dir_ + "/k.key";
    ASSERT_TRUE(crypto::CreateKeyFile(key_).ok());
    store_ = Reopen();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::unique_ptr<Store> Reopen() {
    store_.reset();
    auto s = GetParam().open(dir_, key_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  static Entry E(json j) {
    j.emplace("municipality", "151");
    j.emplace("date", "2024-03-01");
    j.emplace("recorded", "2024-03-01T09:00:00Z");
    auto e = ParseEntry(j, ParseOptions{Timestamp::Max(), false});
    EXPECT_TRUE(e.ok()) << j.dump() << ": " << e.status().ToString();
    return *e;
  }
  static std::vector<Entry> Sample() {
    return {E({{"id", "r1"}, {"citizen", "151-0001"}, {"kind", "registered"}, {"cpr", "150685-1234"}, {"name", "Anna"}}),
            E({{"id", "h1"}, {"citizen", "151-0001"}, {"kind", "housing"}, {"situation", "shelter"}, {"ready_for_housing", true}}),
            E({{"id", "r2"}, {"citizen", "151-0002"}, {"kind", "registered"}, {"cpr", "0711927788"}, {"by", "w1"}}),
            E({{"id", "n1"}, {"citizen", "151-0001"}, {"kind", "note"}, {"text", "Æbler — ünïcødé"}, {"recorded", "2024-03-05T10:11:12.345Z"}})};
  }
  static std::vector<std::string> Dump(const Journal& j) {
    std::vector<std::string> out;
    for (const Entry& e : j.entries()) out.push_back(ToJson(e).dump() + " @" + std::to_string(e.seq));
    return out;
  }

  std::string dir_, key_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, AppendedEntriesLoadBackExactlyInJournalOrderAfterReopening) {
  std::vector<Entry> batch = Sample();
  ASSERT_TRUE(store_->Append(batch).ok());
  for (size_t i = 0; i < batch.size(); ++i) EXPECT_EQ(batch[i].seq, static_cast<int64_t>(i + 1));
  std::vector<Entry> more{E({{"id", "n2"}, {"citizen", "151-0002"}, {"kind", "note"}, {"text", "later"}})};
  ASSERT_TRUE(store_->Append(more).ok());
  EXPECT_EQ(more[0].seq, 5);
  std::vector<Entry> twice{E({{"id", "n2"}, {"citizen", "151-0002"}, {"kind", "note"}, {"text", "twice"}})};
  EXPECT_FALSE(store_->Append(twice).ok()) << "a repeated id is refused";
  Journal first;
  ASSERT_TRUE(store_->LoadInto(first).ok());
  store_ = Reopen();
  Journal again;
  ASSERT_TRUE(store_->LoadInto(again).ok());
  EXPECT_EQ(Dump(first), Dump(again));
  ASSERT_EQ(again.size(), 5u);
  EXPECT_EQ(ToJson(again.entries()[0]), ToJson(Sample()[0]));
  EXPECT_EQ(ToJson(again.entries()[3]), ToJson(Sample()[3]));
  EXPECT_EQ(again.entries()[2].by, "w1");
}

// Every kind, with every optional field set, loads back equal in every field to what was appended
// (through each entry's binary form; the CPR numbers, kept encrypted apart, decrypted).
TEST_P(StoreConformance, EveryKindLoadsBackEqualInEveryField) {
  std::vector<Entry> batch;
  for (const auto& k : testing_kinds::AllKinds()) {
    json j = testing_kinds::Valid(k);
    j["id"] = "x-" + k.kind;
    auto e = ParseEntry(j, ParseOptions{Timestamp::Max(), false});
    ASSERT_TRUE(e.ok()) << k.kind << ": " << e.status().ToString();
    batch.push_back(std::move(*e));
  }
  ASSERT_TRUE(store_->Append(batch).ok());
  store_ = Reopen();
  Journal j;
  ASSERT_TRUE(store_->LoadInto(j).ok());
  ASSERT_EQ(j.size(), batch.size());
  for (size_t i = 0; i < batch.size(); ++i) EXPECT_TRUE(j.entries()[i] == batch[i]) << ToJson(batch[i]).dump();
  ASSERT_TRUE(store_->ReadCitizen("151-0001").ok());
  EXPECT_TRUE(store_->ReadCitizen("151-0001")->front() == batch.front());
}

// Loading reads and decodes in chunks of kDecodeChunk rows, each decoded on all cores while the
// next is read: more than two chunks and a part load back whole and in order, with registrations
// (whose CPR numbers are decrypted) spread over the chunks; a reader of what comes after a
// position across a chunk's end gets exactly those entries; an error of the callback stops it.
TEST_P(StoreConformance, AJournalOfSeveralDecodeChunksLoadsBackWholeAndInOrder) {
  const size_t n = 2 * kDecodeChunk + 7;
  std::vector<Entry> batch;
  batch.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string citizen = "151-" + std::to_string(10000 + i / 10);
    if (i % 10 == 0) {
      std::string cpr = "0101" + std::to_string(60 + i / 10 % 30) + "-" + std::to_string(1000 + i / 10 % 9000);
      batch.push_back(E({{"id", "r" + std::to_string(i)}, {"citizen", citizen}, {"kind", "registered"}, {"cpr", cpr}}));
    } else {
      batch.push_back(E({{"id", "n" + std::to_string(i)}, {"citizen", citizen}, {"kind", "note"}, {"text", std::to_string(i)}}));
    }
  }
  std::vector<Entry> appended = batch;
  ASSERT_TRUE(store_->Append(batch).ok());
  store_ = Reopen();
  Journal j;
  ASSERT_TRUE(store_->LoadInto(j).ok());
  ASSERT_EQ(j.size(), n);
  for (size_t i = 0; i < n; i += 997) {
    EXPECT_EQ(j.entries()[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(ToJson(j.entries()[i]), ToJson(appended[i])) << i;
  }
  EXPECT_EQ(ToJson(j.entries()[n - 1]), ToJson(appended[n - 1]));

  const int64_t after = static_cast<int64_t>(kDecodeChunk) - 3;
  std::vector<int64_t> seqs;
  ASSERT_TRUE(store_->ForEachAfter(after, [&](Entry&& e) {
    seqs.push_back(e.seq);
    return Status::Ok();
  }).ok());
  ASSERT_EQ(seqs.size(), n - static_cast<size_t>(after));
  for (size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], after + 1 + static_cast<int64_t>(i));

  size_t calls = 0;
  Status stopped = store_->ForEachAfter(0, [&](Entry&& e) {
    ++calls;
    return e.seq == static_cast<int64_t>(kDecodeChunk) + 2 ? Status::Internal("enough") : Status::Ok();
  });
  EXPECT_EQ(stopped.message(), "enough");
  EXPECT_EQ(calls, kDecodeChunk + 2);
}

TEST_P(StoreConformance, PingReadsTheDatabaseNewAndFull) {
  EXPECT_TRUE(store_->Ping().ok()) << store_->Ping().ToString();
  auto entries = Sample();
  ASSERT_TRUE(store_->Append(entries).ok());
  EXPECT_TRUE(store_->Ping().ok()) << store_->Ping().ToString();
}

TEST_P(StoreConformance, CitizensAreFoundByCprWithOrWithoutTheDash) {
  std::vector<Entry> batch = Sample();
  ASSERT_TRUE(store_->Append(batch).ok());
  for (const char* cpr : {"150685-1234", "1506851234"}) {
    auto hits = store_->CitizensWithCpr(cpr);
    ASSERT_TRUE(hits.ok());
    EXPECT_EQ(*hits, std::vector<std::string>{"151-0001"}) << cpr;
  }
  auto other = store_->CitizensWithCpr("071192-7788");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, std::vector<std::string>{"151-0002"});
  auto none = store_->CitizensWithCpr("010101-0101");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreConformance, ReadCitizenAndEntriesRecordedInARange) {
  std::vector<Entry> batch = Sample();
  ASSERT_TRUE(store_->Append(batch).ok());
  auto anna = store_->ReadCitizen("151-0001");
  ASSERT_TRUE(anna.ok());
  ASSERT_EQ(anna->size(), 3u);
  EXPECT_EQ((*anna)[2].id, "n1");
  std::vector<std::string> ids;
  ASSERT_TRUE(store_->ForEachRecorded(*ParseTimestamp("2024-03-02T00:00:00Z"), *ParseTimestamp("2024-03-31T00:00:00Z"),
                                      [&](const Entry& e) { ids.push_back(e.id); })
                  .ok());
  EXPECT_EQ(ids, std::vector<std::string>{"n1"});
  auto nobody = store_->ReadCitizen("151-9999");
  ASSERT_TRUE(nobody.ok());
  EXPECT_TRUE(nobody->empty());
}

TEST_P(StoreConformance, AccessRecordsAreKeptInOrderPerCitizenAndWithTheEntries) {
  Timestamp t = *ParseTimestamp("2024-03-01T09:00:00Z");
  ASSERT_TRUE(store_->LogAccess({{0, t, "u1", "caseworker", "151-0001", "read", "api"},
                                 {0, t, "u2", "leader", "151-0002", "list", "search"},
                                 {0, t, "u1", "caseworker", "151-0001", "reveal_cpr", "web"}})
                  .ok());
  std::vector<Entry> batch = Sample();
  ASSERT_TRUE(store_->Append(batch, {{0, t, "u3", "caseworker", "151-0001", "append", "r1,h1,n1"}}).ok());
  store_ = Reopen();
  auto log = store_->AccessLog("151-0001");
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 3u);  // newest first
  EXPECT_EQ((*log)[0].actor, "u3");
  EXPECT_EQ((*log)[0].detail, "r1,h1,n1");
  EXPECT_EQ((*log)[1].action, "reveal_cpr");
  EXPECT_EQ((*log)[2].action, "read");
  EXPECT_EQ((*log)[2].at, t);
  auto limited = store_->AccessLog("151-0001", 2);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 2u);
}

TEST_P(StoreConformance, SettingsAreSetOverwrittenAndReadPerMunicipality) {
  ASSERT_TRUE(store_->SetSetting("*", "youth_age", "25").ok());
  ASSERT_TRUE(store_->SetSetting("151", "youth_age", "20").ok());
  ASSERT_TRUE(store_->SetSetting("151", "youth_age", "21").ok());
  store_ = Reopen();
  auto s = store_->Settings();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->size(), 2u);
  EXPECT_EQ(s->at({"*", "youth_age"}), "25");
  EXPECT_EQ(s->at({"151", "youth_age"}), "21");
}

TEST_P(StoreConformance, UsersAreUniqueByNameAndKeepTheirLoginState) {
  ASSERT_TRUE(store_->AddUser({"bo", "caseworker", "151", "hash-b"}).ok());
  ASSERT_TRUE(store_->AddUser({"anne", "national", "", "hash-a"}).ok());
  EXPECT_EQ(store_->AddUser({"bo", "leader", "151", "x"}).code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(store_->UpdateLoginState("bo", 3, 12345).ok());
  store_ = Reopen();
  auto bo = store_->FindUser("bo");
  ASSERT_TRUE(bo.ok());
  ASSERT_TRUE(bo->has_value());
  EXPECT_EQ((*bo)->role, "caseworker");
  EXPECT_EQ((*bo)->municipality, "151");
  EXPECT_EQ((*bo)->password_hash, "hash-b");
  EXPECT_EQ((*bo)->failed_logins, 3);
  EXPECT_EQ((*bo)->locked_until_ms, 12345);
  EXPECT_TRUE((*bo)->active);
  auto nobody = store_->FindUser("nobody");
  ASSERT_TRUE(nobody.ok());
  EXPECT_FALSE(nobody->has_value());
  auto all = store_->ListUsers();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "anne");
  EXPECT_EQ((*all)[1].name, "bo");
}

// Login attempts are counted before the password is checked, in one atomic step: the count
// reaches the threshold, locks the account, and a lock that has run out starts the count again.
TEST_P(StoreConformance, LoginAttemptsAreCountedUntilTheAccountIsLocked) {
  ASSERT_TRUE(store_->AddUser({"bo", "caseworker", "151", "hash-b"}).ok());
  const int64_t now = 1'000'000, lockout = 900'000;
  for (int i = 1; i <= 3; ++i) {
    auto may = store_->TakeLoginAttempt("bo", now, 3, lockout);
    ASSERT_TRUE(may.ok()) << may.status().ToString();
    EXPECT_TRUE(*may) << i;
    EXPECT_EQ((*store_->FindUser("bo"))->failed_logins, i);
  }
  EXPECT_EQ((*store_->FindUser("bo"))->locked_until_ms, now + lockout);
  // Locked: refused, and nothing changes.
  EXPECT_FALSE(*store_->TakeLoginAttempt("bo", now + 1, 3, lockout));
  EXPECT_FALSE(*store_->TakeLoginAttempt("bo", now + lockout - 1, 3, lockout));
  EXPECT_EQ((*store_->FindUser("bo"))->failed_logins, 3);
  // The lock has run out: the count starts again.
  EXPECT_TRUE(*store_->TakeLoginAttempt("bo", now + lockout, 3, lockout));
  EXPECT_EQ((*store_->FindUser("bo"))->failed_logins, 1);
  EXPECT_EQ((*store_->FindUser("bo"))->locked_until_ms, 0);
  // A right password clears the count.
  ASSERT_TRUE(store_->UpdateLoginState("bo", 0, 0).ok());
  EXPECT_EQ((*store_->FindUser("bo"))->failed_logins, 0);
  // Unknown users are refused and not created.
  EXPECT_FALSE(*store_->TakeLoginAttempt("nobody", now, 3, lockout));
  EXPECT_FALSE(store_->FindUser("nobody")->has_value());
}

TEST_P(StoreConformance, ParallelLoginAttemptsNeverPassTheThreshold) {
  ASSERT_TRUE(store_->AddUser({"bo", "caseworker", "151", "hash-b"}).ok());
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i)
    threads.emplace_back([&] {
      auto may = store_->TakeLoginAttempt("bo", 1'000'000, 5, 900'000);
      if (may.ok() && *may) ++allowed;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 5);
  EXPECT_EQ((*store_->FindUser("bo"))->locked_until_ms, 1'900'000);
}

TEST_P(StoreConformance, SessionsAreSavedTouchedAndDeleted) {
  ASSERT_TRUE(store_->AddUser({"bo", "caseworker", "151", "hash-b"}).ok());
  ASSERT_TRUE(store_->SaveSession({"th1", "bo", "csrf1", 1000, 1000}).ok());
  ASSERT_TRUE(store_->TouchSession("th1", 5000).ok());
  store_ = Reopen();
  auto s = store_->FindSession("th1");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->has_value());
  EXPECT_EQ((*s)->user, "bo");
  EXPECT_EQ((*s)->csrf_token, "csrf1");
  EXPECT_EQ((*s)->created_ms, 1000);
  EXPECT_EQ((*s)->last_seen_ms, 5000);
  ASSERT_TRUE(store_->DeleteSession("th1").ok());
  auto gone = store_->FindSession("th1");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST_P(StoreConformance, SeveralSettingsAreSetTogether) {
  ASSERT_TRUE(store_->SetSetting("151", "youth_age", "25").ok());
  ASSERT_TRUE(store_->SetSettings("151", {{"youth_age", "28"}, {"cti_months", "12"}}).ok());
  ASSERT_TRUE(store_->SetSettings("*", {{"cti_months", "10"}}).ok());
  store_ = Reopen();
  auto all = store_->Settings();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)[std::make_pair(std::string("151"), std::string("youth_age"))], "28");
  EXPECT_EQ((*all)[std::make_pair(std::string("151"), std::string("cti_months"))], "12");
  EXPECT_EQ((*all)[std::make_pair(std::string("*"), std::string("cti_months"))], "10");
  EXPECT_EQ(all->size(), 3u);
}

TEST_P(StoreConformance, AUserIsChangedWholeAndKeepsTheirLoginState) {
  ASSERT_TRUE(store_->AddUser({"bo", "caseworker", "151", "hash-b"}).ok());
  ASSERT_TRUE(store_->UpdateLoginState("bo", 2, 0).ok());
  User changed{"bo", "leader", "101", "hash-new"};
  changed.active = false;
  changed.must_change_password = true;
  ASSERT_TRUE(store_->UpdateUser(changed).ok());
  store_ = Reopen();
  auto bo = store_->FindUser("bo");
  ASSERT_TRUE(bo.ok() && bo->has_value());
  EXPECT_EQ((*bo)->role, "leader");
  EXPECT_EQ((*bo)->municipality, "101");
  EXPECT_EQ((*bo)->password_hash, "hash-new");
  EXPECT_FALSE((*bo)->active);
  EXPECT_TRUE((*bo)->must_change_password);
  EXPECT_EQ((*bo)->failed_logins, 2);
  EXPECT_EQ(store_->UpdateUser({"nobody", "leader", "101", "x"}).code(), StatusCode::kNotFound);
  User fresh{"anne", "caseworker", "151", "hash-a"};
  fresh.must_change_password = true;
  ASSERT_TRUE(store_->AddUser(fresh).ok());
  EXPECT_TRUE((*store_->FindUser("anne"))->must_change_password);
}

TEST_P(StoreConformance, TheSessionsOfAUserEndTogetherButTheOneKept) {
  ASSERT_TRUE(store_->AddUser({"bo", "caseworker", "151", "hash-b"}).ok());
  ASSERT_TRUE(store_->AddUser({"anne", "caseworker", "151", "hash-a"}).ok());
  ASSERT_TRUE(store_->SaveSession({"th1", "bo", "c1", 1000, 1000}).ok());
  ASSERT_TRUE(store_->SaveSession({"th2", "bo", "c2", 1000, 1000}).ok());
  ASSERT_TRUE(store_->SaveSession({"th3", "bo", "c3", 1000, 1000}).ok());
  ASSERT_TRUE(store_->SaveSession({"th4", "anne", "c4", 1000, 1000}).ok());
  ASSERT_TRUE(store_->DeleteSessionsOf("bo", "th2").ok());
  EXPECT_FALSE(store_->FindSession("th1")->has_value());
  EXPECT_TRUE(store_->FindSession("th2")->has_value());
  EXPECT_FALSE(store_->FindSession("th3")->has_value());
  EXPECT_TRUE(store_->FindSession("th4")->has_value());
  ASSERT_TRUE(store_->DeleteSessionsOf("bo").ok());
  EXPECT_FALSE(store_->FindSession("th2")->has_value());
  EXPECT_TRUE(store_->FindSession("th4")->has_value());
}

TEST_P(StoreConformance, ConcurrentAppendsAreAllKeptWithDistinctPositions) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string key = "151-" + std::to_string(1000 + t * 100 + i);
        std::vector<Entry> b{E({{"id", "r" + key}, {"citizen", key}, {"kind", "registered"},
                                {"birth_date", "1980-01-01"}})};
        if (!store_->Append(b).ok()) ++failures;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  Journal j;
  ASSERT_TRUE(store_->LoadInto(j).ok());
  ASSERT_EQ(j.size(), 100u);
  for (size_t i = 0; i < j.size(); ++i) EXPECT_EQ(j.entries()[i].seq, static_cast<int64_t>(i + 1));
}

TEST_P(StoreConformance, ABackupHoldsTheSameJournalAndOpensWithTheSameKey) {
  std::vector<Entry> batch = Sample();
  ASSERT_TRUE(store_->Append(batch).ok());
  const std::string path = dir_ + "/backup.db";
  ASSERT_TRUE(store_->Backup(path).ok());
  Journal live, copy;
  ASSERT_TRUE(store_->LoadInto(live).ok());
  auto backup = GetParam().open_backup(path, key_);
  ASSERT_TRUE(backup.ok()) << backup.status().ToString();
  ASSERT_TRUE((*backup)->LoadInto(copy).ok());
  EXPECT_EQ(Dump(live), Dump(copy));
  auto hits = (*backup)->CitizensWithCpr("150685-1234");
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(*hits, std::vector<std::string>{"151-0001"});
}

// The real name (schema 3): kept whole (UTF-8, characters beyond the user name's), changed by
// UpdateUser, empty when none was given, in the snapshot and so in a copy to another store.
TEST_P(StoreConformance, AUsersFullNameIsStoredChangedAndCopied) {
  User bo{"bo", "caseworker", "151", "hash-b"};
  bo.full_name = "Bo Ørsted-Æbelø";
  ASSERT_TRUE(store_->AddUser(bo).ok());
  ASSERT_TRUE(store_->AddUser({"anne", "national", "", "hash-a"}).ok());
  store_ = Reopen();
  EXPECT_EQ((*store_->FindUser("bo"))->full_name, "Bo Ørsted-Æbelø");
  EXPECT_EQ((*store_->FindUser("anne"))->full_name, "");
  auto all = store_->ListUsers();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].full_name, "");
  EXPECT_EQ((*all)[1].full_name, "Bo Ørsted-Æbelø");
  User anne = *(*store_->FindUser("anne"));
  anne.full_name = "Anne O'Hara";  // a quote goes in as data
  ASSERT_TRUE(store_->UpdateUser(anne).ok());
  store_ = Reopen();
  EXPECT_EQ((*store_->FindUser("anne"))->full_name, "Anne O'Hara");
  EXPECT_EQ((*store_->FindUser("anne"))->password_hash, "hash-a");
  // A copy (what `tovholder copy` and a PostgreSQL backup do) keeps the names.
  auto target = OpenSqlite(dir_ + "/copy.db", key_);
  ASSERT_TRUE(target.ok()) << target.status().ToString();
  ASSERT_TRUE(CopyStore(*store_, **target).ok());
  EXPECT_EQ((*(*target)->FindUser("bo"))->full_name, "Bo Ørsted-Æbelø");
  EXPECT_EQ((*(*target)->FindUser("anne"))->full_name, "Anne O'Hara");
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreConformance, ::testing::ValuesIn(kStores),
                         [](const ::testing::TestParamInfo<StoreFactory>& info) { return info.param.name; });

}  // namespace
}  // namespace tov
