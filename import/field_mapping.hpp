#pragma once
// Finds which source field fills each canonical field of a layer kind: explicit overrides from
// the project file or --field first, then the kind's synonyms (Chinese, pinyin, English).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "import/layer_kind.hpp"

namespace rz::import {

struct FieldMapping {
  // canonical field index (into KindSpec::fields) -> source field index, or nullopt
  std::vector<std::optional<int>> canonical_to_source;
  // source fields no canonical field took: kept as attributes
  std::vector<int> kept;
};

// `source_fields` are the source's field names in UTF-8. `overrides` maps canonical -> source
// name. Throws DataError naming `source_label` when a required field is missing (listing the
// fields found and the names that would have matched) or an override names a missing field.
FieldMapping map_fields(const KindSpec& kind, const std::vector<std::string>& source_fields,
                        const std::map<std::string, std::string>& overrides,
                        const std::string& source_label, bool geometry_from_columns_ok = true);

// Normalised form used for matching: trimmed, ASCII lower case, full-width forms folded.
std::string normalise_field_name(std::string_view name);

// Index of the first field whose normalised name is in `synonyms`, skipping `taken`.
std::optional<int> find_field(const std::vector<std::string>& source_fields,
                              const std::vector<std::string>& synonyms,
                              const std::vector<bool>& taken);

}  // namespace rz::import
