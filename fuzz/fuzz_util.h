// Shared by the fuzz targets: a loud failure that libFuzzer records as a crash (with the input),
// and a private temporary directory for the targets that need a store.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace tov::fuzz {

// Reports a broken property and aborts: libFuzzer saves the input as crash-<sha1>.
[[noreturn]] inline void Fail(std::string_view what, std::string_view detail = "") {
  std::fprintf(stderr, "FUZZ PROPERTY BROKEN: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

#define FUZZ_CHECK(cond, detail)                    \
  do {                                              \
    if (!(cond)) ::tov::fuzz::Fail(#cond, (detail)); \
  } while (0)

// A fresh directory under $TMPDIR (or /dev/shm when it exists: no disk I/O), removed at exit.
class TempDir {
 public:
  TempDir() {
    std::string base = std::getenv("TMPDIR") ? std::getenv("TMPDIR")
                       : std::filesystem::is_directory("/dev/shm") ? "/dev/shm"
                                                                    : "/tmp";
    std::string tmpl = base + "/tovholder_fuzz_XXXXXX";
    if (!::mkdtemp(tmpl.data())) Fail("mkdtemp", tmpl);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tov::fuzz
