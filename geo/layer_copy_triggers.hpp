#pragma once
// Copies of a layer's data kept in a store table of their own, keyed by layer (the column copy of
// point layers, point_columns.hpp; the inner points of polygon layers, inner_points.hpp), stay
// true through three plain-SQL triggers on the layer's table: on any INSERT, UPDATE or DELETE,
// by ruralzone or any other program, they delete the layer's rows from the copy's table.
// Readers use a copy only while its triggers exist (a table dropped and created again outside
// ruralzone has lost them).
#include <string>
#include <string_view>

#include "geo/sqlite.hpp"

namespace rz::geo {

struct LayerCopy {
  std::string_view trigger_prefix;  // the triggers are <prefix>_<layer>_insert/update/delete
  std::string_view table;           // the copy's table, with a `layer` column
};

void create_copy_triggers(Database& db, const LayerCopy& copy, const std::string& layer);
void drop_copy_triggers(Database& db, const LayerCopy& copy, const std::string& layer);
bool has_copy_triggers(Database& db, const LayerCopy& copy, const std::string& layer);

}  // namespace rz::geo
