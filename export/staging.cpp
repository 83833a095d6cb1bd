#include "export/staging.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> temporaries(const Staging::Set& set) {
  std::vector<std::string> out;
  std::error_code ec;
  std::string prefix = set.temp_prefix + ".";
  for (fs::directory_iterator it(set.dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void remove_temporaries(const Staging::Set& set) {
  for (const auto& name : temporaries(set)) {
    std::error_code ec;
    fs::remove(set.dir / name, ec);
  }
}

// A file as the manifest knows it.
struct Identity {
  int64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const Identity&) const = default;
};

std::optional<Identity> identity_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return Identity{static_cast<int64_t>(st.st_size),
                  static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                      static_cast<int64_t>(st.st_mtim.tv_nsec)};
}

// The manifest of one folder: file name -> the identities it may have.
using Manifest = std::map<std::string, std::vector<Identity>>;

Manifest read_manifest(const fs::path& dir) {
  Manifest out;
  std::ifstream in(dir / kManifestName, std::ios::binary);
  if (!in) return out;
  // A damaged manifest recognises nothing: the export then asks for --overwrite.
  auto json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_object() || !json.contains("files") || !json["files"].is_object()) return out;
  for (const auto& [name, list] : json["files"].items()) {
    if (!list.is_array()) continue;
    for (const auto& id : list)
      if (id.is_object() && id.value("size", nlohmann::json()).is_number_integer() &&
          id.value("mtime_ns", nlohmann::json()).is_number_integer())
        out[name].push_back({id["size"].get<int64_t>(), id["mtime_ns"].get<int64_t>()});
  }
  return out;
}

// Written under a temporary name and renamed, like the outputs.
void write_manifest(const fs::path& dir, const Manifest& manifest) {
  nlohmann::ordered_json files = nlohmann::ordered_json::object();
  for (const auto& [name, ids] : manifest) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& id : ids) list.push_back({{"size", id.size}, {"mtime_ns", id.mtime_ns}});
    files[name] = std::move(list);
  }
  nlohmann::ordered_json json = {
      {"about",
       "Files ruralzone exported into this folder, as it wrote them: an export replaces only "
       "these (or any file with --overwrite)."},
      {"files", std::move(files)}};
  const std::string stem(fs::path(std::string(kManifestName)).stem().string());
  const fs::path temp = dir / (temp_prefix(stem.substr(1)) + ".json");
  const fs::path target = dir / kManifestName;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << json.dump(1) << '\n';
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw DataError(fmt::format(fmt::runtime(tr("cannot write {}")), target.string()));
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw DataError(
        fmt::format(fmt::runtime(tr("cannot write {}: {}")), target.string(), ec.message()));
  }
}

bool process_is_dead(long pid) {
  if (pid <= 1) return false;  // 0 and -1 would name process groups; 1 is init
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

Staging::~Staging() {
  if (!committed_) discard();
}

const Staging::Set& Staging::add(Set set) {
  remove_temporaries(set);  // a leftover from a crashed run that had our pid
  sets_.push_back(std::move(set));
  return sets_.back();
}

void Staging::commit() {
  struct Move {
    const Set* set;
    fs::path from, to;
    fs::path dir() const { return set->dir; }
  };
  std::vector<Move> moves;
  for (const auto& set : sets_) {
    for (const auto& name : temporaries(set)) {
      fs::path from = set.dir / name;
      if (!set.single_temp.empty()) {
        if (name != set.single_temp) {  // e.g. a journal GDAL left behind: not part of the output
          std::error_code ec;
          fs::remove(from, ec);
          continue;
        }
        moves.push_back({&set, from, set.single_target});
      } else {
        moves.push_back(
            {&set, from, set.dir / (set.final_stem + name.substr(set.temp_prefix.size()))});
      }
    }
  }

  // The manifests first, with the new files beside the old: whichever is in place when the
  // process dies is recognised by the next export.
  std::map<fs::path, Manifest> manifests;
  std::map<fs::path, std::optional<Identity>> new_identity;
  for (const auto& m : moves) {
    const fs::path dir = m.dir();
    if (!manifests.count(dir)) manifests[dir] = read_manifest(dir);
    auto id = identity_of(m.from);
    new_identity[m.to] = id;
    auto& ids = manifests[dir][m.to.filename().string()];
    if (auto old = identity_of(m.to)) {
      if (std::find(ids.begin(), ids.end(), *old) == ids.end()) ids.clear();  // not ours: forget
    } else {
      ids.clear();
    }
    if (id) ids.push_back(*id);
  }
  for (const auto& [dir, manifest] : manifests) write_manifest(dir, manifest);

  std::map<const Set*, std::set<std::string>> installed;
  for (const auto& m : moves) {
    std::error_code ec;
    fs::rename(m.from, m.to, ec);
    if (ec)
      throw DataError(fmt::format(fmt::runtime(tr("cannot move {} into place as {}: {}")),
                                  m.from.string(), m.to.string(), ec.message()));
    installed[m.set].insert(m.to.filename().string());
  }
  for (const auto& set : sets_) {
    for (const auto& suffix : set.stale_suffixes) {
      std::string name = set.final_stem + suffix;
      if (installed[&set].count(name)) continue;
      std::error_code ec;
      fs::remove(set.dir / name, ec);
    }
  }
  committed_ = true;

  // Then only the new identities, and no file that is gone.
  for (auto& [dir, manifest] : manifests) {
    for (const auto& m : moves) {
      if (m.dir() != dir) continue;
      auto& ids = manifest[m.to.filename().string()];
      ids.clear();
      if (auto id = new_identity[m.to]) ids.push_back(*id);
    }
    for (auto it = manifest.begin(); it != manifest.end();) {
      std::error_code ec;
      if (it->second.empty() || !fs::exists(dir / it->first, ec))
        it = manifest.erase(it);
      else
        ++it;
    }
    write_manifest(dir, manifest);
  }
}

void Staging::discard() {
  for (const auto& set : sets_) remove_temporaries(set);
  if (!created_dir_.empty()) {
    std::error_code ec;
    if (fs::is_empty(created_dir_, ec) && !ec) fs::remove(created_dir_, ec);
  }
}

std::string temp_prefix(const std::string& stem) {
  return fmt::format(".{}.tmp-{}", stem, static_cast<long>(::getpid()));
}

bool is_previous_output(const fs::path& file) {
  auto id = identity_of(file);
  if (!id) return false;
  const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  auto manifest = read_manifest(dir);
  auto it = manifest.find(file.filename().string());
  return it != manifest.end() &&
         std::find(it->second.begin(), it->second.end(), *id) != it->second.end();
}

void check_replaceable(const std::vector<fs::path>& files, bool overwrite) {
  if (overwrite) return;
  for (const auto& file : files) {
    std::error_code ec;
    if (!fs::exists(file, ec) || is_previous_output(file)) continue;
    const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: the file exists and is not a previous ruralzone output "
                                    "(not listed, as it is now, in "
                                    "{}); it was left as it was: --overwrite replaces it")),
                    file.string(), (dir / kManifestName).string()));
  }
}

std::optional<long> export_temporary_pid(std::string_view name) {
  // Every suffix an export writes, GDAL's SQLite journals and the manifest's own temporary.
  static const std::array<std::string_view, 21> suffixes = {
      "gpkg", "gpkg-journal", "gpkg-wal", "gpkg-shm",   "xlsx", "geojson",
      "shp",  "shx",          "dbf",      "prj",        "cpg",  "qix",
      "csv",  "csvt",         "json",     "fields.csv", "qgz",  "long_values.csv",
      "html", "pdf",          "png"};
  if (name.size() < 2 || name[0] != '.') return std::nullopt;
  auto at = name.rfind(".tmp-");
  if (at == std::string_view::npos || at < 2) return std::nullopt;
  auto digits_end = at + 5;
  while (digits_end < name.size() && name[digits_end] >= '0' && name[digits_end] <= '9')
    ++digits_end;
  const auto digits = name.substr(at + 5, digits_end - (at + 5));
  if (digits.empty() || digits.size() > 9 || digits_end >= name.size() || name[digits_end] != '.')
    return std::nullopt;
  const auto suffix = name.substr(digits_end + 1);
  if (std::find(suffixes.begin(), suffixes.end(), suffix) == suffixes.end()) return std::nullopt;
  return std::stol(std::string(digits));
}

std::vector<std::string> remove_dead_temporaries(
    const fs::path& dir, const std::function<std::optional<long>(std::string_view name)>& pid_of) {
  std::vector<std::string> stale, removed;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (!fs::is_regular_file(it->symlink_status(type_ec))) continue;  // no folder, no link
    std::string name = it->path().filename().string();
    auto pid = pid_of(name);
    if (pid && process_is_dead(*pid)) stale.push_back(std::move(name));
  }
  std::sort(stale.begin(), stale.end());
  for (auto& name : stale) {
    std::error_code rm_ec;
    if (fs::remove(dir / name, rm_ec)) removed.push_back(std::move(name));
  }
  return removed;
}

}  // namespace rz::exporting
