// Housing allocation benchmark (issue 12 goal), printed, never asserted: the waiting list and one
// dwelling's candidates over N citizens on the list of one municipality (goal ≤ 10 ms each for
// N = 10,000), on a synthetic journal held in memory as the server holds it.
// Usage: housing_bench [citizens_on_list=10000] [dwellings=500] [runs=30]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/housing.h"

namespace {

using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

std::string Key(const char* prefix, int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%05d", prefix, i);
  return buf;
}

tov::Entry Parse(nlohmann::json j, int n) {
  j["recorded"] = tov::Date::FromYmd(2020, 1, 1).AddDays(n / 50).ToString() + "T10:00:00Z";
  auto e = tov::ParseEntry(j, {tov::Timestamp::Max(), false});
  if (!e.ok()) {
    std::fprintf(stderr, "bad entry %s: %s\n", j.dump().c_str(), e.status().ToString().c_str());
    std::exit(1);
  }
  return *e;
}

}  // namespace

int main(int argc, char** argv) {
  const int citizens = argc > 1 ? std::stoi(argv[1]) : 10'000;
  const int dwellings = argc > 2 ? std::stoi(argv[2]) : 500;
  const int runs = argc > 3 ? std::stoi(argv[3]) : 30;
  const tov::Date x = tov::Date::FromYmd(2026, 11, 30);
  std::mt19937 rng(42);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* situations[] = {"street", "night_shelter", "shelter", "hotel", "friends_family", "prison", "own_home"};
  const char* areas[] = {"nord", "syd", "centrum", "vest"};

  std::vector<tov::Entry> batch;
  int n = 0;
  auto add = [&](nlohmann::json j) { batch.push_back(Parse(std::move(j), n++)); };
  for (int i = 0; i < dwellings; ++i) {
    tov::Date d = x.AddDays(-pick(0, 700));
    add({{"unit", Key("151-B", i)}, {"municipality", "151"}, {"kind", "unit_listed"}, {"date", d.ToString()},
         {"unit_kind", i % 3 == 0 ? "almen" : i % 3 == 1 ? "startbolig" : "skaev"}, {"rooms", pick(1, 4)},
         {"rent", pick(3000, 8000)}, {"area", areas[pick(0, 3)]}, {"accessible", i % 7 == 0}, {"youth_only", i % 5 == 0}});
  }
  for (int i = 0; i < citizens; ++i) {
    const std::string c = Key("151-", i);
    tov::Date reg = x.AddDays(-pick(30, 1500));
    add({{"citizen", c}, {"municipality", "151"}, {"kind", "registered"}, {"date", reg.ToString()},
         {"birth_date", tov::Date::FromYmd(pick(1955, 2006), pick(1, 12), pick(1, 28)).ToString()}});
    tov::Date d = reg;
    for (int k = pick(1, 6); k > 0 && d < x; --k) {
      add({{"citizen", c}, {"municipality", "151"}, {"kind", "housing"}, {"date", d.ToString()},
           {"situation", situations[pick(0, 5)]}, {"ready_for_housing", pick(0, 1) == 1}});
      d = d.AddDays(pick(20, 300));
    }
    if (i % 10 == 0)
      add({{"citizen", c}, {"municipality", "151"}, {"kind", "release_planned"}, {"date", x.AddDays(-5).ToString()},
           {"from", "prison"}, {"expected", x.AddDays(pick(1, 40)).ToString()}, {"housing_solution", false}});
    nlohmann::json approved{{"citizen", c}, {"municipality", "151"}, {"kind", "housing_approved"},
                            {"date", std::min(x, reg.AddDays(pick(0, 60))).ToString()}, {"rooms_min", pick(1, 3)}};
    if (i % 2 == 0) approved["max_rent"] = pick(4000, 7000);
    if (i % 4 == 0) approved["areas"] = {areas[pick(0, 3)]};
    if (i % 9 == 0) approved["accessible"] = true;
    add(approved);
    if (i < dwellings / 2 && i % 2 == 0)  // an open offer for some
      add({{"citizen", c}, {"municipality", "151"}, {"kind", "housing_offer"}, {"date", x.AddDays(-3).ToString()},
           {"unit", Key("151-B", i)}, {"status", "offered"}});
  }
  tov::Journal journal;
  auto errors = journal.Check(batch);
  if (!errors.empty()) {
    std::fprintf(stderr, "journal check: %s: %s\n", errors[0].error.field.c_str(), errors[0].error.reason.c_str());
    return 1;
  }
  int64_t seq = 0;
  for (auto& e : batch) {
    e.seq = ++seq;
    journal.Add(std::move(e));
  }
  std::printf("journal: %zu entries, %d citizens approved, %d dwellings\n", journal.size(), citizens, dwellings);

  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const tov::report::Thresholds weights;
  // Cold: every citizen folded anew. Warm: with the server's memo, after one new entry for one
  // citizen before each run (so that citizen is folded again), as a server with a changing
  // journal asks.
  std::vector<double> queue_ms, candidates_ms, queue_warm_ms, candidates_warm_ms;
  size_t on_list = 0, eligible = 0;
  tov::report::ListMemo memo;
  memo.Reset("151", x, tov::Timestamp::Max(), weights);
  auto memo_for = [&](const std::string&) { return &memo; };
  for (int r = 0; r < runs; ++r) {
    const std::string unit = Key("151-B", (r * 37) % dwellings);
    auto t = Clock::now();
    auto q = tov::report::WaitingList(journal, x, tov::Timestamp::Max(), "151", weights);
    queue_ms.push_back(MsSince(t));
    on_list = q.size();
    t = Clock::now();
    auto s = tov::report::Candidates(journal, unit, x, tov::Timestamp::Max(), weights);
    candidates_ms.push_back(MsSince(t));
    if (s.ok()) eligible = s->candidates.size();

    tov::Entry note = Parse({{"citizen", Key("151-", pick(0, citizens - 1))}, {"municipality", "151"}, {"kind", "note"},
                             {"date", x.ToString()}, {"text", "ny oplysning"}}, n++);
    note.id = "n" + std::to_string(r);
    note.seq = ++seq;
    journal.Add(std::move(note));
    if (r == 0) tov::report::WaitingList(journal, x, tov::Timestamp::Max(), "151", weights, &memo);  // fill it
    t = Clock::now();
    auto qw = tov::report::WaitingList(journal, x, tov::Timestamp::Max(), "151", weights, &memo);
    queue_warm_ms.push_back(MsSince(t));
    t = Clock::now();
    auto sw = tov::report::Candidates(journal, unit, x, tov::Timestamp::Max(), weights, memo_for);
    candidates_warm_ms.push_back(MsSince(t));
    if (qw.size() != q.size() || !sw.ok() || !s.ok() || sw->candidates.size() != s->candidates.size()) {
      std::fprintf(stderr, "the memo gave another answer\n");
      return 1;
    }
  }
  std::printf("waiting list: %zu citizens on the list, median %.2f ms cold, %.2f ms with the memo, over %d runs (goal <= 10 ms)\n",
              on_list, median(queue_ms), median(queue_warm_ms), runs);
  std::printf("candidates of one dwelling: %zu eligible, median %.2f ms cold, %.2f ms with the memo, over %d runs (goal <= 10 ms)\n",
              eligible, median(candidates_ms), median(candidates_warm_ms), runs);
  return 0;
}
