#include "geo/zip_file.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <climits>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo {

namespace {

// Closes the archive on every path out; an unfinished archive is left for the caller to remove.
struct ZipHandle {
  void* handle = nullptr;
  ~ZipHandle() {
    if (handle) CPLCloseZip(handle);
  }
};

}  // namespace

void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& entries) {
  auto fail = [&](const std::string& what) {
    return DataError(fmt::format("{}: {}: {}", path, what, CPLGetLastErrorMsg()));
  };
  ZipHandle zip{CPLCreateZip(path.c_str(), nullptr)};
  if (!zip.handle) throw fail(tr("cannot create the ZIP archive"));
  for (const auto& [name, bytes] : entries) {
    if (bytes.size() > static_cast<size_t>(INT_MAX))
      throw fail(fmt::format(fmt::runtime(tr("cannot hold {} in the ZIP archive")), name));
    if (CPLCreateFileInZip(zip.handle, name.c_str(), nullptr) != CE_None)
      throw fail(fmt::format(fmt::runtime(tr("cannot add {} to the ZIP archive")), name));
    if (CPLWriteFileInZip(zip.handle, bytes.data(), static_cast<int>(bytes.size())) != CE_None)
      throw fail(fmt::format(fmt::runtime(tr("cannot write {} into the ZIP archive")), name));
    if (CPLCloseFileInZip(zip.handle) != CE_None)
      throw fail(fmt::format(fmt::runtime(tr("cannot finish {} in the ZIP archive")), name));
  }
  void* handle = zip.handle;
  zip.handle = nullptr;
  if (CPLCloseZip(handle) != CE_None) throw fail(tr("cannot close the ZIP archive"));
}

}  // namespace rz::geo
