#include "export/language.hpp"

namespace rz::exporting {

std::optional<Language> parse_language(std::string_view name) {
  if (name == "zh") return Language::zh;
  if (name == "en") return Language::en;
  if (name == "both") return Language::both;
  return std::nullopt;
}

std::string_view language_name(Language language) {
  switch (language) {
    case Language::zh:
      return "zh";
    case Language::en:
      return "en";
    case Language::both:
      return "both";
  }
  return "zh";
}

std::string in_language(const geo::Bilingual& text, Language language) {
  if (language == Language::en) return text.en.empty() ? text.zh : text.en;
  if (language == Language::zh || text.en.empty() || text.en == text.zh)
    return text.zh.empty() ? text.en : text.zh;
  if (text.zh.empty()) return text.en;
  return text.zh + " (" + text.en + ")";
}

}  // namespace rz::exporting
