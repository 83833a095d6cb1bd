#pragma once
// Output files are written under temporary names in their destination folder and renamed into
// place only once every layer was written, so that a failed export leaves any earlier output
// untouched and never a half-written file under the final name.
#include <deque>
#include <filesystem>
#include <string>
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
  // Renames every temporary into place and removes stale files of the replaced sets.
  void commit();

 private:
  void discard();

  std::deque<Set> sets_;  // references handed out by add() stay valid
  std::filesystem::path created_dir_;
  bool committed_ = false;
};

// ".<stem>.tmp-<pid>": the pid keeps two exports into one folder from sharing temporaries.
std::string temp_prefix(const std::string& stem);

}  // namespace rz::exporting
