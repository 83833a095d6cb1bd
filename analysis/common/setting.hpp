#pragma once
// A setting of an analysis, declared once: its project-file key, type, default, unit, range or
// choices and help. The command line (app/setting_options.cpp), the project-file reader
// (app/setting_table.cpp), --help and the man pages are all made from these declarations, so a
// default or a range is written in one place only.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rz::analysis {

enum class SettingType {
  integer,  // a whole number
  number,   // a real number
  boolean,  // true / false; on the command line a flag (--key, or --no-key when on by default)
  text,     // a string
  choice,   // one of `choices`
  numbers,  // a list of numbers (TOML array; on the command line comma-separated)
  records,  // a list of records with `fields`: a TOML array of tables ([[table.key]]) or, keyed,
            // a table of tables ([table.key.<name>]); on the command line (when it has one) a
            // repeated option whose values are the fields joined by '='
};

struct Record;
using SettingValue = std::variant<std::monostate, int64_t, double, bool, std::string,
                                  std::vector<double>, std::vector<Record>>;

// One entry of a records setting: its name (keyed records only) and its fields' values.
struct Record {
  std::string name;
  std::map<std::string, SettingValue> fields;
};

struct Setting {
  std::string key;  // in the analysis's project-file table, e.g. "households_min"
  // The project-file table it is read from when not the analysis's own: a setting two analyses
  // share (the reach targets, in [reach], for reach on roads too).
  std::string table;
  SettingType type = SettingType::number;
  SettingValue default_value;      // std::monostate: none (the analysis decides, help says how)
  std::string unit;                // "m", "min", "m²", "s", "km/h", "households"; "" for none
  std::optional<double> min, max;  // allowed range (numbers, integers, list items)
  bool min_exclusive = false;      // min itself is not allowed (a radius > 0)
  std::vector<std::string> choices;
  std::string help;          // one sentence, English; the default and unit are added to it
  std::string default_help;  // what happens without a value, when there is no default_value
  // The command line: --<option> (default: the key with '-' for '_'); "-" for none (project
  // file only). A short name ("k" for -k), aliases accepted as well (kept for a release).
  std::string option;
  std::string short_name;
  std::vector<std::string> aliases;
  std::string value_name;  // shown in help: "N", "M2", "CATEGORY=RADIUS_M"
  // records: the fields of each record, and whether they are keyed by a name.
  std::vector<Setting> fields;
  bool keyed = false;
  std::string key_help;  // keyed records: what the key is ("a 9-digit township code")

  // The long command-line option without dashes ("" when the setting has none).
  std::string option_name() const;
  // The flag a boolean setting gets: --key when off by default, --no-key when on.
  std::string flag_name() const;
  // The default as a user reads it: "2000 m", "true", "mclp"; "" without one.
  std::string default_text() const;
  // The allowed values as a user reads them: "> 0", "0 to 1", "mclp, lscp or pmedian".
  std::string range_text() const;
};

// Builders for the usual cases, so that a declaration reads as one line per setting.
Setting integer_setting(std::string key, int64_t fallback, std::string unit, std::string help,
                        std::optional<double> min = 0);
Setting number_setting(std::string key, double fallback, std::string unit, std::string help,
                       std::optional<double> min = 0, bool min_exclusive = true);
Setting boolean_setting(std::string key, bool fallback, std::string help);
Setting text_setting(std::string key, std::string fallback, std::string help);
Setting choice_setting(std::string key, std::string fallback, std::vector<std::string> choices,
                       std::string help);
// A table of per-township overrides, [<table>.townships.<code>] with `fields` (their defaults
// cleared: a township without a key takes the county's value).
Setting township_records_setting(std::string help, std::vector<Setting> fields);

// The value of one setting, and where it came from ("--radius", "p.toml [site]", "default"),
// for error messages that name the place to fix.
struct GivenSetting {
  SettingValue value;
  std::string source;
};

// The settings of one analysis run: each declared key's value (its default unless given).
class SettingValues {
 public:
  SettingValues() = default;
  // The defaults of `declared`.
  explicit SettingValues(const std::vector<Setting>& declared);

  void set(const std::string& key, SettingValue value, std::string source);
  bool given(const std::string& key) const;  // set by the project file or the command line
  bool has(const std::string& key) const;    // a value at all (given, or a default)
  const std::string& source(const std::string& key) const;

  int64_t integer(const std::string& key) const;
  double number(const std::string& key) const;
  bool boolean(const std::string& key) const;
  const std::string& text(const std::string& key) const;
  const std::vector<double>& numbers(const std::string& key) const;
  const std::vector<Record>& records(const std::string& key) const;

 private:
  const GivenSetting& at(const std::string& key) const;
  std::map<std::string, GivenSetting> values_;
  std::map<std::string, bool> given_;
};

// Where a record of township_records_setting was given ("p.toml [grids] townships.431024100"),
// for messages; UsageError saying so when its key is no 9-digit township code.
std::string township_record_where(const SettingValues& values, const Record& record);

// Checks `value` against the declaration (type, range, choices); the message names `where`.
// Throws UsageError.
void check_setting(const Setting& setting, const SettingValue& value, const std::string& where);

// Reads a value of `setting` from command-line text ("2000", "true", "1,5,10",
// "party_service_center=2000"); UsageError naming `where` when it is not one.
SettingValue parse_setting_text(const Setting& setting, const std::string& text,
                                const std::string& where);

}  // namespace rz::analysis
