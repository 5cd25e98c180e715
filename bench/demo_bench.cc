// Demo generator benchmark (was the unit test DemoTest.TimeFor100000Citizens, moved out of the
// sanitized unit run to keep CI short): generates `demo --citizens N` twice, once counting the
// entries and once writing each as JSON, and prints the times. Printed, never asserted.
// Usage: demo_bench [citizens=100000]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "demo/demo.h"

int main(int argc, char** argv) {
  const int citizens = argc > 1 ? std::atoi(argv[1]) : 100'000;
  if (citizens < 1) {
    std::fprintf(stderr, "usage: demo_bench [citizens=100000]\n");
    return 2;
  }
  tov::demo::DemoOptions options;
  options.citizens = citizens;
  size_t count = 0, bytes = 0;
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  tov::demo::Generate(options, [&](const nlohmann::json&) { ++count; });
  double generate = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  start = std::chrono::steady_clock::now();
  tov::demo::Generate(options, [&](const nlohmann::json& j) { bytes += j.dump().size() + 1; });
  double with_dump = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "demo: %d citizens: %zu entries (%.1f per citizen), %.2f s to generate (%.2f s CPU), "
      "%.2f s with dump (%.0f MB of JSON Lines)\n",
      citizens, count, static_cast<double>(count) / citizens, generate, cpu, with_dump, bytes / 1e6);
  return count > static_cast<size_t>(citizens) * 15 ? 0 : 1;
}
