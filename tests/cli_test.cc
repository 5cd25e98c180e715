// End-to-end tests of the `tovholder` binary: import/export round trip, all-or-nothing import errors, refusals.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace {

using json = nlohmann::json;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<json> ParseJsonLines(const std::string& text) {
  std::vector<json> out;
  for (const auto& line : Lines(text)) {
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << line;
    out.push_back(j);
  }
  return out;
}

std::multiset<std::string> AsSet(const std::vector<json>& v) {
  std::multiset<std::string> out;
  for (const auto& j : v) out.insert(j.dump());  // keys are sorted by nlohmann, so dump is canonical
  return out;
}

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

// A good journal: three citizens, many kinds, lines not in `recorded` order.
const char* const kGoodJournal[] = {
    R"({"id":"a1","citizen":"151-0001","municipality":"151","kind":"registered","date":"2023-01-10","recorded":"2023-01-10T08:00:00Z","by":"cw1","cpr":"150685-1234","name":"Anna","referred_by":"outreach"})",
    R"({"id":"a2","citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-01-10","recorded":"2023-01-10T09:00:00Z","by":"cw1","situation":"shelter","ready_for_housing":true})",
    R"({"id":"b1","citizen":"101-0001","municipality":"101","kind":"registered","date":"2023-02-01","recorded":"2023-02-01T08:00:00Z","by":"cw2","cpr":"0711927788","referred_by":"prison"})",
    R"({"id":"a4","citizen":"151-0001","municipality":"151","kind":"course_started","date":"2023-03-01","recorded":"2023-03-01T10:00:00Z","by":"cw1","course":"151-0001-cti","method":"CTI","worker":"w1"})",
    R"({"id":"a3","citizen":"151-0001","municipality":"151","kind":"assessment","date":"2023-02-15","recorded":"2023-02-15T09:00:00Z","by":"cw1","needs":{"housing":4,"mental_health":2},"uses_ordinary_services":"partly"})",
    R"({"id":"b2","citizen":"101-0001","municipality":"101","kind":"housing","date":"2023-02-01","recorded":"2023-02-01T09:00:00Z","by":"cw2","situation":"prison"})",
    R"({"id":"b3","citizen":"101-0001","municipality":"101","kind":"release_planned","date":"2023-02-10","recorded":"2023-02-10T09:00:00Z","by":"cw2","from":"prison","expected":"2023-03-01","housing_solution":false})",
    R"({"id":"a5","citizen":"151-0001","municipality":"151","kind":"course_phase","date":"2023-06-01","recorded":"2023-06-01T09:00:00Z","by":"w1","course":"151-0001-cti","phase":2})",
    R"({"id":"a6","citizen":"151-0001","municipality":"151","kind":"contact","date":"2023-06-02","recorded":"2023-06-02T09:00:00Z","by":"w1","worker":"w1","mode":"visit","minutes":45})",
    R"({"id":"a7","citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-04-01","recorded":"2023-04-01T09:00:00Z","by":"w1","situation":"own_home"})",
    R"({"id":"c1","citizen":"730-0001","municipality":"730","kind":"registered","date":"2023-03-05","recorded":"2023-03-05T08:00:00Z","by":"cw3","birth_date":"2001-07-30"})",
    R"({"id":"c2","citizen":"730-0001","municipality":"730","kind":"housing","date":"2023-03-05","recorded":"2023-03-05T09:00:00Z","by":"cw3","situation":"street"})",
    R"({"id":"c3","citizen":"730-0001","municipality":"730","kind":"youth_status","date":"2023-03-06","recorded":"2023-03-06T09:00:00Z","by":"cw3","activity":"job_seeking"})",
    R"({"id":"c4","citizen":"730-0001","municipality":"730","kind":"note","date":"2023-03-06","recorded":"2023-03-06T09:30:00Z","by":"cw3","text":"Sover i Kongens Have"})",
    R"({"id":"c5","citizen":"730-0001","municipality":"730","kind":"void","date":"2023-03-07","recorded":"2023-03-07T09:00:00Z","by":"cw3","entry":"c4"})",
    R"({"id":"c6","citizen":"730-0001","municipality":"730","kind":"moved","date":"2023-05-01","recorded":"2023-05-01T09:00:00Z","by":"cw3","to":"751"})",
    R"({"id":"b4","citizen":"101-0001","municipality":"101","kind":"decision","date":"2023-02-20","recorded":"2023-02-20T09:00:00Z","by":"cw2","paragraph":"110","granted":true})",
    R"({"id":"b5","citizen":"101-0001","municipality":"101","kind":"action_plan","date":"2023-02-21","recorded":"2023-02-21T09:00:00Z","by":"cw2","status":"offered"})",
    R"({"id":"b6","citizen":"101-0001","municipality":"101","kind":"housing_offer","date":"2023-02-22","recorded":"2023-02-22T09:00:00Z","by":"cw2","unit":"K-12","status":"offered"})",
    R"({"id":"a8","citizen":"151-0001","municipality":"151","kind":"course_ended","date":"2023-12-01","recorded":"2023-12-01T09:00:00Z","by":"w1","course":"151-0001-cti","reason":"completed"})",
    R"({"id":"b7","citizen":"101-0001","municipality":"101","kind":"died","date":"2023-09-01","recorded":"2023-09-02T09:00:00Z","by":"cw2"})",
};

std::string GoodJournal() {
  std::string out;
  for (const char* line : kGoodJournal) out += std::string(line) + "\n";
  return out;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tovholder-cli-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/t.db";
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Runs the real binary in the temp dir, with no key in the environment; with `binary` false,
  // `args` is the whole command.
  Result Run(const std::string& args, bool binary = true) {
    const std::string out = dir_ + "/stdout.txt";
    const std::string err = dir_ + "/stderr.txt";
    std::string cmd = "cd '" + dir_ + "' && env -u TOVHOLDER_KEY -u TOVHOLDER_KEY_FILE " +
                      (binary ? "'" + std::string(TOVHOLDER_BINARY) + "' " : std::string()) + args +
                      " >'" + out + "' 2>'" + err + "'";
    int status = std::system(cmd.c_str());
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadBytes(out);
    r.err = ReadBytes(err);
    return r;
  }
  Result Import(const std::string& file_text, const std::string& name = "in.jsonl") {
    const std::string path = dir_ + "/" + name;
    WriteBytes(path, file_text);
    return Run("import '" + path + "' --db '" + db_ + "'");
  }
  Result Export() { return Run("export --db '" + db_ + "'"); }

  // Lines of stderr of the form `line N: ...`, by N.
  static std::multimap<int, std::string> LineErrors(const std::string& err) {
    std::multimap<int, std::string> out;
    for (const auto& l : Lines(err)) {
      if (l.rfind("line ", 0) != 0) continue;
      size_t colon = l.find(':');
      if (colon == std::string::npos) continue;
      out.emplace(std::stoi(l.substr(5, colon - 5)), l.substr(colon + 2));
    }
    return out;
  }
  // Whether stderr has `line N: field: ...`.
  static bool HasLineError(const std::string& err, int line, const std::string& field) {
    auto errors = LineErrors(err);
    auto [lo, hi] = errors.equal_range(line);
    for (auto it = lo; it != hi; ++it)
      if (it->second.rfind(field + ": ", 0) == 0 && it->second.size() > field.size() + 2) return true;
    return false;
  }

  std::string dir_;
  std::string db_;
};

TEST_F(CliTest, ImportThenExportGivesTheSameEntries) {
  Result imp = Import(GoodJournal());
  ASSERT_EQ(imp.code, 0) << imp.err;
  EXPECT_NE(imp.out.find(std::to_string(std::size(kGoodJournal))), std::string::npos) << imp.out;

  Result exp = Export();
  ASSERT_EQ(exp.code, 0) << exp.err;
  std::vector<json> exported = ParseJsonLines(exp.out);
  std::vector<json> written = ParseJsonLines(GoodJournal());
  ASSERT_EQ(exported.size(), written.size());
  EXPECT_EQ(AsSet(exported), AsSet(written));

  // Ordered by recorded (all timestamps here have the same format, so text order is time order).
  for (size_t i = 1; i < exported.size(); ++i)
    EXPECT_LE(exported[i - 1]["recorded"].get<std::string>(), exported[i]["recorded"].get<std::string>())
        << "line " << i + 1;
  // The CPR numbers come back as written, and not in the database file.
  EXPECT_NE(exp.out.find("150685-1234"), std::string::npos);
  EXPECT_NE(exp.out.find("0711927788"), std::string::npos);
  std::string stored;  // the database file and its WAL, if any
  for (const std::string suffix : {"", "-wal", "-journal"})
    if (std::filesystem::exists(db_ + suffix)) stored += ReadBytes(db_ + suffix);
  for (const char* cpr : {"150685-1234", "1506851234", "071192-7788", "0711927788"})
    EXPECT_EQ(stored.find(cpr), std::string::npos) << cpr << " is in the database file";
  EXPECT_NE(stored.find("Sover i Kongens Have"), std::string::npos);  // the bytes are searchable

  // An export imports into an empty database as the same journal.
  const std::string second_db = dir_ + "/second.db";
  WriteBytes(dir_ + "/export.jsonl", exp.out);
  Result imp2 = Run("import '" + dir_ + "/export.jsonl' --db '" + second_db + "'");
  ASSERT_EQ(imp2.code, 0) << imp2.err;
  Result exp2 = Run("export --db '" + second_db + "'");
  ASSERT_EQ(exp2.code, 0) << exp2.err;
  EXPECT_EQ(exp2.out, exp.out);
}

TEST_F(CliTest, ImportWithoutIdOrRecordedFillsThemIn) {
  Result imp = Import(
      R"({"citizen":"151-0009","municipality":"151","kind":"registered","date":"2023-01-10","birth_date":"1980-01-01"})"
      "\n\n"
      R"({"citizen":"151-0009","municipality":"151","kind":"housing","date":"2023-01-10","situation":"street"})"
      "\r\n");
  ASSERT_EQ(imp.code, 0) << imp.err;
  std::vector<json> exported = ParseJsonLines(Export().out);
  ASSERT_EQ(exported.size(), 2u);
  std::set<std::string> ids;
  for (const auto& j : exported) {
    ASSERT_TRUE(j.contains("id"));
    ASSERT_TRUE(j.contains("recorded"));
    // `by` stays absent when the file leaves it out (docs/journal-format.md).
    EXPECT_FALSE(j.contains("by"));
    ids.insert(j["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 2u);
}

// Optional fields given as null are read as absent; the database stays readable afterwards.
TEST_F(CliTest, NullOptionalFieldsImportAndExport) {
  Result imp = Import(
      R"({"id":"r1","citizen":"151-0009","municipality":"151","kind":"registered","date":"2023-01-10","birth_date":"1980-01-01","name":null})"
      "\n"
      R"({"id":null,"citizen":"151-0009","municipality":"151","kind":"housing","date":"2023-01-10","recorded":null,"by":null,"situation":"street","ready_for_housing":null})"
      "\n");
  ASSERT_EQ(imp.code, 0) << imp.err;
  Result exp = Export();
  ASSERT_EQ(exp.code, 0) << exp.err;
  std::vector<json> exported = ParseJsonLines(exp.out);
  ASSERT_EQ(exported.size(), 2u);
  for (const auto& j : exported) {
    ASSERT_TRUE(j.contains("id"));
    EXPECT_TRUE(j["id"].is_string()) << j.dump();
    EXPECT_TRUE(j["recorded"].is_string()) << j.dump();
    EXPECT_FALSE(j.contains("ready_for_housing")) << j.dump();
    EXPECT_FALSE(j.contains("name")) << j.dump();
  }
  EXPECT_NE(exported[0]["id"], exported[1]["id"]);
}

// A CPR number hidden under a duplicate key (JSON keeps the last value) never reaches the file.
TEST_F(CliTest, DuplicateCprKeyDoesNotLeakIntoTheDatabase) {
  Result imp = Import(
      R"({"id":"r1","citizen":"151-0009","municipality":"151","kind":"registered","date":"2023-01-10","cpr":"150685-1234","cpr":null,"birth_date":"1985-06-15"})"
      "\n");
  ASSERT_EQ(imp.code, 0) << imp.err;
  std::string stored;
  for (const std::string suffix : {"", "-wal", "-journal"})
    if (std::filesystem::exists(db_ + suffix)) stored += ReadBytes(db_ + suffix);
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(stored.find("150685-1234"), std::string::npos);
  EXPECT_EQ(stored.find("1506851234"), std::string::npos);
  Result exp = Export();
  ASSERT_EQ(exp.code, 0) << exp.err;
  EXPECT_EQ(exp.out.find("150685"), std::string::npos) << exp.out;  // the last value (null) counts
}

// Lines 2–6 fail on their own (checked before the journal): every one is reported.
TEST_F(CliTest, InvalidLinesAreAllReportedAndNothingIsStored) {
  ASSERT_EQ(Import(GoodJournal(), "good.jsonl").code, 0);
  const std::string before = Export().out;
  ASSERT_FALSE(before.empty());

  const std::string bad =
      // 1: valid on its own (a new citizen) — must not be stored either
      R"({"id":"n1","citizen":"151-0100","municipality":"151","kind":"registered","date":"2024-01-02","cpr":"010190-1111"})" "\n"
      // 2: bad JSON
      R"({"citizen":"151-0001","municipality":"151","kind":"housing",)" "\n"
      // 3: unknown kind
      R"({"citizen":"151-0001","municipality":"151","kind":"birthday","date":"2024-01-02"})" "\n"
      // 4: missing field
      R"({"citizen":"151-0001","municipality":"151","kind":"housing","date":"2024-01-02"})" "\n"
      // 5: not a real date
      R"({"citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-02-29","situation":"street"})" "\n"
      // 6: unknown municipality
      R"({"citizen":"151-0001","municipality":"999","kind":"housing","date":"2024-01-02","situation":"street"})" "\n";
  Result r = Import(bad);
  EXPECT_NE(r.code, 0);
  EXPECT_TRUE(HasLineError(r.err, 2, "json")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 3, "kind")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 4, "situation")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 5, "date")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 6, "municipality")) << r.err;
  EXPECT_EQ(LineErrors(r.err).count(1), 0u) << r.err;
  EXPECT_EQ(LineErrors(r.err).size(), 5u) << r.err;

  EXPECT_EQ(Export().out, before);
}

// Lines that are valid on their own but not against the journal: every one is reported.
TEST_F(CliTest, LinesFailingAgainstTheJournalAreAllReportedAndNothingIsStored) {
  ASSERT_EQ(Import(GoodJournal(), "good.jsonl").code, 0);
  const std::string before = Export().out;

  const std::string bad =
      // 1: valid (a new citizen)
      R"({"id":"n1","citizen":"151-0100","municipality":"151","kind":"registered","date":"2024-01-02","cpr":"010190-1111"})" "\n"
      // 2: valid
      R"({"id":"n2","citizen":"151-0100","municipality":"151","kind":"housing","date":"2024-01-02","situation":"street"})" "\n"
      // 3: a citizen never registered
      R"({"id":"n3","citizen":"151-0404","municipality":"151","kind":"housing","date":"2024-01-02","situation":"street"})" "\n"
      // 4: void of an unknown id
      R"({"id":"n4","citizen":"151-0001","municipality":"151","kind":"void","date":"2024-01-02","entry":"zz"})" "\n"
      // 5: duplicate id (of the journal)
      R"({"id":"a2","citizen":"151-0001","municipality":"151","kind":"housing","date":"2024-01-02","situation":"street"})" "\n"
      // 6: duplicate id (of line 2)
      R"({"id":"n2","citizen":"151-0100","municipality":"151","kind":"note","date":"2024-01-02","text":"x"})" "\n"
      // 7: registered again
      R"({"citizen":"151-0001","municipality":"151","kind":"registered","date":"2024-01-02","birth_date":"1985-06-15"})" "\n";
  Result r = Import(bad);
  EXPECT_NE(r.code, 0);
  EXPECT_TRUE(HasLineError(r.err, 3, "citizen")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 4, "entry")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 5, "id")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 6, "id")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 7, "citizen")) << r.err;
  EXPECT_EQ(LineErrors(r.err).count(1), 0u) << r.err;
  EXPECT_EQ(LineErrors(r.err).count(2), 0u) << r.err;
  EXPECT_EQ(LineErrors(r.err).size(), 5u) << r.err;

  EXPECT_EQ(Export().out, before);
}

// Plausibility (DESIGN §4) and one citizen per CPR number (DESIGN §7) against the journal and
// the file: each implausible line is `line N: field: reason`, and nothing is stored. The
// operator's import names the holder of a CPR number.
TEST_F(CliTest, ImplausibleLinesAndASecondCprNumberAreLineErrors) {
  ASSERT_EQ(Import(GoodJournal(), "good.jsonl").code, 0);
  const std::string before = Export().out;
  const std::string against_journal =
      // 1: 151-0001's CPR number (150685-1234), without the dash, for another citizen
      R"({"citizen":"151-0200","municipality":"151","kind":"registered","date":"2024-01-02","cpr":"1506851234"})"
      "\n"
      // 2: valid
      R"({"citizen":"151-0201","municipality":"151","kind":"registered","date":"2024-01-02","cpr":"020202-2222"})"
      "\n"
      // 3: line 2's number again
      R"({"citizen":"151-0202","municipality":"151","kind":"registered","date":"2024-01-02","cpr":"0202022222"})"
      "\n"
      // 4: before 151-0001's birth (1985-06-15)
      R"({"citizen":"151-0001","municipality":"151","kind":"housing","date":"1985-06-14","situation":"street"})"
      "\n"
      // 5: a phase before the course started (2023-03-01)
      R"({"citizen":"151-0001","municipality":"151","kind":"course_phase","date":"2023-02-28","course":"151-0001-cti","phase":1})"
      "\n"
      // 6: back to phase 1 after the stored phase 2 (2023-06-01)
      R"({"citizen":"151-0001","municipality":"151","kind":"course_phase","date":"2023-07-01","course":"151-0001-cti","phase":1})"
      "\n"
      // 7: a phase 3 dated before the stored phase 2
      R"({"citizen":"151-0001","municipality":"151","kind":"course_phase","date":"2023-05-01","course":"151-0001-cti","phase":3})"
      "\n"
      // 8: an end before the course started
      R"({"citizen":"151-0001","municipality":"151","kind":"course_ended","date":"2023-02-28","course":"151-0001-cti","reason":"other"})"
      "\n"
      // 9: valid (the birth day itself)
      R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"1985-06-15","text":"born"})"
      "\n";
  Result r = Import(against_journal);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("line 1: cpr: is already registered for citizen \"151-0001\"\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("line 3: cpr: is already registered for citizen \"151-0201\"\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("line 4: date: is before the citizen's birth (1985-06-15)\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("line 5: date: is before the course started (2023-03-01)\n"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(HasLineError(r.err, 6, "phase")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 7, "phase")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 8, "date")) << r.err;
  EXPECT_EQ(LineErrors(r.err).size(), 7u) << r.err;
  EXPECT_EQ(Export().out, before);

  const std::string on_their_own =
      // 1: dated after the day it is recorded (Danish time: 23:00Z on 31 May is 1 June, 01:00)
      R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"2024-06-02","recorded":"2024-05-31T23:00:00Z","text":"x"})"
      "\n"
      // 2: valid, the boundary
      R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"2024-06-01","recorded":"2024-05-31T23:00:00Z","text":"x"})"
      "\n"
      // 3: a release expected before its date
      R"({"citizen":"101-0001","municipality":"101","kind":"release_planned","date":"2023-02-11","from":"prison","expected":"2023-02-10","housing_solution":false})"
      "\n"
      // 4: a name of spaces
      R"({"citizen":"151-0203","municipality":"151","kind":"registered","date":"2024-01-02","birth_date":"1990-01-01","name":"  "})"
      "\n"
      // 5: born after the registration
      R"({"citizen":"151-0204","municipality":"151","kind":"registered","date":"2024-01-02","birth_date":"2030-01-01"})"
      "\n"
      // 6: a note dated 2099
      R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"2099-01-01","text":"x"})"
      "\n";
  r = Import(on_their_own);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(
      r.err.find("line 1: date: is later than the day it is recorded (2024-06-01, Danish time)\n"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("line 3: expected: is before the entry's date (2023-02-11)\n"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(HasLineError(r.err, 4, "name")) << r.err;
  EXPECT_NE(r.err.find("line 5: birth_date: gives a birth date (2030-01-01) after the date of the "
                       "registration\n"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(HasLineError(r.err, 6, "date")) << r.err;
  EXPECT_EQ(LineErrors(r.err).size(), 5u) << r.err;
  EXPECT_EQ(Export().out, before);
}

// All eight kinds of problem in one file: nothing is stored, and the lines that fail on their own
// are reported (docs/journal-format.md: journal checks are not run when some lines fail alone).
TEST_F(CliTest, MixedProblemsInOneFileStoreNothing) {
  ASSERT_EQ(Import(GoodJournal(), "good.jsonl").code, 0);
  const std::string before = Export().out;
  const std::string bad =
      R"({not json)" "\n"
      R"({"citizen":"151-0001","municipality":"151","kind":"birthday","date":"2024-01-02"})" "\n"
      R"({"citizen":"151-0001","municipality":"151","kind":"contact","date":"2024-01-02","worker":"w1","mode":"visit"})" "\n"
      R"({"citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-02-29","situation":"street"})" "\n"
      R"({"citizen":"151-0001","municipality":"999","kind":"housing","date":"2024-01-02","situation":"street"})" "\n"
      R"({"citizen":"151-0404","municipality":"151","kind":"housing","date":"2024-01-02","situation":"street"})" "\n"
      R"({"citizen":"151-0001","municipality":"151","kind":"void","date":"2024-01-02","entry":"zz"})" "\n"
      R"({"id":"a2","citizen":"151-0001","municipality":"151","kind":"housing","date":"2024-01-02","situation":"street"})" "\n";
  Result r = Import(bad);
  EXPECT_NE(r.code, 0);
  EXPECT_TRUE(HasLineError(r.err, 1, "json")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 2, "kind")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 3, "minutes")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 4, "date")) << r.err;
  EXPECT_TRUE(HasLineError(r.err, 5, "municipality")) << r.err;
  EXPECT_EQ(Export().out, before);
}

// A NUL byte ended a line for the JSON parser, so `{valid}\0{more}` was imported as `{valid}`.
// A NUL byte or invalid UTF-8 anywhere in a line is now that line's error, and nothing is stored.
TEST_F(CliTest, ANulByteOrInvalidUtf8InALineIsALineError) {
  ASSERT_EQ(Import(GoodJournal(), "good.jsonl").code, 0);
  const std::string before = Export().out;
  const std::string valid =
      R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"2024-01-02","text":"ok"})";
  const std::string bad =
      valid + "\n" +  // 1: fine
      valid + std::string(1, '\0') +
      R"({"x":1})"
      "\n" +  // 2: NUL after an entry
      std::string(1, '\0') +
      "\n" +               // 3: a NUL alone
      valid + " \xff\n" +  // 4: invalid UTF-8 after it
      R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"2024-01-02","text":")"
      "\xc3(\"}\n";  // 5: inside a string
  Result r = Import(bad);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("line 2: json: contains a NUL byte"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 3: json: contains a NUL byte"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4: json: is not valid UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 5: json: is not valid UTF-8"), std::string::npos) << r.err;
  EXPECT_EQ(LineErrors(r.err).count(1), 0u) << r.err;
  EXPECT_EQ(Export().out, before);
}

TEST_F(CliTest, ManyBadLinesPrintAtLeastTwenty) {
  ASSERT_EQ(Import(GoodJournal(), "good.jsonl").code, 0);
  const std::string before = Export().out;
  std::string bad;
  for (int i = 0; i < 30; ++i)
    bad += R"({"citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-02-29","situation":"street"})"
           "\n";
  Result r = Import(bad);
  EXPECT_NE(r.code, 0);
  auto errors = LineErrors(r.err);
  EXPECT_GE(errors.size(), 20u) << r.err;
  for (int line = 1; line <= 20; ++line) EXPECT_TRUE(HasLineError(r.err, line, "date")) << line;
  EXPECT_EQ(Export().out, before);
}

// The database, its backups and every file written with --out hold personal data: they are
// 0600 whatever the umask, also when --out replaces a file that others could read.
TEST_F(CliTest, DatabaseBackupAndOutFilesAre0600WithUmask022) {
  const mode_t old_umask = ::umask(022);
  auto mode_of = [](const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 0777) : -1;
  };
  ASSERT_EQ(Import(GoodJournal()).code, 0);
  EXPECT_EQ(mode_of(db_), 0600);
  EXPECT_EQ(mode_of(db_ + ".key"), 0600);
  const std::string exported = dir_ + "/export.jsonl";
  ASSERT_EQ(Run("export --out '" + exported + "' --db '" + db_ + "'").code, 0);
  EXPECT_NE(ReadBytes(exported).find("150685-1234"), std::string::npos);  // it holds CPR numbers
  EXPECT_EQ(mode_of(exported), 0600);
  const std::string replaced = dir_ + "/old.jsonl";
  WriteBytes(replaced, "old");
  ASSERT_EQ(mode_of(replaced), 0644);
  ASSERT_EQ(Run("export --out '" + replaced + "' --db '" + db_ + "'").code, 0);
  EXPECT_EQ(ReadBytes(replaced), ReadBytes(exported));
  EXPECT_EQ(mode_of(replaced), 0600);
  const std::string alerts = dir_ + "/alerts.json";
  ASSERT_EQ(
      Run("alerts --as-of 2024-01-01 --format json --out '" + alerts + "' --db '" + db_ + "'").code,
      0);
  EXPECT_EQ(mode_of(alerts), 0600);
  const std::string backup = dir_ + "/backup.db";
  Result b = Run("backup '" + backup + "' --db '" + db_ + "'");
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_EQ(mode_of(backup), 0600);
  // Writing to a path that cannot be created is an error, not a crash.
  Result bad = Run("export --out '" + dir_ + "/no-such-dir/x.jsonl' --db '" + db_ + "'");
  EXPECT_EQ(bad.code, 1) << bad.err;
  EXPECT_NE(bad.err.find("no-such-dir"), std::string::npos) << bad.err;
  ::umask(old_umask);
}

// `serve --threads abc` threw std::invalid_argument out of main (SIGABRT). Every numeric flag is
// now a clear `--flag: …` line on stderr and exit 2, checked before a database is opened.
TEST_F(CliTest, ANonNumericOrOutOfRangeNumericFlagIsAClearErrorNotACrash) {
  struct Case {
    std::string args;
    std::string flag;
  };
  const std::vector<Case> cases = {
      {"serve --threads abc", "--threads"},
      {"serve --threads ''", "--threads"},
      {"serve --threads 12abc", "--threads"},
      {"serve --threads -4", "--threads"},
      {"serve --threads 0", "--threads"},
      {"serve --threads 99999999999999999999", "--threads"},
      {"serve --threads 1e3", "--threads"},
      {"serve --port abc", "--port"},
      {"serve --port 65536", "--port"},
      {"serve --port -1", "--port"},
      {"serve --port 99999999999999999999", "--port"},
      {"serve --max-connections abc", "--max-connections"},
      {"serve --max-connections 0", "--max-connections"},
      {"demo --citizens abc", "--citizens"},
      {"demo --citizens -1", "--citizens"},
      {"demo --citizens 10 --seed x", "--seed"},
      {"demo --citizens 10 --seed 99999999999999999999", "--seed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    Result r = Run(c.args + " --db '" + db_ + "'");
    EXPECT_EQ(r.code, 2) << r.err;  // -1: killed by a signal
    EXPECT_EQ(r.err.rfind(c.flag + ": ", 0), 0u) << r.err;
    EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(db_))
        << "a database was created before the flags were checked";
  }
  // Settings values are positional, not flags, but no number may crash either.
  for (const std::string v : {"abc", "99999999999999999999", "-1", "6x"}) {
    Result r = Run("settings set shelter_months " + v + " --db '" + db_ + "'");
    EXPECT_EQ(r.code, 2) << v << ": " << r.err;
  }
}

// Under `ulimit -n 256`, a connection limit of 5000 is lowered at start to leave descriptors for
// the database, and the start line says what it is.
TEST_F(CliTest, ServeFitsTheConnectionLimitToTheOpenFileLimit) {
  const std::string web = std::string(TOVHOLDER_SOURCE_DIR) + "/web/static";
  Result r =
      Run("sh -c 'ulimit -n 256 && exec timeout --preserve-status -s INT 3 \"$0\" \"$@\"' '" +
              std::string(TOVHOLDER_BINARY) +
              "' serve --port 0 --max-connections 5000 --web-dir '" + web + "' --db '" + db_ + "'",
          /*binary=*/false);
  EXPECT_EQ(r.code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("at most ([0-9]+) connections"))) << r.out;
  int limit = std::stoi(m[1]);
  EXPECT_GT(limit, 0);
  EXPECT_LE(limit, 256 - 100) << r.out;
  EXPECT_NE(r.err.find("connection limit lowered from 5000"), std::string::npos) << r.err;
}

TEST_F(CliTest, UserAddTakesAnOptionalFullName) {
  Result r = Run("sh -c \"echo 'a long enough password' | '" + std::string(TOVHOLDER_BINARY) +
                     "' user add mkj --role caseworker --municipality 151 --full-name ' Mette Kjær' --db '" + db_ + "'\"",
                 false);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "added user mkj (caseworker)\n");
  r = Run("sh -c \"echo 'a long enough password' | '" + std::string(TOVHOLDER_BINARY) +
              "' user add bo --role caseworker --municipality 151 --db '" + db_ + "'\"",
          false);
  ASSERT_EQ(r.code, 0) << r.err;
  r = Run("sh -c \"echo 'a long enough password' | '" + std::string(TOVHOLDER_BINARY) +
              "' user add tom --role caseworker --municipality 151 --full-name '  ' --db '" + db_ + "'\"",
          false);
  EXPECT_EQ(r.code, 2) << "an invalid value (docs/cli.md, exit codes)";
  EXPECT_NE(r.err.find("full_name: must be 1–100 characters"), std::string::npos) << r.err;
  tov::StoreOptions o;
  o.path = db_;
  o.create = false;
  o.key_path = db_ + ".key";
  auto store = tov::OpenStore(o);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*(*store)->FindUser("mkj"))->full_name, "Mette Kjær");
  EXPECT_EQ((*(*store)->FindUser("bo"))->full_name, "");
  EXPECT_FALSE((*store)->FindUser("tom")->has_value());
}

TEST_F(CliTest, RefusesADbFileThatIsNotATovholderDatabase) {
  WriteBytes(db_, "hello");
  WriteBytes(dir_ + "/good.jsonl", GoodJournal());
  Result imp = Run("import '" + dir_ + "/good.jsonl' --db '" + db_ + "'");
  EXPECT_NE(imp.code, 0);
  EXPECT_NE(imp.err.find("not a tovholder database"), std::string::npos) << imp.err;
  Result exp = Export();
  EXPECT_NE(exp.code, 0);
  EXPECT_NE(exp.err.find("not a tovholder database"), std::string::npos) << exp.err;
  Result rep = Run("report status --as-of 2024-01-01 --db '" + db_ + "'");
  EXPECT_NE(rep.code, 0);
  EXPECT_EQ(ReadBytes(db_), "hello");
  EXPECT_FALSE(std::filesystem::exists(db_ + ".key"));
}

TEST_F(CliTest, ExportOfAMissingDatabaseFailsWithoutCreatingIt) {
  Result exp = Export();
  EXPECT_NE(exp.code, 0);
  EXPECT_FALSE(exp.err.empty());
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliTest, ReportRefusesANonexistentAsOfDate) {
  ASSERT_EQ(Import(GoodJournal()).code, 0);
  Result r = Run("report status --as-of 2023-02-29 --format json --db '" + db_ + "'");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("--as-of"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  Result missing = Run("report status --format json --db '" + db_ + "'");
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("--as-of"), std::string::npos) << missing.err;
  Result alerts = Run("alerts --as-of 2023-02-29 --format json --db '" + db_ + "'");
  EXPECT_NE(alerts.code, 0);
  EXPECT_NE(alerts.err.find("--as-of"), std::string::npos) << alerts.err;
}

TEST_F(CliTest, UnknownMunicipalityIsRefused) {
  ASSERT_EQ(Import(GoodJournal()).code, 0);
  Result r = Run("report status --as-of 2024-01-01 --municipality 999 --format json --db '" + db_ + "'");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("--municipality"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  Result a = Run("alerts --as-of 2024-01-01 --municipality 999 --format json --db '" + db_ + "'");
  EXPECT_NE(a.code, 0);
  EXPECT_NE(a.err.find("--municipality"), std::string::npos) << a.err;
}

// The homeless count (DESIGN §10): the JSON of the case file, the person form as CSV, national
// pseudonyms, strict weeks, and every citizen named logged as `list`.
TEST_F(CliTest, CountOfAWeek) {
  const std::string cases = std::string(TOVHOLDER_SOURCE_DIR) + "/tests/cases/";
  ASSERT_EQ(Run("import '" + cases + "count_week_2024_w06.jsonl' --db '" + db_ + "'").code, 0);
  const json expected = json::parse(ReadBytes(cases + "count_week_2024_w06.case.json"))["count"]["expected"];

  Result r = Run("count --week 2024-W06 --format json --db '" + db_ + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out), expected);

  Result csv = Run("count --week 2024-W06 --municipality 151 --format csv --db '" + db_ + "'");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "municipality,citizen,situation,age_band,method\r\n"
            "151,151-0001,street,40-49,ICM\r\n"  // ICM and CTI open: the first in method order
            "151,151-0002,friends_family,18-24,\r\n"
            "151,151-0005,shelter,25-29,youth\r\n"
            "151,151-0007,prison,60+,\r\n"
            "151,151-0010,street,25-29,\r\n"
            "151,151-0011,shelter,40-49,\r\n"
            "151,730-0001,street,40-49,\r\n");

  Result nat = Run("count --week 2024-W06 --audience national --format json --db '" + db_ + "'");
  ASSERT_EQ(nat.code, 0) << nat.err;
  const json n = json::parse(nat.out);
  ASSERT_EQ(n["municipalities"]["151"].size(), 7u);
  ASSERT_EQ(n["municipalities"]["730"].size(), 1u);
  std::set<std::string> situations;
  for (const auto& [m, list] : n["municipalities"].items()) {
    std::string previous;
    for (const auto& person : list) {
      const std::string c = person["citizen"];
      EXPECT_TRUE(std::regex_match(c, std::regex("P-[a-z2-7]{16}"))) << c;
      EXPECT_EQ(nat.out.find("151-00"), std::string::npos);
      EXPECT_LT(previous, c) << "sorted by pseudonym";
      previous = c;
    }
  }
  EXPECT_EQ(n["municipalities"]["730"][0]["situation"], "hotel");
  Result nat2 = Run("count --week 2024-W06 --audience national --format csv --db '" + db_ + "'");
  ASSERT_EQ(nat2.code, 0) << nat2.err;
  EXPECT_EQ(nat2.out.rfind("municipality,pseudonym,situation,age_band,method\r\n", 0), 0u) << nat2.out;
  EXPECT_NE(nat2.out.find("730," + n["municipalities"]["730"][0]["citizen"].get<std::string>() + ",hotel,18-24,\r\n"),
            std::string::npos)
      << nat2.out;

  // Keys shown are logged as `list`; pseudonyms are not.
  Result log = Run("access-log --citizen 151-0007 --db '" + db_ + "'");
  ASSERT_EQ(log.code, 0) << log.err;
  size_t listed = 0;
  for (const auto& line : Lines(log.out))
    if (line.find("  list  count 2024-W06") != std::string::npos) ++listed;
  EXPECT_EQ(listed, 2u) << log.out;  // the JSON and the CSV run, not the two national runs
  Result unlisted = Run("access-log --citizen 151-0003 --db '" + db_ + "'");
  EXPECT_EQ(unlisted.out.find("count 2024-W06"), std::string::npos) << unlisted.out;

  for (const std::string bad : {"2024-W53", "2024-W00", "2024-W6", "2024W06", "2024-02-05", "2021-W53"}) {
    Result b = Run("count --week " + bad + " --format json --db '" + db_ + "'");
    EXPECT_NE(b.code, 0) << bad;
    EXPECT_NE(b.err.find("--week"), std::string::npos) << bad << ": " << b.err;
    EXPECT_TRUE(b.out.empty()) << b.out;
  }
  Result missing = Run("count --format json --db '" + db_ + "'");
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("--week"), std::string::npos) << missing.err;
  Result week53 = Run("count --week 2020-W53 --format json --db '" + db_ + "'");
  ASSERT_EQ(week53.code, 0) << week53.err;
  EXPECT_EQ(json::parse(week53.out),
            json::parse(R"({"week":"2020-W53","from":"2020-12-28","to":"2021-01-03","municipalities":{}})"));
  Result fmt = Run("count --week 2024-W06 --format html --db '" + db_ + "'");
  EXPECT_NE(fmt.code, 0);
  EXPECT_NE(fmt.err.find("--format"), std::string::npos) << fmt.err;
}

// The youth model (DESIGN §10): its kinds import and export losslessly, a bad team member is a
// line error naming the member, and `report youth` prints the case's figures as JSON and CSV.
TEST_F(CliTest, YouthKindsRoundTripAndTheYouthReport) {
  const std::string cases = std::string(TOVHOLDER_SOURCE_DIR) + "/tests/cases/";
  const std::string journal = ReadBytes(cases + "youth_model.jsonl");
  ASSERT_EQ(Import(journal).code, 0);
  Result exp = Export();
  ASSERT_EQ(exp.code, 0) << exp.err;
  std::vector<json> in = ParseJsonLines(journal), out = ParseJsonLines(exp.out);
  for (auto& j : out) j.erase("id");  // assigned at import
  EXPECT_EQ(AsSet(in), AsSet(out));

  Result bad = Import(
      R"({"citizen":"151-0001","municipality":"151","kind":"youth_team","date":"2024-05-01","recorded":"2024-05-01T09:00:00Z","members":[{"role":"coordinator"},{"role":"mentor"}]})"
      "\n",
      "bad.jsonl");
  EXPECT_NE(bad.code, 0);
  EXPECT_TRUE(HasLineError(bad.err, 1, "members[1].role")) << bad.err;

  Result r = Run("report youth --as-of 2024-06-30 --format json --db '" + db_ + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["as_of"], "2024-06-30");
  EXPECT_EQ(j["total"]["youth_cohort"]["value"], 4);
  EXPECT_EQ(j["total"]["youth_stays"]["value"], 884);
  EXPECT_EQ(j["municipalities"]["730"]["youth_team_complete_share"]["numerator"], 1);
  Result m = Run("report youth --as-of 2024-06-30 --municipality 730 --format csv --db '" + db_ + "'");
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(m.out.rfind("municipality,indicator,split,key,numerator,denominator,value\r\n", 0), 0u) << m.out;
  EXPECT_NE(m.out.find("730,youth_background_share,by_background,family_case,1,1,1.0\r\n"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("730,youth_stays,by_situation,friends_family,,,122\r\n"), std::string::npos) << m.out;
  EXPECT_EQ(m.out.find("151,"), std::string::npos) << m.out;
  // HTML: a printable Danish page with the definitions and the charts.
  Result html = Run("report youth --as-of 2024-06-30 --format html --db '" + db_ + "'");
  ASSERT_EQ(html.code, 0) << html.err;
  EXPECT_EQ(html.out.rfind("<!doctype html>\n<html lang=\"da\">", 0), 0u);
  EXPECT_NE(html.out.find("Fuldt team"), std::string::npos);
  EXPECT_NE(html.out.find("<svg"), std::string::npos);
  EXPECT_NE(html.out.find("@media print"), std::string::npos);
  Result fmt = Run("report youth --as-of 2024-06-30 --format xml --db '" + db_ + "'");
  EXPECT_NE(fmt.code, 0);
  EXPECT_NE(fmt.err.find("--format"), std::string::npos) << fmt.err;
  // The national audience: a cohort of 4 is hidden, with every share built on it.
  Result nat = Run("report youth --as-of 2024-06-30 --audience national --format json --db '" + db_ + "'");
  ASSERT_EQ(nat.code, 0) << nat.err;
  const json n = json::parse(nat.out);
  EXPECT_EQ(n["audience"], "national");
  EXPECT_EQ(n["total"]["youth_cohort"], json::parse(R"({"suppressed": true})")) << nat.out;
  EXPECT_EQ(n["total"]["youth_team_complete_share"], json::parse(R"({"suppressed": true})")) << nat.out;
  EXPECT_EQ(nat.out.find("\"numerator\""), std::string::npos) << nat.out;
}

// Outreach (DESIGN §10): the anonymous registration, the identification and contacts with place
// and night import and export losslessly; an identification without consent or with a number
// already held is a line error; `report outreach` prints the case's figures as JSON, CSV, HTML
// and for the national audience.
TEST_F(CliTest, OutreachKindsRoundTripAndTheOutreachReport) {
  const std::string cases = std::string(TOVHOLDER_SOURCE_DIR) + "/tests/cases/";
  const std::string journal = ReadBytes(cases + "outreach_street.jsonl");
  ASSERT_EQ(Import(journal).code, 0);
  Result exp = Export();
  ASSERT_EQ(exp.code, 0) << exp.err;
  std::vector<json> in = ParseJsonLines(journal), out = ParseJsonLines(exp.out);
  for (auto& j : out) j.erase("id");  // assigned at import
  EXPECT_EQ(AsSet(in), AsSet(out));

  Result no_consent = Import(
      R"({"citizen":"101-A2","municipality":"101","kind":"identified","date":"2024-06-01","recorded":"2024-06-01T09:00:00Z","cpr":"0303031234","consent":false})"
      "\n",
      "bad1.jsonl");
  EXPECT_NE(no_consent.code, 0);
  EXPECT_TRUE(HasLineError(no_consent.err, 1, "consent")) << no_consent.err;
  Result held = Import(
      R"({"citizen":"101-A2","municipality":"101","kind":"identified","date":"2024-06-01","recorded":"2024-06-01T09:00:00Z","cpr":"1506851234","consent":true})"
      "\n",
      "bad2.jsonl");
  EXPECT_NE(held.code, 0);
  EXPECT_TRUE(HasLineError(held.err, 1, "cpr")) << held.err;
  EXPECT_NE(held.err.find("101-A1"), std::string::npos) << "the operator is told the holder: " << held.err;

  Result r = Run("report outreach --as-of 2024-06-30 --format json --db '" + db_ + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["total"]["outreach_contacts"]["value"], 7);
  EXPECT_EQ(j["total"]["outreach_identified"]["value"], 1);
  EXPECT_EQ(j["municipalities"]["101"]["outreach_off_street_90d"]["denominator"], 2);
  Result csv = Run("report outreach --as-of 2024-06-30 --municipality 851 --format csv --db '" + db_ + "'");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_NE(csv.out.find("851,outreach_contacts,by_place,Aalborg Banegård,,,2\r\n"), std::string::npos) << csv.out;
  EXPECT_EQ(csv.out.find("101,"), std::string::npos) << csv.out;
  Result html = Run("report outreach --as-of 2024-06-30 --format html --db '" + db_ + "'");
  ASSERT_EQ(html.code, 0) << html.err;
  EXPECT_NE(html.out.find("Opsøgende arbejde"), std::string::npos);
  EXPECT_NE(html.out.find("Hovedbanegården"), std::string::npos);
  // Each section charts its contacts by place (the SVG of report/svg_chart.h, ids per section).
  EXPECT_NE(html.out.find("id=\"outreach-places-i-alt-title\""), std::string::npos) << html.out.substr(0, 2000);
  EXPECT_NE(html.out.find("id=\"outreach-places-851-title\""), std::string::npos);
  Result nat = Run("report outreach --as-of 2024-06-30 --audience national --format json --db '" + db_ + "'");
  ASSERT_EQ(nat.code, 0) << nat.err;
  EXPECT_EQ(json::parse(nat.out)["total"]["outreach_identified"], json::parse(R"({"suppressed": true})"));
  Result fmt = Run("report outreach --as-of 2024-06-30 --format xml --db '" + db_ + "'");
  EXPECT_NE(fmt.code, 0);
  EXPECT_NE(fmt.err.find("--format"), std::string::npos) << fmt.err;
}

}  // namespace
