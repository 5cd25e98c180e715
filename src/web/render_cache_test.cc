// Tests of the render cache: one rendering per key, newer versions replace older ones, and the
// bytes held never exceed the bound (issue: alternating a note and a read of one citizen took
// the server from 54 MB to 1.2 GB when each version was kept).
#include "web/render_cache.h"

#include <gtest/gtest.h>

namespace tov::web {
namespace {

TEST(RenderCache, FindsOnlyTheVersionStored) {
  RenderCache cache(1 << 20);
  cache.Put("151-0001|a", "v1", "one");
  EXPECT_EQ(cache.Find("151-0001|a", "v1"), "one");
  EXPECT_FALSE(cache.Find("151-0001|a", "v2"));
  EXPECT_FALSE(cache.Find("151-0002|a", "v1"));
}

TEST(RenderCache, ANewerVersionReplacesTheOlderSoWritesAndReadsInTurnKeepOneRendering) {
  RenderCache cache(1 << 30);
  const std::string view(50'000, 'x');
  for (int version = 0; version < 1000; ++version) cache.Put("151-0001|a", std::to_string(version), view);
  EXPECT_LT(cache.bytes(), 2 * view.size());
  EXPECT_EQ(cache.Find("151-0001|a", "999"), view);
  EXPECT_FALSE(cache.Find("151-0001|a", "998"));
}

TEST(RenderCache, NeverHoldsMoreThanItsBound) {
  const size_t bound = 1'000'000;
  RenderCache cache(bound);
  for (int i = 0; i < 5000; ++i) {
    cache.Put("citizen-" + std::to_string(i), "v", std::string(1000 + i % 700, 'y'));
    ASSERT_LE(cache.bytes(), bound);
  }
  cache.Put("huge", "v", std::string(bound + 1, 'z'));
  EXPECT_FALSE(cache.Find("huge", "v")) << "a value over the bound is not kept";
  EXPECT_LE(cache.bytes(), bound);
}

}  // namespace
}  // namespace tov::web
