// Where `serve` finds its web assets: the directory served under /static/.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"

namespace tov::cli {

// `web_dir_flag` (--web-dir DIR, a plain override) when given; otherwise the first directory of,
// next to the executable, <exe dir>/../share/tovholder/web/static (the installed layout) and
// <exe dir>/share/tovholder/web/static (the build tree, where CMake links share/tovholder/web to
// the source's web/). An error naming --web-dir when there is none, so that `serve` stops at start.
StatusOr<std::string> FindStaticDir(const std::optional<std::string>& web_dir_flag);

}  // namespace tov::cli
