// The verbs of the `tovholder` command line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tov::cli {

// Runs the verb in args[0]; returns the process exit code.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace tov::cli
