// Helpers shared by the verbs.
#include "cli/cli_util.h"

#include <cstdlib>

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

}  // namespace tov::cli
