#include "import/field_mapping.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::import {

std::string normalise_field_name(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    // Full-width ASCII (U+FF01..U+FF5E, EF BC 81 .. EF BD 9E) folds to ASCII.
    if (c == 0xEF && i + 2 < name.size()) {
      auto b1 = static_cast<unsigned char>(name[i + 1]);
      auto b2 = static_cast<unsigned char>(name[i + 2]);
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
        out += static_cast<char>(std::tolower(b2 - 0x81 + 0x21));
        i += 2;
        continue;
      }
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
        out += static_cast<char>(std::tolower(b2 - 0x80 + 0x60));
        i += 2;
        continue;
      }
    }
    if (c < 0x80) {
      if (std::isspace(c)) continue;
      out += static_cast<char>(std::tolower(c));
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<int> find_field(const std::vector<std::string>& source_fields,
                              const std::vector<std::string>& synonyms,
                              const std::vector<bool>& taken) {
  for (const auto& synonym : synonyms) {
    std::string want = normalise_field_name(synonym);
    for (size_t i = 0; i < source_fields.size(); ++i)
      if (!taken[i] && normalise_field_name(source_fields[i]) == want) return static_cast<int>(i);
  }
  return std::nullopt;
}

FieldMapping map_fields(const KindSpec& kind, const std::vector<std::string>& source_fields,
                        const std::map<std::string, std::string>& overrides,
                        const std::string& source_label, bool) {
  FieldMapping mapping;
  mapping.canonical_to_source.resize(kind.fields.size());
  std::vector<bool> taken(source_fields.size(), false);

  for (const auto& override_entry : overrides) {
    // Named, not a structured binding: clang 14 cannot capture bindings in the lambda below.
    const std::string& canonical = override_entry.first;
    const std::string& source = override_entry.second;
    auto it = std::find_if(kind.fields.begin(), kind.fields.end(),
                           [&](const CanonicalField& f) { return f.name == canonical; });
    if (it == kind.fields.end()) {
      std::string known;
      for (const auto& f : kind.fields) known += (known.empty() ? "" : ", ") + f.name;
      throw UsageError(fmt::format(fmt::runtime(tr("{}: {} is not a field of {} (known: {})")),
                                   source_label, in_quotes(canonical), kind.name, known));
    }
    auto found = find_field(source_fields, {source}, taken);
    if (!found && find_field(source_fields, {source}, std::vector<bool>(taken.size(), false))) {
      // Two overrides naming one source field: the first took it.
      std::string first;
      for (size_t c = 0; c < kind.fields.size(); ++c)
        if (auto s = mapping.canonical_to_source[c];
            s && normalise_field_name(source_fields[static_cast<size_t>(*s)]) ==
                     normalise_field_name(source))
          first = kind.fields[c].name;
      throw UsageError(
          fmt::format(fmt::runtime(tr("{}: the field mapping names {} for both {} and {}: a source "
                                      "field fills one canonical field")),
                      source_label, in_quotes(source), first, canonical));
    }
    if (!found)
      throw DataError(
          fmt::format(fmt::runtime(tr("{}: the field mapping names {} for {}, but the source has "
                                      "no such field (fields found: {})")),
                      source_label, in_quotes(source), canonical, fmt::join(source_fields, ", ")));
    mapping.canonical_to_source[static_cast<size_t>(it - kind.fields.begin())] = *found;
    taken[static_cast<size_t>(*found)] = true;
  }

  for (size_t c = 0; c < kind.fields.size(); ++c) {
    if (mapping.canonical_to_source[c]) continue;
    if (auto found = find_field(source_fields, kind.fields[c].synonyms, taken)) {
      mapping.canonical_to_source[c] = *found;
      taken[static_cast<size_t>(*found)] = true;
    }
  }

  std::vector<std::string> missing;
  for (size_t c = 0; c < kind.fields.size(); ++c) {
    const auto& f = kind.fields[c];
    if (f.required && !mapping.canonical_to_source[c])
      missing.push_back(fmt::format(fmt::runtime(tr("{} ({}; would match: {})")), f.name,
                                    f.description, fmt::join(f.synonyms, ", ")));
  }
  if (!missing.empty())
    throw DataError(fmt::format(
        fmt::runtime(tr(
            "{}: required field missing for {}: {}. Fields found: {}. Name the source field with "
            "--field CANONICAL=SOURCE or in the project file's [layer.fields].")),
        source_label, kind.name, fmt::join(missing, "; "),
        source_fields.empty() ? std::string("(none)")
                              : fmt::format("{}", fmt::join(source_fields, ", "))));

  for (size_t i = 0; i < source_fields.size(); ++i)
    if (!taken[i]) mapping.kept.push_back(static_cast<int>(i));
  return mapping;
}

}  // namespace rz::import
