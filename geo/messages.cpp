#include "geo/messages.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace rz {

namespace {

constexpr const char* kDomain = "ruralzone";
bool chinese = false;

// The catalogue's folder: the installed one beside the program (<prefix>/share/locale), else
// the build tree's.
std::string locale_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "locale";
    if (fs::exists(installed / "zh_CN" / "LC_MESSAGES" / "ruralzone.mo", ec)) return installed;
  }
  return RZ_LOCALE_DIR;
}

std::string environment_language() {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value && *value) return value;
  }
  return "";
}

}  // namespace

void init_messages(std::string_view language) {
  std::string chosen(language);
  if (chosen.empty()) chosen = environment_language().starts_with("zh") ? "zh" : "en";
  chinese = chosen == "zh" || chosen == "both";
  // Only the messages' category: numbers keep the C locale's decimal point everywhere.
  const char* set = std::setlocale(LC_MESSAGES, "");
  if (!set || std::string_view(set) == "C" || std::string_view(set) == "POSIX")
    std::setlocale(LC_MESSAGES, "C.UTF-8");
  // gettext takes the language from LANGUAGE first, under any locale but C.
  ::setenv("LANGUAGE", chinese ? "zh_CN" : "en", 1);
  bindtextdomain(kDomain, locale_dir().c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
  textdomain(kDomain);
}

const char* tr(const char* english) {
  return dgettext(kDomain, english);
}

bool messages_in_chinese() {
  return chinese;
}

}  // namespace rz
