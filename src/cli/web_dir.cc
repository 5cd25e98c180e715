// The static directory of `serve`: --web-dir, or found next to the executable (never the source tree).
#include "cli/web_dir.h"

#include <filesystem>
#include <system_error>
#include <vector>

// The installed web directory relative to the executable's directory (from GNUInstallDirs).
#ifndef TOVHOLDER_WEB_FROM_BIN
#define TOVHOLDER_WEB_FROM_BIN "../share/tovholder/web"
#endif

namespace tov::cli {
namespace {

namespace fs = std::filesystem;

bool IsDirectory(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec);
}

}  // namespace

StatusOr<std::string> FindStaticDir(const std::optional<std::string>& web_dir_flag) {
  if (web_dir_flag) {
    if (!IsDirectory(*web_dir_flag))
      return Status::InvalidField("--web-dir", "\"" + *web_dir_flag + "\" is not a directory");
    return *web_dir_flag;
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return Status::FailedPrecondition("cannot find the executable (/proc/self/exe: " + ec.message() +
                                            "); give the directory of the web assets with --web-dir DIR");
  const fs::path bin_dir = exe.parent_path();
  const std::vector<fs::path> candidates = {bin_dir / TOVHOLDER_WEB_FROM_BIN / "static",
                                            bin_dir / "share/tovholder/web/static"};
  std::string looked;
  for (const auto& c : candidates) {
    fs::path dir = c.lexically_normal();
    if (IsDirectory(dir)) return dir.string();
    looked += (looked.empty() ? "" : ", ") + dir.string();
  }
  return Status::FailedPrecondition("no web assets (looked in " + looked +
                                    "); give the directory served under /static/ with --web-dir DIR");
}

}  // namespace tov::cli
