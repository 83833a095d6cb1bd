#include "import/background_writer.hpp"

namespace rz::import {

namespace {
constexpr size_t kBatchRows = 4096;
}

BackgroundWriter::BackgroundWriter(geo::LayerWriter& writer)
    : writer_(writer), thread_([this] { consume(); }) {
  current_.resize(kBatchRows);
}

BackgroundWriter::~BackgroundWriter() {
  full_.close();
  empty_.close();
  if (thread_.joinable()) thread_.join();
}

PendingRow& BackgroundWriter::next_row() {
  rethrow_if_failed();
  PendingRow& row = current_[used_];
  row.geometry = PendingRow::Geometry::none;
  return row;
}

void BackgroundWriter::commit_row() {
  if (++used_ == current_.size()) send(false);
}

void BackgroundWriter::send(bool force) {
  if (used_ == 0 && !force) return;
  current_.resize(used_);
  if (!full_.push(std::move(current_))) rethrow_if_failed();
  used_ = 0;
  if (force) return;
  // Reuse a spent batch when the writer has handed one back: its rows keep their allocations.
  if (auto spent = empty_.try_pop())
    current_ = std::move(*spent);
  else
    current_ = Batch();
  current_.resize(kBatchRows);
}

void BackgroundWriter::finish() {
  send(true);
  full_.close();
  if (thread_.joinable()) thread_.join();
  rethrow_if_failed();
}

void BackgroundWriter::rethrow_if_failed() {
  if (failed_.load()) {
    full_.close();
    if (thread_.joinable()) thread_.join();
    std::rethrow_exception(error_);
  }
}

void BackgroundWriter::consume() {
  try {
    while (auto batch = full_.pop()) {
      for (const PendingRow& row : *batch) {
        switch (row.geometry) {
          case PendingRow::Geometry::none:
            writer_.add_without_geometry(row.fid, row.values, row.attrs);
            break;
          case PendingRow::Geometry::point:
            writer_.add_point(row.fid, row.values, row.attrs, row.x, row.y);
            break;
          case PendingRow::Geometry::shape:
            writer_.add(row.fid, row.values, row.attrs, row.wkb, row.envelope,
                        std::pair{row.x, row.y});
            break;
        }
      }
      empty_.try_push(std::move(*batch));
    }
  } catch (...) {
    error_ = std::current_exception();
    failed_.store(true);
    full_.close();  // the producer's next push fails and it rethrows
  }
}

}  // namespace rz::import
