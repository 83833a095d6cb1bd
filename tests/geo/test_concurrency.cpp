// The two small concurrency helpers the import pipeline rests on.
#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

#include "geo/bounded_queue.hpp"
#include "geo/parallel_sort.hpp"

using rz::geo::BoundedQueue;

TEST(BoundedQueue, DeliversEverythingInOrderAcrossThreads) {
  BoundedQueue<int> queue(3);
  std::vector<int> got;
  std::thread consumer([&] {
    while (auto v = queue.pop()) got.push_back(*v);
  });
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(queue.push(i));
  queue.close();
  consumer.join();
  ASSERT_EQ(got.size(), 10000u);
  for (int i = 0; i < 10000; ++i) EXPECT_EQ(got[static_cast<size_t>(i)], i);
}

TEST(BoundedQueue, CloseReleasesABlockedProducerAndDrains) {
  BoundedQueue<int> queue(1);
  ASSERT_TRUE(queue.push(1));
  EXPECT_FALSE(queue.try_push(2));                             // full
  std::thread producer([&] { EXPECT_FALSE(queue.push(3)); });  // blocks until closed
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  queue.close();
  producer.join();
  EXPECT_EQ(queue.pop(), 1);  // what was queued before closing is still delivered
  EXPECT_EQ(queue.pop(), std::nullopt);
  EXPECT_EQ(queue.try_pop(), std::nullopt);
}

TEST(ParallelSort, SortsLargeAndSmallRanges) {
  for (size_t n : {size_t{0}, size_t{7}, size_t{250001}}) {
    std::mt19937_64 rng(n);
    std::vector<uint64_t> v(n);
    for (auto& x : v) x = rng() % 1000;  // many duplicates
    auto want = v;
    std::sort(want.begin(), want.end(), std::greater<>());
    rz::geo::parallel_sort(v.begin(), v.end(), std::greater<>());
    EXPECT_EQ(v, want);
  }
}
