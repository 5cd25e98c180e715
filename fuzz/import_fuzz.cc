// Fuzz target: a JSONL byte buffer through the whole import path (App::Import: text checks, the
// entry parser, Journal::Check, and the append to a SQLite store in a temporary directory).
// Properties: no crash, leak or UB; a refused import stores nothing (the export is unchanged) and
// names the lines at fault (1..lines); an accepted one stores every non-blank line, and the store
// read back from the file (a fresh App) exports exactly what the live journal exports.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "app/app.h"
#include "fuzz_util.h"
#include "security/crypto.h"

namespace {

class FixedClock : public tov::Clock {
 public:
  tov::Timestamp Now() const override { return *tov::ParseTimestamp("2030-01-01T00:00:00Z"); }
};

const FixedClock kClock;
const tov::Actor kActor{"fuzz", "cli"};

struct Fixture {
  tov::fuzz::TempDir dir;
  std::string key_path = dir.path() + "/tovholder.key";
  int generation = 0;
  std::string db_path;
  std::unique_ptr<tov::App> app;

  Fixture() {
    if (auto s = tov::crypto::CreateKeyFile(key_path); !s.ok()) tov::fuzz::Fail("key file", s.message());
    Fresh();
  }
  std::unique_ptr<tov::App> Open() const {
    tov::StoreOptions o;
    o.path = db_path;
    o.key_path = key_path;
    auto app = tov::App::Open(o, kClock);
    if (!app.ok()) tov::fuzz::Fail("App::Open", app.status().message());
    return std::move(*app);
  }
  // A new, empty store (the old files removed).
  void Fresh() {
    app.reset();
    if (!db_path.empty()) {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((db_path + suffix).c_str());
    }
    db_path = dir.path() + "/t" + std::to_string(generation++) + ".db";
    app = Open();
  }
};

std::string ExportOf(tov::App& app) {
  std::ostringstream out;
  if (auto s = app.Export(out, kActor); !s.ok()) tov::fuzz::Fail("Export", s.message());
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = new Fixture();  // lives for the process (libFuzzer never returns)
  std::string text(reinterpret_cast<const char*>(data), size);

  size_t lines = 0, non_blank = 0;
  {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      ++lines;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) ++non_blank;
    }
  }

  const std::string before = ExportOf(*fixture->app);
  std::istringstream in(text);
  tov::ImportResult r = fixture->app->Import(in, kActor);
  const std::string after = ExportOf(*fixture->app);
  if (!r.status.ok()) {
    FUZZ_CHECK(before == after, "a refused import changed the journal");
    FUZZ_CHECK(r.imported == 0, r.status.message());
    for (const auto& e : r.errors) {
      FUZZ_CHECK(e.line >= 1 && e.line <= lines, e.ToString());
      FUZZ_CHECK(!e.error.reason.empty(), e.ToString());
    }
    return 0;
  }
  FUZZ_CHECK(r.errors.empty(), r.errors.front().ToString());
  FUZZ_CHECK(r.imported == non_blank,
             std::to_string(r.imported) + " imported of " + std::to_string(non_blank));
  // What was acknowledged is in the file: a second App over the same store sees the same journal.
  {
    auto reopened = fixture->Open();
    FUZZ_CHECK(ExportOf(*reopened) == after, "the store read back differs from the journal");
  }
  if (r.imported > 0) fixture->Fresh();  // keep each input's import independent of the last
  return 0;
}
