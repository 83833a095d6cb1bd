// kill -9 at random moments (issue 16, item 12): the real binary importing into an existing store
// and exporting, SIGKILLed a few times each after a random delay (a fixed seed, so a failure
// repeats) spread over the time a whole run takes. Each time the store must pass
// PRAGMA integrity_check with every table's row count all as before or all as after the import,
// the output folder must hold nothing new or a complete result, the next clean run must succeed
// without --overwrite and leave no temporary behind.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "export/staging.hpp"
#include "geo/sqlite.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::run_ruralzone;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

constexpr int kKills = 5;

using Counts = std::map<std::string, int64_t>;

// integrity_check's verdict and every table's row count. Opening the store as ruralzone does
// rolls back the journal a killed transaction left, as the next command would.
std::pair<std::string, Counts> inspect(const std::string& path) {
  rz::geo::Database db(path, false, false);
  std::string integrity;
  {
    auto st = db.prepare("PRAGMA integrity_check");
    while (st.step()) integrity += st.get_text(0) + ";";
  }
  Counts counts;
  std::vector<std::string> tables;
  {
    auto st = db.prepare(
        "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%'");
    while (st.step()) tables.push_back(st.get_text(0));
  }
  for (const auto& t : tables) {
    auto st = db.prepare("SELECT count(*) FROM \"" + t + "\"");
    st.step();
    counts[t] = st.get_int(0);
  }
  return {integrity, counts};
}

struct Outcome {
  bool killed = false;  // false: it ended by itself first
  int exit_code = -1;
  double seconds = 0;
};

// Runs ruralzone with `args`, output discarded; SIGKILLs it after `delay` unless negative.
Outcome run_killed(const std::vector<std::string>& args, std::chrono::microseconds delay) {
  const auto start = std::chrono::steady_clock::now();
  std::cout.flush();
  std::fflush(nullptr);  // the child must not write this process's buffers a second time
  Outcome out;
  pid_t pid = ::fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return out;  // and never kill(-1, ...): that would signal every process we may signal
  }
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(RZ_BINARY));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(RZ_BINARY, argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (delay.count() >= 0) {
    ::usleep(static_cast<useconds_t>(delay.count()));
    ::kill(pid, SIGKILL);
  }
  ::waitpid(pid, &status, 0);
  out.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& name : listing(dir))
    if (name.find(".tmp-") != std::string::npos || name.ends_with("-journal") ||
        name.ends_with("-wal"))
      out.push_back(name);
  return out;
}

void copy_store(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(to + suffix);
  fs::copy_file(from, to);
}

// A store holding the sample villages: the import to kill adds the 40,000 households.
struct Stores {
  ScratchDir dir;
  std::string seed = dir / "seed.sqlite";
  std::vector<std::string> households(const std::string& store) const {
    return {"import",   sample_file("households.csv"),
            "--kind",   "households",
            "--crs",    "EPSG:4326",
            "--coords", "gcj02",
            "-s",       store,
            "-q"};
  }
  void make_seed() const {
    auto r = run_ruralzone("import " + sample_file("villages.shp") +
                           " --kind villages --encoding gbk -q -s " + seed);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

// kKills delays from a fixed seed, one at random in each of kKills equal slices of
// [0, 1.1 x a whole run]: kills land early, late and (the last slice) after the end.
std::vector<std::chrono::microseconds> delays(double run_seconds, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> pick(0.0, 1.0);
  std::vector<std::chrono::microseconds> out;
  for (int i = 0; i < kKills; ++i)
    out.emplace_back(static_cast<int64_t>(run_seconds * 1.1e6 * (i + pick(random)) / kKills));
  return out;
}

}  // namespace

TEST(CliKill, KilledImportLeavesTheStoreAsBeforeOrAsAfter) {
  Stores s;
  ASSERT_NO_FATAL_FAILURE(s.make_seed());
  const auto [seed_ok, before] = inspect(s.seed);
  ASSERT_EQ(seed_ok, "ok;");
  const std::string reference = s.dir / "reference.sqlite";
  copy_store(s.seed, reference);
  auto whole = run_killed(s.households(reference), std::chrono::microseconds(-1));
  ASSERT_EQ(whole.exit_code, 0);
  const auto [reference_ok, after] = inspect(reference);
  ASSERT_EQ(reference_ok, "ok;");
  ASSERT_NE(before, after);

  const std::string store = s.dir / "store.sqlite";
  int as_before = 0, as_after = 0;
  for (auto delay : delays(whole.seconds, 16)) {
    SCOPED_TRACE("killed after " + std::to_string(delay.count()) + " us");
    copy_store(s.seed, store);
    auto outcome = run_killed(s.households(store), delay);
    if (!outcome.killed) {
      EXPECT_EQ(outcome.exit_code, 0);
    }
    const auto [ok, counts] = inspect(store);
    EXPECT_EQ(ok, "ok;");
    EXPECT_TRUE(counts == before || counts == after) << "row counts are neither all before nor "
                                                        "all after the import";
    (counts == before ? as_before : as_after) += 1;
  }
  // An import killed early, then run again normally, completes.
  copy_store(s.seed, store);
  run_killed(s.households(store), delays(whole.seconds, 16).front());
  auto again = run_killed(s.households(store), std::chrono::microseconds(-1));
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(inspect(store).second, after);
  EXPECT_GT(as_before, 0) << "no kill landed before the import committed: the test tests nothing";
  std::cout << "[          ] import killed " << kKills << " times: " << as_before
            << " left the store as before, " << as_after << " as after (a run takes "
            << whole.seconds << " s)\n";
}

TEST(CliKill, KilledExportLeavesNothingNewOrACompleteResult) {
  Stores s;
  ASSERT_NO_FATAL_FAILURE(s.make_seed());
  auto whole_import = run_killed(s.households(s.seed), std::chrono::microseconds(-1));
  ASSERT_EQ(whole_import.exit_code, 0);
  const auto layers = inspect(s.seed).second;

  // A complete export: the GeoPackage passes integrity_check and holds every row of both layers.
  auto expect_complete = [&](const fs::path& gpkg) {
    const auto [ok, counts] = inspect(gpkg.string());
    EXPECT_EQ(ok, "ok;");
    for (const char* layer : {"villages", "households"}) {
      ASSERT_TRUE(counts.count(layer)) << layer;
      EXPECT_EQ(counts.at(layer), layers.at(layer)) << layer;
    }
    EXPECT_TRUE(rz::exporting::is_previous_output(gpkg)) << "the manifest does not know it";
  };
  const std::string manifest(rz::exporting::kManifestName);
  const fs::path out = s.dir.path() / "out";
  const fs::path gpkg = out / "ruralzone.gpkg";
  const std::vector<std::string> args = {"export", "-s", s.seed, "-o", gpkg.string(), "-q"};
  fs::create_directory(out);
  auto whole = run_killed(args, std::chrono::microseconds(-1));
  ASSERT_EQ(whole.exit_code, 0);
  expect_complete(gpkg);

  int killed = 0;
  auto seq = delays(whole.seconds, 1616);
  for (int i = 0; i < kKills; ++i) {
    // Even kills into a folder with no result yet, odd ones over the previous result.
    const bool fresh = i % 2 == 0;
    SCOPED_TRACE(std::string(fresh ? "into an empty folder" : "over the previous result") +
                 ", killed after " + std::to_string(seq[i].count()) + " us");
    if (fresh) {
      fs::remove_all(out);
      fs::create_directory(out);
    }
    auto outcome = run_killed(args, seq[i]);
    killed += outcome.killed;
    if (!outcome.killed) {
      EXPECT_EQ(outcome.exit_code, 0);
    }
    std::set<std::string> visible;
    for (const auto& name : listing(out))
      if (name.find(".tmp-") == std::string::npos) visible.insert(name);
    if (fresh && (visible.empty() || visible == std::set<std::string>{manifest})) {
      // Nothing new (the manifest may already list what was about to be moved in).
    } else {
      EXPECT_EQ(visible, (std::set<std::string>{"ruralzone.gpkg", manifest}));
      expect_complete(gpkg);
    }
    // The next clean export succeeds without --overwrite, and removes what the killed one left.
    auto next = run_killed(args, std::chrono::microseconds(-1));
    EXPECT_EQ(next.exit_code, 0);
    EXPECT_EQ(temporaries(out), std::vector<std::string>{});
    expect_complete(gpkg);
  }
  EXPECT_GT(killed, 0) << "every export ended before its kill: the test tests nothing";
}
