// ParallelFor: runs fn(begin, end) over [0, n) split into contiguous chunks on up to
// `max_threads` threads (the calling thread takes the first chunk). For bulk work such as
// parsing a large import; small inputs run on the calling thread alone.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace tov {

template <typename Fn>
void ParallelFor(size_t n, Fn fn, size_t min_chunk = 20000, size_t max_threads = 0) {
  if (max_threads == 0) max_threads = std::max(1u, std::thread::hardware_concurrency());
  size_t threads = std::min(max_threads, std::max<size_t>(1, n / min_chunk));
  if (threads <= 1) {
    fn(size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  size_t chunk = (n + threads - 1) / threads;
  for (size_t t = 1; t < threads; ++t) {
    size_t b = t * chunk, e = std::min(n, b + chunk);
    if (b < e) pool.emplace_back([=, &fn] { fn(b, e); });
  }
  fn(size_t{0}, std::min(n, chunk));
  for (auto& th : pool) th.join();
}

}  // namespace tov
