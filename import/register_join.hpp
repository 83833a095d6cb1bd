#pragma once
// The village register (村级台账, kind village_register) joined into the store's villages layer by
// 12-digit village code. The register arrives from the organisation department as a table without
// geometry; the analyses read only the villages layer, so its values are written there: each
// value the register has replaces the village's value of the same canonical field (a blank cell
// leaves the village's own value), and columns the villages layer lacks are added.
//
// The values a register replaced are kept in the store table rz_register_overwritten, so that a
// later register starts again from the villages' own values (it replaces the earlier register
// rather than piling onto it), and a villages layer imported again gets the store's register
// applied again. All of it happens inside the importing transaction: an error leaves the store
// as it was.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "geo/store.hpp"

namespace rz::import {

// What the join found, for the import report: notes (what was joined) and warnings (codes of
// the register that are no village, villages the register lacks, names that differ).
struct RegisterJoin {
  std::vector<std::string> notes;
  std::vector<std::string> warnings;
};

struct RegisterInput {
  std::string source;               // the register file, for messages
  std::string register_layer;       // its store table (village_register)
  std::vector<std::string> fields;  // the canonical fields the register's columns filled
  // Names a register row by its store src_fid ("line 13", "row 13"); empty: by code only.
  std::function<std::string(int64_t)> row_label;
  // The villages layer was just imported again: what rz_register_overwritten holds for it is
  // of the layer it replaced, and is forgotten instead of written back.
  bool villages_reimported = false;
};

// The villages layer a register joins: the layer named villages, else the store's only layer
// of kind villages; std::nullopt when there is none (or several, none named villages).
std::optional<std::string> register_target(geo::Store& store);

// Joins the register just imported as `input.register_layer` into the villages layer (which
// must exist). DataError naming the register file, the village code and the fields when a joined
// village ends up with more households than people.
RegisterJoin join_register(geo::Store& store, const RegisterInput& input);

// After the villages layer was imported again: applies the store's register to it again, when
// the store has one (std::nullopt otherwise). `villages_source` names the villages file.
std::optional<RegisterJoin> reapply_register(geo::Store& store, const std::string& villages_source);

}  // namespace rz::import
