// The verbs on the journal as a whole: import, export, backup, demo.
#include "cli/verbs.h"

#include <fstream>
#include <algorithm>

#include "app/administration.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "domain/date.h"
#include "store/pg.h"

namespace tov::cli {

int Import(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (a->positional().size() != 1) return Fail(err, Status::InvalidField("FILE", "give one file to import"));
  const std::string& path = a->positional()[0];
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(err, Status::Io("cannot read " + path));
  auto app = OpenApp(*a);
  if (!app.ok()) return Fail(err, app.status());
  ImportResult r = ImportJournal(**app, CliPrincipal(), in);
  if (!r.status.ok()) {
    size_t shown = 0;
    for (const auto& e : r.errors) {
      if (shown++ == 50) {
        err << "… and " << (r.errors.size() - 50) << " more\n";
        break;
      }
      err << e.ToString() << "\n";
    }
    if (r.errors.empty()) err << "error: " << r.status.message() << "\n";
    err << "nothing was imported\n";
    return 2;
  }
  out << "imported " << r.imported << " entries\n";
  return 0;
}

int Export(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "out"}, {});
  if (!a.ok()) return Fail(err, a.status());
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  if (auto path = a->Get("out")) {
    auto f = PrivateOutFile::Open(*path);
    if (!f.ok()) return Fail(err, f.status());
    Status s = ExportJournal(**app, CliPrincipal(), (*f)->stream());
    if (s.ok()) s = (*f)->Close();
    if (!s.ok()) return Fail(err, s);
  } else {
    Status s = ExportJournal(**app, CliPrincipal(), out);
    if (!s.ok()) return Fail(err, s);
  }
  return 0;
}

int Backup(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (a->positional().size() != 1) return Fail(err, Status::InvalidField("FILE", "give the backup file"));
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  Status s = BackupStore(**app, CliPrincipal(), a->positional()[0]);
  if (!s.ok()) return Fail(err, s);
  out << "backup written to " << a->positional()[0];
  if (pg::IsUrl(DatabaseOf(*a)))
    out << " (a SQLite file; it opens with the same key, TOVHOLDER_KEY_FILE; keep the key safe too, it is not in the backup)\n";
  else
    out << " (keep the key file " << (*app)->location() << ".key safe too; it is not in the backup)\n";
  return 0;
}

int Demo(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "citizens", "seed", "today"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (!a->Has("citizens"))
    return Fail(err, Status::InvalidField("--citizens", "is required: a whole number of citizens"));
  auto n = a->GetInt("citizens", 0, 99'999'999, 0);
  if (!n.ok()) return Fail(err, n.status());
  auto seed = a->GetInt("seed", 0, 999'999'999'999'999'999, 1);
  if (!seed.ok()) return Fail(err, seed.status());
  auto app = OpenApp(*a);
  if (!app.ok()) return Fail(err, app.status());
  std::string today = a->GetOr("today", TodayUtc(**app));
  if (!ParseDate(today)) return Fail(err, Status::InvalidField("--today", "must be a real date YYYY-MM-DD"));
  Status s = AddDemo(**app, static_cast<int>(*n), static_cast<uint64_t>(*seed), today, out);
  if (!s.ok()) return Fail(err, s);
  return 0;
}

}  // namespace tov::cli
