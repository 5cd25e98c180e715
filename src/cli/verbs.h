// The verbs of the `tovholder` command line (docs/cli.md), by group: the journal as a whole
// (journal_verbs.cc), figures (report_verbs.cc), housing allocation (housing_verbs.cc), administration (admin_verbs.cc), the server
// (serve_verb.cc). Each parses its options, calls one use case of src/app and prints what it
// returns; errors go to stderr as `field: reason` with a non-zero exit code.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "common/status.h"

namespace tov::cli {

using Argv = std::vector<std::string>;

// Runs the verb in args[0]; returns the process exit code.
int Run(const Argv& args, std::ostream& out, std::ostream& err);

int Import(const Argv& argv, std::ostream& out, std::ostream& err);
int Export(const Argv& argv, std::ostream& out, std::ostream& err);
int Backup(const Argv& argv, std::ostream& out, std::ostream& err);
int Copy(const Argv& argv, std::ostream& out, std::ostream& err);
int Demo(const Argv& argv, std::ostream& out, std::ostream& err);
int Report(const Argv& argv, std::ostream& out, std::ostream& err);
int Alerts(const Argv& argv, std::ostream& out, std::ostream& err);
int Count(const Argv& argv, std::ostream& out, std::ostream& err);
int HousingCommand(const Argv& argv, std::ostream& out, std::ostream& err);
int Settings(const Argv& argv, std::ostream& out, std::ostream& err);
int UserCommand(const Argv& argv, std::ostream& out, std::ostream& err);
int CitizenCommand(const Argv& argv, std::ostream& out, std::ostream& err);
int AccessLogCommand(const Argv& argv, std::ostream& out, std::ostream& err);
int Serve(const Argv& argv, std::ostream& out, std::ostream& err);

// Demo data (demo_data.cc): fills an empty journal with a synthetic population of `citizens`
// as of `today`; adds one user of each role with the password "demo-password".
Status AddDemo(App& app, int citizens, uint64_t seed, const std::string& today, std::ostream& out);
Status AddDemoUsers(App& app, std::ostream& out);
std::string TodayUtc(const App& app);

}  // namespace tov::cli
