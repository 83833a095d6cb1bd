#pragma once
// Writes converted features into a store layer on a second thread, so that reading the source
// (GDAL decoding, PROJ, GEOS) and writing the store (SQLite) use both cores. Rows travel in
// batches through a bounded queue: memory stays a few batches whatever the layer size.
//
// The store's connection belongs to the writer thread from construction until finish() or
// destruction; the caller must not touch the store in between.
#include <atomic>
#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "geo/bounded_queue.hpp"
#include "geo/store.hpp"

namespace rz::import {

struct PendingRow {
  enum class Geometry { none, point, shape };
  int64_t fid = 0;
  std::vector<geo::Value> values;
  std::string attrs;
  Geometry geometry = Geometry::none;
  double x = 0, y = 0;             // point; a shape's point inside (geo/inner_points.hpp)
  std::vector<unsigned char> wkb;  // shape
  geo::Envelope envelope{};        // shape
};

class BackgroundWriter {
 public:
  explicit BackgroundWriter(geo::LayerWriter& writer);
  ~BackgroundWriter();  // stops the thread; rows not finished are simply not written
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // A row to fill and then hand over with commit_row(). Throws the writer thread's error, if any.
  PendingRow& next_row();
  void commit_row();
  // Flushes, waits for the thread and rethrows its error; then LayerWriter::finish() may run.
  void finish();

 private:
  using Batch = std::vector<PendingRow>;
  void send(bool force);
  void consume();
  void rethrow_if_failed();

  geo::LayerWriter& writer_;
  geo::BoundedQueue<Batch> full_{4};
  geo::BoundedQueue<Batch> empty_{8};  // spent batches come back to keep their allocations
  Batch current_;
  size_t used_ = 0;
  std::atomic<bool> failed_{false};
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace rz::import
