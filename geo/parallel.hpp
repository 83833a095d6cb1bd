#pragma once
// The one way ruralzone spreads work over the cores (two on the machines it is planned for).
// Workers take the next chunk of items from a shared counter, so uneven items (big villages,
// long roads) balance themselves; the caller's thread is worker 0; the first error stops the
// handing out of chunks and is rethrown once every worker has joined.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace rz::geo {

// How many workers parallel_for may use for `threads` (size per-worker state with it).
inline size_t worker_count(int threads) {
  return static_cast<size_t>(std::max(1, threads));
}

// Calls fn(worker, i) for every i in [0, n), `chunk` consecutive items at a time, on at most
// worker_count(threads) workers. Each i is given to exactly one worker; a worker's calls come
// one after another, so state indexed by `worker` needs no lock.
template <typename Fn>
void parallel_for(size_t n, int threads, Fn&& fn, size_t chunk = 1) {
  chunk = std::max<size_t>(1, chunk);
  const size_t workers =
      std::min(worker_count(threads), std::max<size_t>(1, (n + chunk - 1) / chunk));
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> errors(workers);
  auto work = [&](size_t worker) {
    try {
      for (size_t begin = next.fetch_add(chunk); begin < n; begin = next.fetch_add(chunk))
        for (size_t i = begin, end = std::min(n, begin + chunk); i < end; ++i) fn(worker, i);
    } catch (...) {
      errors[worker] = std::current_exception();
      next.store(n);  // the others stop at their next chunk
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t worker = 1; worker < workers; ++worker) try {
      pool.emplace_back(work, worker);
    } catch (const std::system_error&) {
      break;  // no thread to be had: the workers already running take the rest
    }
  work(0);
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace rz::geo
