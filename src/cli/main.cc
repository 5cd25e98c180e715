// The `tovholder` executable: one verb per job (docs/cli.md). Every verb takes --db FILE or a
// postgresql:// URL (default $TOVHOLDER_DB, else tovholder.db in the working directory); errors
// go to stderr with a non-zero exit.
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>

#include "app/app.h"
#include "cli/args.h"
#include "cli/verbs.h"

namespace {

constexpr const char* kUsage = R"(tovholder — the thread through a homeless citizen's course (Housing First)

Usage: tovholder VERB [options]   (every verb takes --db FILE|postgresql://USER@HOST:PORT/DB,
                                   default $TOVHOLDER_DB, else tovholder.db)

  import FILE                      append a JSON Lines journal (all or nothing)
  export [--out FILE]              write the journal as JSON Lines, ordered by recorded
  demo --citizens N [--seed S] [--today DATE]
                                   add a deterministic synthetic population
  report status --as-of DATE [--known-at TIME] [--municipality CODE]
                [--audience national] --format json|csv|html [--out FILE]
  report youth --as-of DATE [--known-at TIME] [--municipality CODE] [--audience national]
               --format json|csv|html [--out FILE]   the youth model's figures
  report outreach --as-of DATE [--known-at TIME] [--municipality CODE] [--audience national] --format json|csv|html [--out FILE]
  report implementation --as-of DATE [--municipality CODE] [--audience national]
                --format json|csv|html [--out FILE]   implementation stages, support, fidelity
  alerts --as-of DATE [--municipality CODE] [--known-at TIME] --format json
  count --week YYYY-Www [--municipality CODE] [--audience national] [--known-at TIME]
        --format json|csv [--out FILE]   the homeless count of an ISO week (VIVE's count)
  housing queue --as-of DATE --municipality CODE --format json   the waiting list with its points
  housing candidates UNIT --as-of DATE --format json             who may be offered a dwelling, and why not
  citizen show KEY [--as-of DATE]  the citizen's course, recommendation and alerts
  settings set KEY VALUE [--municipality CODE]   alert thresholds
  settings show
  user add NAME --role ROLE [--municipality CODE] [--full-name NAME]   (password from stdin)
  access-log --citizen KEY         who looked at or changed a citizen
  serve [--port N] [--demo] [--web-dir DIR]
                                   the web server (http://localhost:8080), serving DIR under
                                   /static/ (default <exe dir>/../share/tovholder/web/static)
  backup FILE                      a consistent copy of the database (a SQLite file)
  copy --from DB --to DB [--key FILE]
                                   a whole database into a new, empty one (SQLite <-> PostgreSQL)
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  // The verbs return errors as values; this only keeps a slip (an exception from the standard
  // library) from ending in std::terminate and SIGABRT.
  try {
    return tov::cli::Run(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
