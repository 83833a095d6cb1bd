// Fuzzes the CSV table reader and the longitude/latitude detection of the importer: the bytes
// are written to households.csv and imported with rz::import::import_layer as households into a
// fresh store (GDAL's CSV driver, encoding detection and decoding, lon/lat column detection,
// field mapping, the CGCS2000 guess, web-map offsets by input length: wgs84, gcj02, bd09).
// Expected: an import report, or DataError / UsageError (no lon/lat columns, bad numbers, bad
// encoding, ragged rows, ...). Crashes, sanitizer reports, hangs and any other exception are
// bugs.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = rz::fuzz::write_temp("households.csv", rz::fuzz::as_text(data, size));
  rz::fuzz::import_households(path, static_cast<int>(size % 3));
  return 0;
}
