// A small command-line parser for the `tovholder` verbs: positional words, `--flag VALUE`,
// `--flag=VALUE` and boolean `--flag`. Unknown flags are errors, so a typo is never ignored.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace tov::cli {

class Args {
 public:
  // `value_flags` take a value; `bool_flags` do not.
  static StatusOr<Args> Parse(const std::vector<std::string>& argv,
                              const std::set<std::string>& value_flags,
                              const std::set<std::string>& bool_flags);
  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> Get(const std::string& flag) const;
  std::string GetOr(const std::string& flag, const std::string& fallback) const;
  // --flag as a whole number in [min, max], or `fallback` when the flag is absent. Anything else
  // ("abc", "", "12abc", "1e3", "+5", a number out of range) is kInvalidArgument
  // `--flag: must be a whole number MIN–MAX` (never an exception).
  StatusOr<int64_t> GetInt(const std::string& flag, int64_t min, int64_t max,
                           int64_t fallback) const;
  bool Has(const std::string& flag) const { return flags_.count(flag) > 0; }

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> flags_;
};

}  // namespace tov::cli
