#pragma once
// The language of what ruralzone says on the terminal, through GNU gettext: messages are
// written in English in the code, tr("...") gives them in the chosen language from the
// catalogue po/<lang>.po (compiled into locale/<lang>/LC_MESSAGES/ruralzone.mo at build time,
// and installed beside the program).
#include <string>
#include <string_view>

namespace rz {

// Chooses the language once, before any message: "zh" or "both" Chinese, "en" English, "" the
// environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them). Works without a
// generated zh_CN locale: messages use C.UTF-8 with gettext's LANGUAGE.
void init_messages(std::string_view language);

// The message in the chosen language (the English msgid itself when it has no translation).
const char* tr(const char* english);

// True when messages come out in Chinese.
bool messages_in_chinese();

}  // namespace rz
