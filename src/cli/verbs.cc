// The dispatcher of the verbs.
#include "cli/verbs.h"

#include <ostream>

namespace tov::cli {

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string verb = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (verb == "import") return Import(rest, out, err);
  if (verb == "export") return Export(rest, out, err);
  if (verb == "report") return Report(rest, out, err);
  if (verb == "alerts") return Alerts(rest, out, err);
  if (verb == "count") return Count(rest, out, err);
  if (verb == "housing") return HousingCommand(rest, out, err);
  if (verb == "settings") return Settings(rest, out, err);
  if (verb == "backup") return Backup(rest, out, err);
  if (verb == "copy") return Copy(rest, out, err);
  if (verb == "demo") return Demo(rest, out, err);
  if (verb == "user") return UserCommand(rest, out, err);
  if (verb == "citizen") return CitizenCommand(rest, out, err);
  if (verb == "access-log") return AccessLogCommand(rest, out, err);
  if (verb == "serve") return Serve(rest, out, err);
  err << "unknown verb \"" << verb << "\"; run `tovholder --help`\n";
  return 2;
}

}  // namespace tov::cli
