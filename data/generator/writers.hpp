#pragma once
// Writing the data files with GDAL (villages.shp in GBK, sample.gpkg, households.csv in GCJ-02,
// facilities.geojson, zone_1plus12.csv, village_register.xlsx) and the text files.
#include <ogr_spatialref.h>

#include <filesystem>
#include <string>

#include "data/generator/model.hpp"
#include "data/generator/projection.hpp"

namespace rz::gen {

void write_villages_shp(const County& c, const std::filesystem::path& dir,
                        const OGRSpatialReference& srs);
void write_gpkg(const County& c, const std::filesystem::path& dir, const OGRSpatialReference& srs);
void write_households(const County& c, const std::filesystem::path& dir, const Projection& proj);
void write_facilities(const County& c, const std::filesystem::path& dir, const Projection& proj);
void write_zone(const County& c, const std::filesystem::path& dir);
void write_register(const County& c, const std::filesystem::path& dir);
void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace rz::gen
