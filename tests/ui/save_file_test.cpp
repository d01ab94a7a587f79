// The native save file (app/save_file.h): a full disk at write, fsync or close never empties the
// save; temp names are unique per process and call; an empty or unreadable save is never
// "absent"; backups keep the last three and a failed backup leaves everything where it was.
// Failures are injected through FileOps, so these run everywhere; one test also fills a real
// 16 KiB tmpfs when this machine lets it mount one.
#include <doctest/doctest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "save_file.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path root;
  TempDir() {
    char tmpl[] = "/tmp/statelab-save-test-XXXXXX";
    root = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string Path(const std::string& name) const { return (root / name).string(); }
  std::set<std::string> Names() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(root)) out.insert(e.path().filename().string());
    return out;
  }
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Put(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

const std::string kGood = R"({"version":1,"completed":["welcome","cookies"]})";
const std::string kNewer = R"({"version":1,"completed":["welcome","cookies","caching"]})";

}  // namespace

TEST_CASE("a durable save replaces the file whole, and leaves no temp file") {
  TempDir d;
  const std::string save = d.Path("progress.json");
  Put(save, kGood);
  std::string error;
  REQUIRE(savefile::WriteFileDurably(save, kNewer, &error));
  CHECK(error.empty());
  CHECK(Slurp(save) == kNewer);
  CHECK(d.Names() == std::set<std::string>{"progress.json"});
}

TEST_CASE("a full disk at write, fsync or close keeps the old save and says which file and why") {
  struct Case {
    const char* name;
    std::function<void(savefile::FileOps&)> break_it;
    const char* message;
  };
  const Case cases[] = {
      {"ENOSPC after 10 bytes of write",
       [](savefile::FileOps& ops) {
         ops.write = [](int fd, const void* data, size_t size) -> ssize_t {
           static thread_local size_t written = 0;
           if (size > 0 && written >= 10) {
             written = 0;
             errno = ENOSPC;
             return -1;
           }
           const ssize_t n = ::write(fd, data, std::min<size_t>(size, 10 - written));
           written += static_cast<size_t>(n);
           return n;
         };
       },
       "cannot write "},
      {"ENOSPC at fsync (delayed allocation)",
       [](savefile::FileOps& ops) {
         ops.fsync = [](int) {
           errno = ENOSPC;
           return -1;
         };
       },
       "to disk: No space left on device"},
      {"ENOSPC at close (NFS, quotas)",
       [](savefile::FileOps& ops) {
         ops.close = [](int fd) {
           ::close(fd);
           errno = ENOSPC;
           return -1;
         };
       },
       "cannot finish writing "},
      {"EIO at rename",
       [](savefile::FileOps& ops) {
         ops.rename = [](const char*, const char*) {
           errno = EIO;
           return -1;
         };
       },
       "cannot replace "},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TempDir d;
    const std::string save = d.Path("progress.json");
    Put(save, kGood);
    savefile::FileOps ops = savefile::PosixFileOps();
    c.break_it(ops);
    std::string error;
    CHECK_FALSE(savefile::WriteFileDurably(save, kNewer, &error, ops));
    CHECK(error.find(c.message) != std::string::npos);
    CHECK(error.find(d.root.string()) != std::string::npos);  // names the file
    CHECK(Slurp(save) == kGood);                               // the old save is whole
    CHECK(d.Names() == std::set<std::string>{"progress.json"});  // no temp file left behind
  }
}

TEST_CASE("a real full disk: a 16 KiB tmpfs refuses a bigger save and the old one stays whole") {
  TempDir d;
  const fs::path mnt = d.root / "tiny";
  fs::create_directories(mnt);
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=16k") != 0) {
    MESSAGE("tmpfs not mountable here (" << std::strerror(errno) << "); the injected failures above cover it");
    return;
  }
  const std::string save = (mnt / "progress.json").string();
  std::string error;
  REQUIRE(savefile::WriteFileDurably(save, kGood, &error));
  const std::string huge(64 * 1024, 'x');
  CHECK_FALSE(savefile::WriteFileDurably(save, huge, &error));
  CHECK(error.find("No space left on device") != std::string::npos);
  CHECK(Slurp(save) == kGood);
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(mnt)) names.insert(e.path().filename().string());
  CHECK(names == std::set<std::string>{"progress.json"});
  ::umount(mnt.c_str());
}

TEST_CASE("temp file names are unique per process and per save") {
  const std::string a = savefile::UniqueTempPath("/x/progress.json");
  const std::string b = savefile::UniqueTempPath("/x/progress.json");
  CHECK(a != b);
  CHECK(a.find("/x/progress.json." + std::to_string(::getpid()) + ".") == 0);
  CHECK(a.substr(a.size() - 4) == ".tmp");
}

TEST_CASE("reading a save: absent only when nothing is there; empty is read as empty; a folder or an oversize file is unreadable") {
  TempDir d;
  CHECK(savefile::ReadSaveFile(d.Path("progress.json")).status == savefile::ReadStatus::Absent);
  Put(d.Path("empty.json"), "");
  const auto empty = savefile::ReadSaveFile(d.Path("empty.json"));
  CHECK(empty.status == savefile::ReadStatus::Ok);
  CHECK(empty.text.empty());
  fs::create_directories(d.root / "dir.json");
  const auto dir = savefile::ReadSaveFile(d.Path("dir.json"));
  CHECK(dir.status == savefile::ReadStatus::Unreadable);
  CHECK(dir.error == d.Path("dir.json") + ": not a regular file");
  Put(d.Path("big.json"), std::string(100, 'x'));
  const auto big = savefile::ReadSaveFile(d.Path("big.json"), 64);
  CHECK(big.status == savefile::ReadStatus::Unreadable);
  CHECK(big.error.find("larger than 64 bytes") != std::string::npos);
  Put(d.Path("ok.json"), kGood);
  CHECK(savefile::ReadSaveFile(d.Path("ok.json")).text == kGood);
}

TEST_CASE("backups of a corrupt save keep the last three, newest first, and set the save aside") {
  TempDir d;
  const std::string save = d.Path("progress.json");
  for (int i = 1; i <= 4; ++i) {
    const std::string corrupt = "{corrupt " + std::to_string(i);
    Put(save, corrupt);
    std::string error;
    const std::string backup = savefile::BackupCorruptFile(save, corrupt, &error);
    CAPTURE(error);
    CHECK(backup == d.Path("progress.corrupt.1.json"));
    CHECK_FALSE(fs::exists(save));  // set aside: the next read finds no corrupt save
  }
  CHECK(Slurp(d.Path("progress.corrupt.1.json")) == "{corrupt 4");
  CHECK(Slurp(d.Path("progress.corrupt.2.json")) == "{corrupt 3");
  CHECK(Slurp(d.Path("progress.corrupt.3.json")) == "{corrupt 2");
  CHECK(d.Names() == std::set<std::string>{"progress.corrupt.1.json", "progress.corrupt.2.json", "progress.corrupt.3.json"});

  // An empty (or unreadable) save is moved aside as it is.
  Put(save, "");
  std::string error;
  CHECK(savefile::BackupCorruptFile(save, "", &error) == d.Path("progress.corrupt.1.json"));
  CHECK(fs::exists(d.Path("progress.corrupt.1.json")));
  CHECK(fs::file_size(d.Path("progress.corrupt.1.json")) == 0);
  CHECK(Slurp(d.Path("progress.corrupt.2.json")) == "{corrupt 4");
  CHECK_FALSE(fs::exists(save));

  // A save another window wrote meanwhile is not the corrupt one: it stays.
  Put(save, kGood);
  CHECK_FALSE(savefile::BackupCorruptFile(save, "{old corrupt", &error).empty());
  CHECK(Slurp(save) == kGood);
  CHECK(Slurp(d.Path("progress.corrupt.1.json")) == "{old corrupt");
}

TEST_CASE("a backup that cannot be written leaves the save and the older backups where they were") {
  TempDir d;
  const std::string save = d.Path("progress.json");
  Put(d.Path("progress.corrupt.1.json"), "{b1");
  Put(d.Path("progress.corrupt.2.json"), "{b2");
  Put(d.Path("progress.corrupt.3.json"), "{b3");
  Put(save, "{corrupt");
  savefile::FileOps ops = savefile::PosixFileOps();
  ops.fsync = [](int) {
    errno = ENOSPC;
    return -1;
  };
  std::string error;
  CHECK(savefile::BackupCorruptFile(save, "{corrupt", &error, ops).empty());
  CHECK(error.find("No space left on device") != std::string::npos);
  CHECK(Slurp(save) == "{corrupt");
  CHECK(Slurp(d.Path("progress.corrupt.1.json")) == "{b1");
  CHECK(Slurp(d.Path("progress.corrupt.2.json")) == "{b2");
  CHECK(Slurp(d.Path("progress.corrupt.3.json")) == "{b3");
  CHECK(d.Names().size() == 4);  // no staged temp file left
}
