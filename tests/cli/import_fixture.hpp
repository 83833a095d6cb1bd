#pragma once
// What the import CLI tests share: fixtures written as GeoJSON/CSV text, and a store fixture that
// checks a failing import leaves the store and the input as they were.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace rz::test {

namespace fs = std::filesystem;

inline void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Two villages side by side in EPSG:4546, 1 km x 1 km each.
inline std::string villages_geojson(const std::string& code_a = "431024100201",
                                    const std::string& code_b = "431024100202") {
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4546"}},"features":[
{"type":"Feature","properties":{"村代码":")" +
         code_a +
         R"(","村名":"晋屏村","人口":1200,"备注":"𠮷䶮"},"geometry":{"type":"Polygon","coordinates":[[[540000,2830000],[541000,2830000],[541000,2831000],[540000,2831000],[540000,2830000]]]}},
{"type":"Feature","properties":{"村代码":")" +
         code_b +
         R"(","村名":"丙穴村","人口":800,"备注":null},"geometry":{"type":"MultiPolygon","coordinates":[[[[541000,2830000],[542000,2830000],[542000,2831000],[541000,2831000],[541000,2830000]]]]}}]})";
}

// Store fingerprint: the bytes of the file (absent store = "absent").
inline std::string fingerprint(const std::string& path) {
  return fs::exists(path) ? file_sha256(path) : std::string("absent");
}

struct Fixture {
  ScratchDir dir;
  std::string store = dir / "project.sqlite";
  // Imports the two villages so that later failures have a store to leave unchanged.
  void seed_store() {
    write(dir / "villages.geojson", villages_geojson());
    auto r = run_ruralzone("import villages.geojson --kind villages --store project.sqlite -q",
                           dir.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Runs an import that must fail with exit 1, leaving store and input untouched; returns stderr.
  std::string expect_data_error(const std::string& input, const std::string& args) {
    std::string before_store = fingerprint(store);
    std::string before_input = fs::exists(dir / input) ? file_sha256(dir / input) : "absent";
    auto r =
        run_ruralzone("import " + input + " --store project.sqlite " + args, dir.path().string());
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(fingerprint(store), before_store) << "the store changed";
    std::string after_input = fs::exists(dir / input) ? file_sha256(dir / input) : "absent";
    EXPECT_EQ(after_input, before_input) << "the input changed";
    EXPECT_NE(r.err.find(input), std::string::npos) << "message does not name the file: " << r.err;
    return r.err;
  }
};

}  // namespace rz::test
