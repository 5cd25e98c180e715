// Helpers shared by the verbs.
#include "cli/cli_util.h"

#include <cstdlib>
#include <fstream>

#include "domain/municipality.h"

namespace tov::cli {

Principal CliPrincipal() {
  const char* user = std::getenv("USER");
  return Principal::Operator(std::string("cli:") + (user && *user ? user : "unknown"));
}

int Fail(std::ostream& err, const Status& s) {
  if (!s.field_errors().empty()) {
    for (const auto& f : s.field_errors()) err << f.field << ": " << f.reason << "\n";
  } else {
    err << "error: " << s.message() << "\n";
  }
  return s.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

StatusOr<std::unique_ptr<App>> OpenApp(const Args& a, bool create) {
  StoreOptions o;
  o.path = a.GetOr("db", "tovholder.db");
  o.create = create;
  return App::Open(o);
}

StatusOr<Date> DateFlag(const Args& a, const std::string& flag) {
  auto v = a.Get(flag);
  if (!v) return Status::InvalidField("--" + flag, "is required (YYYY-MM-DD)");
  auto d = ParseDate(*v);
  if (!d) return Status::InvalidField("--" + flag, "must be a real date YYYY-MM-DD, not \"" + *v + "\"");
  return *d;
}

StatusOr<Timestamp> KnownAt(const Args& a, const App& app) {
  auto v = a.Get("known-at");
  if (!v) return app.Now();
  auto t = ParseTimestamp(*v, /*allow_date_only=*/true);
  if (!t) return Status::InvalidField("--known-at", "must be an ISO 8601 time such as 2024-03-01T23:59:59Z (or a date)");
  return *t;
}

Status CheckMunicipality(const Args& a) {
  if (auto m = a.Get("municipality"); m && !FindMunicipality(*m))
    return Status::InvalidField("--municipality", "\"" + *m + "\" is not a municipality code");
  return Status::Ok();
}

// Writes to --out FILE, or to `out`.
Status Emit(const Args& a, std::ostream& out, const std::string& text) {
  if (auto path = a.Get("out")) {
    std::ofstream f(*path, std::ios::binary);
    f << text;
    if (!f) return Status::Io("cannot write " + *path);
    return Status::Ok();
  }
  out << text;
  return Status::Ok();
}

}  // namespace tov::cli
