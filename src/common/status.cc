// Status formatting.
#include "common/status.h"

namespace tov {

std::string Status::ToString() const {
  if (ok()) return "OK";
  if (fields_.empty()) return message_;
  std::string out;
  for (const auto& f : fields_) {
    if (!out.empty()) out += "; ";
    out += f.field + ": " + f.reason;
  }
  return out;
}

}  // namespace tov
