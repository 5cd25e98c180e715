// Helpers shared by the verbs: who the command-line user is, printing a Status, opening --db.
#pragma once

#include <memory>
#include <ostream>

#include "app/app.h"
#include "cli/args.h"

namespace tov::cli {

// The actor of command-line work, for the access log: "cli:$USER".
// The command line acts as the operator: the person who holds the database and its key.
Principal CliPrincipal();
// Prints `s` to `err` (one `field: reason` line per field error) and returns the exit code.
int Fail(std::ostream& err, const Status& s);
// Opens the application on --db (default tovholder.db), creating a new database when `create`.
StatusOr<std::unique_ptr<App>> OpenApp(const Args& a, bool create = true);

}  // namespace tov::cli
