# Every dependency is a Debian 12 package; .ci/run installs them (see README).
find_package(GDAL CONFIG REQUIRED)
find_package(GEOS 3.11 CONFIG REQUIRED)
find_package(PROJ CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SPATIALITE REQUIRED IMPORTED_TARGET spatialite)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)
# Printed maps (geo/canvas): cairo draws PNG, PDF and SVG; pango shapes the Chinese text.
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo pangocairo fontconfig)
# The workbook: libxlsxwriter (Debian libxlsxwriter-dev), behind RAII in geo/xlsx_book.hpp.
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(CLI11 CONFIG REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
