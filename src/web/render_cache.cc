// The bounded cache of rendered views.
#include "web/render_cache.h"

namespace tov::web {

std::optional<std::string> RenderCache::Find(const std::string& key, const std::string& version) const {
  std::lock_guard lock(mu_);
  auto it = items_.find(key);
  if (it == items_.end() || it->second.version != version) return std::nullopt;
  return it->second.value;
}

void RenderCache::Put(const std::string& key, const std::string& version, std::string value) {
  std::lock_guard lock(mu_);
  if (auto it = items_.find(key); it != items_.end()) {
    bytes_ -= Size(it->first, it->second);
    items_.erase(it);
  }
  Item item{version, std::move(value)};
  const size_t size = Size(key, item);
  if (size > max_bytes_) return;
  if (bytes_ + size > max_bytes_) {
    items_.clear();
    bytes_ = 0;
  }
  bytes_ += size;
  items_.emplace(key, std::move(item));
}

size_t RenderCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace tov::web
