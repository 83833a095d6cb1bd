#pragma once
// The language of what a planner reads: the report, the workbook's headers, the web map's
// popups. Chinese, English, or both side by side.
#include <optional>
#include <string>
#include <string_view>

#include "geo/presentation.hpp"

namespace rz::exporting {

enum class Language { zh, en, both };

// "zh", "en" or "both"; nullopt for anything else (the caller's usage error lists the three).
std::optional<Language> parse_language(std::string_view name);
std::string_view language_name(Language language);

// The text in the language: the Chinese, the English, or "中文 (English)" for both (one of
// them alone when the other is empty or the same).
std::string in_language(const geo::Bilingual& text, Language language);

}  // namespace rz::exporting
