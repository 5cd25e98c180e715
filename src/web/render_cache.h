// A cache of rendered views (the API's citizen JSON), bounded in bytes. Each key (a citizen and
// what the user may see of them) holds one rendering, of one version (the citizen's last entry,
// the date, the thresholds): a newer version replaces the older, so that writing and reading
// one citizen in turn keeps one rendering, not one per entry. Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tov::web {

class RenderCache {
 public:
  explicit RenderCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The rendering under `key` when it is of `version`.
  std::optional<std::string> Find(const std::string& key, const std::string& version) const;
  // Stores `value` as `key`'s rendering of `version`. When the cache would hold more than
  // `max_bytes`, it is emptied first (renderings are cheap to make again); a value larger than
  // `max_bytes` is not kept.
  void Put(const std::string& key, const std::string& version, std::string value);
  // Bytes held: keys, versions and values.
  size_t bytes() const;

 private:
  struct Item {
    std::string version;
    std::string value;
  };
  static size_t Size(const std::string& key, const Item& item) {
    return key.size() + item.version.size() + item.value.size();
  }
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Item> items_;
  size_t bytes_ = 0;
};

}  // namespace tov::web
