#include "app/exit_status.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "geo/error.hpp"

#include "geo/messages.hpp"

namespace rz::app {

Failure failure_of(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const UsageError& e) {
    return {kExitUsage, fmt::format(fmt::runtime(tr("ruralzone: error: {}")), e.what())};
  } catch (const DataError& e) {
    return {kExitData, fmt::format(fmt::runtime(tr("ruralzone: error: {}")), e.what())};
  } catch (const std::filesystem::filesystem_error& e) {
    // A folder that cannot be made, a file that cannot be renamed: the user's files, not a bug.
    return {kExitData, fmt::format(fmt::runtime(tr("ruralzone: error: {}")), e.what())};
  } catch (const std::exception& e) {
    return {kExitInternal,
            fmt::format(fmt::runtime(tr("ruralzone: internal error: {}")), e.what())};
  } catch (...) {
    return {kExitInternal, tr("ruralzone: internal error: an exception that is no std::exception")};
  }
}

}  // namespace rz::app
