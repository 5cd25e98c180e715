// Helpers shared by the verbs: who the command-line user is, printing a Status, opening --db.
#pragma once

#include <memory>
#include <ostream>

#include "app/app.h"
#include "cli/args.h"

namespace tov::cli {

// The command line acts as the operator: the person who holds the database and its key; the
// access log names them "cli:$USER".
Principal CliPrincipal();
// Prints `s` to `err` (one `field: reason` line per field error) and returns the exit code.
int Fail(std::ostream& err, const Status& s);
// Opens the application on --db (default tovholder.db), creating a new database when `create`.
StatusOr<std::unique_ptr<App>> OpenApp(const Args& a, bool create = true);

// The date of --FLAG (required).
StatusOr<Date> DateFlag(const Args& a, const std::string& flag);
// --known-at as a time (a bare date is the end of that UTC day), default now.
StatusOr<Timestamp> KnownAt(const Args& a, const App& app);
// Refuses a --municipality that is not a municipality code.
Status CheckMunicipality(const Args& a);
// Writes `text` to --out FILE, or to `out`.
Status Emit(const Args& a, std::ostream& out, const std::string& text);

}  // namespace tov::cli
