// Fuzzes the field mapping (import/field_mapping.hpp): map_fields, find_field and
// normalise_field_name with fuzzed source field names and overrides.
// Input: byte 0 picks the layer kind, byte 1 bit 0 the geometry_from_columns_ok flag; the rest,
// split at '\n', are source field names, except lines "=CANONICAL=SOURCE", which are overrides
// (as --field CANONICAL=SOURCE gives them).
// Expected: DataError (a required field missing, an override naming no field) or UsageError
// (an override of no canonical field); otherwise a mapping in which every source field is
// either taken by exactly one canonical field or kept, every required field is filled, every
// override is honoured, and normalise_field_name is idempotent. Nothing else is thrown.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fuzz_support.hpp"
#include "import/encoding.hpp"
#include "import/field_mapping.hpp"
#include "import/layer_kind.hpp"

using namespace rz::import;
using rz::fuzz::fail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const auto& kinds = all_kinds();
  const KindSpec& kind = kinds[data[0] % kinds.size()];
  const bool columns_ok = data[1] & 1;
  const std::string_view text = rz::fuzz::as_text(data + 2, size - 2);

  std::vector<std::string> fields;
  std::map<std::string, std::string> overrides;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    if (line.size() > 1 && line[0] == '=') {
      const size_t eq = line.find('=', 1);
      if (eq != std::string::npos) {
        overrides[line.substr(1, eq - 1)] = line.substr(eq + 1);
        continue;
      }
    }
    fields.push_back(std::move(line));
  }

  for (const auto& f : fields) {
    // Field names reach the mapping decoded (valid UTF-8); in other bytes a blank removed between
    // 0xEF and the rest of a full-width form would join them, which no decoded name can hold.
    if (!is_valid_utf8(f)) continue;
    const std::string n = normalise_field_name(f);
    if (normalise_field_name(n) != n) fail("normalise_field_name is not idempotent");
  }

  rz::fuzz::expect_project_errors([&] {
    const FieldMapping m = map_fields(kind, fields, overrides, "fuzz.csv", columns_ok);
    if (m.canonical_to_source.size() != kind.fields.size()) fail("mapping size");
    std::vector<int> uses(fields.size(), 0);
    for (size_t c = 0; c < kind.fields.size(); ++c) {
      const auto& s = m.canonical_to_source[c];
      if (!s) {
        if (kind.fields[c].required) fail("a required field is unmapped without an error");
        if (overrides.count(kind.fields[c].name)) fail("an override was dropped");
        continue;
      }
      if (*s < 0 || static_cast<size_t>(*s) >= fields.size()) fail("source index out of range");
      ++uses[static_cast<size_t>(*s)];
      auto o = overrides.find(kind.fields[c].name);
      if (o != overrides.end() &&
          normalise_field_name(fields[static_cast<size_t>(*s)]) != normalise_field_name(o->second))
        fail("an override was not honoured");
    }
    for (int k : m.kept) {
      if (k < 0 || static_cast<size_t>(k) >= fields.size()) fail("kept index out of range");
      ++uses[static_cast<size_t>(k)];
    }
    if (!std::is_sorted(m.kept.begin(), m.kept.end())) fail("kept fields out of order");
    for (int u : uses)
      if (u != 1) fail(fmt::format("a source field is used {} times", u));
  });
  return 0;
}
