#pragma once
#include <cstdio>

#include "import/importer.hpp"

namespace rz::app {
// Prints what an import did: which source field filled each canonical field, encoding, CRS,
// warnings. Warnings go to stderr even when quiet; the rest to stdout unless quiet.
void print_import_report(const import::ImportReport& report, bool quiet);
}  // namespace rz::app
