// Command-line parsing.
#include "cli/args.h"

#include <charconv>

namespace tov::cli {

StatusOr<Args> Args::Parse(const std::vector<std::string>& argv,
                           const std::set<std::string>& value_flags,
                           const std::set<std::string>& bool_flags) {
  Args a;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
      std::string name = arg.substr(2), value;
      bool has_value = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      if (value_flags.count(name)) {
        if (!has_value) {
          if (i + 1 >= argv.size()) return Status::InvalidField("--" + name, "needs a value");
          value = argv[++i];
        }
        a.flags_[name] = value;
      } else if (bool_flags.count(name) && !has_value) {
        a.flags_[name] = "true";
      } else {
        return Status::InvalidField("--" + name, "is not an option of this command");
      }
    } else {
      a.positional_.push_back(arg);
    }
  }
  return a;
}

std::optional<std::string> Args::Get(const std::string& flag) const {
  auto it = flags_.find(flag);
  if (it == flags_.end()) return std::nullopt;
  return it->second;
}

std::string Args::GetOr(const std::string& flag, const std::string& fallback) const {
  return Get(flag).value_or(fallback);
}

StatusOr<int64_t> Args::GetInt(const std::string& flag, int64_t min, int64_t max,
                               int64_t fallback) const {
  auto v = Get(flag);
  if (!v) return fallback;
  int64_t n = 0;
  const char* end = v->data() + v->size();
  auto [p, ec] = std::from_chars(v->data(), end, n);
  if (v->empty() || ec != std::errc() || p != end || n < min || n > max)
    return Status::InvalidField(
        "--" + flag, "must be a whole number " + std::to_string(min) + "–" + std::to_string(max));
  return n;
}

}  // namespace tov::cli
