#pragma once
// Output files are written under temporary names in their destination folder and renamed into
// place only once every layer was written, so that a failed export leaves any earlier output
// untouched and never a half-written file under the final name.
//
// Previous outputs. An export replaces an existing file only when it is a previous ruralzone
// output, or with --overwrite (ExportOptions::overwrite), as ogr2ogr does: a user's own
// GeoPackage, or a PNG named `.gpkg`, is never replaced silently. A previous output is a file
// listed in the manifest `.ruralzone-outputs.json` of its folder with the size and modification
// time (to the nanosecond) it had when ruralzone wrote it. Every export writes the manifest
// beside its files: once, before the renames, with the new files' identities added to the old
// ones, and once after them with only the new ones, so that an export killed at any moment leaves
// a manifest that recognises whichever file is in place. A file changed since (edited, or
// replaced by another of the same name) no longer matches and needs --overwrite. The same rule for
// every format, since Shapefile, CSV and GeoJSON have no room for a mark of their own.
// Limits: two exports into one folder at the same moment may each rewrite the manifest without
// the other's files, which then need --overwrite once; and the files of one set (a shapefile's
// .shp, .dbf, ...) are renamed one by one, so a kill between two of those renames leaves parts of
// two exports side by side until the next export replaces them all (it recognises both).
//
// Stale temporaries. A killed export leaves its temporaries (`.<stem>.tmp-<pid>.<suffix>`, GDAL's
// SQLite journals included). Each export removes, in its destination folder, those whose name
// matches that pattern exactly (a suffix an export writes) and whose pid is no live process
// (kill(pid, 0) fails with ESRCH), and says so (ExportOptions::note). `run` does the same for
// its temporary store (remove_dead_temporaries with its own pattern).
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rz::exporting {

// Every output is written as `.<stem>.tmp-<pid>.<suffix>` beside its final `<stem>.<suffix>`.
class Staging {
 public:
  struct Set {
    std::filesystem::path dir;
    std::string temp_prefix;  // ".villages.tmp-1234"
    std::string final_stem;   // "villages"
    // Single-file outputs: the one temporary file and its exact destination.
    std::string single_temp;
    std::filesystem::path single_target;
    // Files of an earlier export of the same set that must not survive beside the new ones.
    std::vector<std::string> stale_suffixes;
  };

  Staging() = default;
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  // Without a commit, removes the temporaries (and the folder, if this export created it).
  ~Staging();

  void created_folder(const std::filesystem::path& dir) { created_dir_ = dir; }
  const Set& add(Set set);
  // Renames every temporary into place, removes stale files of the replaced sets and records the
  // new files in their folder's manifest (see above).
  void commit();

 private:
  void discard();

  std::deque<Set> sets_;  // references handed out by add() stay valid
  std::filesystem::path created_dir_;
  bool committed_ = false;
};

// ".<stem>.tmp-<pid>": the pid keeps two exports into one folder from sharing temporaries.
std::string temp_prefix(const std::string& stem);

// The manifest's file name in each output folder.
inline constexpr std::string_view kManifestName = ".ruralzone-outputs.json";

// True when `file` exists and its folder's manifest lists it as ruralzone wrote it.
bool is_previous_output(const std::filesystem::path& file);
// DataError naming the first of `files` that exists and is no previous output, unless
// `overwrite`.
void check_replaceable(const std::vector<std::filesystem::path>& files, bool overwrite);

// The pid of an export temporary `.<stem>.tmp-<pid>.<suffix>` (suffix one an export writes),
// std::nullopt for any other name.
std::optional<long> export_temporary_pid(std::string_view name);
// Removes the files of `dir` (not folders, not recursing) for which `pid_of` gives a pid that is
// no live process; returns their names, sorted.
std::vector<std::string> remove_dead_temporaries(
    const std::filesystem::path& dir,
    const std::function<std::optional<long>(std::string_view name)>& pid_of);

}  // namespace rz::exporting
