#include "geo/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using rz::geo::parallel_for;
using rz::geo::worker_count;

TEST(Parallel, EveryItemOnceOnAtMostTheWorkersAsked) {
  for (const size_t chunk : {size_t{1}, size_t{7}, size_t{1000}}) {
    const size_t n = 10'001;
    std::vector<std::atomic<int>> seen(n);
    std::vector<std::set<std::thread::id>> ids(worker_count(2));
    std::vector<size_t> count(worker_count(2));
    // The other worker waits for the caller's first item: were the machine busy, it could
    // otherwise take every chunk before the caller takes one, and there would be no worker 0 to
    // check.
    std::atomic<bool> caller_started{false};
    parallel_for(
        n, 2,
        [&](size_t worker, size_t i) {
          if (worker == 0)
            caller_started = true;
          else
            while (!caller_started) std::this_thread::yield();
          seen[i]++;
          ids[worker].insert(std::this_thread::get_id());
          ++count[worker];
        },
        chunk);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(seen[i].load(), 1) << "item " << i;
    EXPECT_EQ(count[0] + count[1], n);
    for (const auto& s : ids) EXPECT_LE(s.size(), 1u);      // a worker is one thread
    EXPECT_TRUE(ids[0].count(std::this_thread::get_id()));  // worker 0 is the caller
  }
}

TEST(Parallel, NoItemsAndOneThread) {
  int calls = 0;
  parallel_for(0, 2, [&](size_t, size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
  std::vector<size_t> order;
  parallel_for(5, 1, [&](size_t worker, size_t i) {
    EXPECT_EQ(worker, 0u);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(worker_count(0), 1u);
  EXPECT_EQ(worker_count(-3), 1u);
}

TEST(Parallel, TheFirstErrorIsRethrownAndStopsTheRest) {
  std::atomic<size_t> calls{0};
  EXPECT_THROW(parallel_for(1'000'000, 2,
                            [&](size_t, size_t i) {
                              ++calls;
                              if (i == 10) throw std::runtime_error("item 10");
                            }),
               std::runtime_error);
  EXPECT_LT(calls.load(), 1'000'000u);  // no chunk handed out after the error
}
