#pragma once
// What the QGIS outputs of an export show (export/qgis_export.hpp), from the declarations: each
// store layer's presentation (an analysis's result layer from the registry, an imported layer
// from its kind), and a note for each analysis whose layers the store lacks.
#include <string>
#include <vector>

#include "export/qgis_export.hpp"
#include "geo/store.hpp"

namespace rz::app {

// The notes are also what `warnings` receives (one per analysis not run), for the terminal.
exporting::QgisExport qgis_export_for(geo::Store& store, std::vector<std::string>* warnings);

}  // namespace rz::app
