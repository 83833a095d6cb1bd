#pragma once
// std::sort on two threads: each half sorted on its own core, then merged. libstdc++'s parallel
// algorithms need TBB, which this would pull in for one call; province-scale sorts (millions of
// index entries) are where the second core pays.
#include <algorithm>
#include <functional>
#include <iterator>
#include <thread>

namespace rz::geo {

template <typename It, typename Compare>
void parallel_sort(It first, It last, Compare comp) {
  const auto n = std::distance(first, last);
  if (n < 100000) {  // not worth a thread
    std::sort(first, last, comp);
    return;
  }
  It middle = first + n / 2;
  std::thread other([&] { std::sort(first, middle, comp); });
  std::sort(middle, last, comp);
  other.join();
  std::inplace_merge(first, middle, last, comp);
}

template <typename It>
void parallel_sort(It first, It last) {
  parallel_sort(first, last, std::less<>());
}

}  // namespace rz::geo
