#pragma once
// The language of what ruralzone says on the terminal, through GNU gettext: messages are
// written in English in the code, tr("...") gives them in the chosen language from the
// catalogue po/<lang>.po (compiled into locale/<lang>/LC_MESSAGES/ruralzone.mo at build time,
// and installed beside the program).
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace rz {

// Chooses the language once, before any message: "zh" or "both" Chinese, "en" English, "" the
// environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them). Works without a
// generated zh_CN locale: messages use C.UTF-8 with gettext's LANGUAGE.
void init_messages(std::string_view language);

// The message in the chosen language (the English msgid itself when it has no translation).
const char* tr(const char* english);

// «value»: how messages quote a name, a value or a file. The quotes are not ASCII, and xgettext
// keeps a msgid ASCII only: a message quotes with an argument, tr("no layer named {}") with
// in_quotes(name), never tr("no layer named «{}»").
template <class T>
std::string in_quotes(T&& value) {
  return fmt::format("«{}»", std::forward<T>(value));
}

// True when messages come out in Chinese.
bool messages_in_chinese();

}  // namespace rz
