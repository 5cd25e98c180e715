// Verbs defined in more_commands.cc.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tov::cli {

int Demo(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
int UserCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
int CitizenCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
int AccessLogCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
int Serve(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace tov::cli
