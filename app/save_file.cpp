// The native save file: durable replace, careful read, three backups. See save_file.h.
#include "save_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace savefile {

namespace fs = std::filesystem;

namespace {

std::string Reason(int err) { return std::strerror(err); }

bool Fail(std::string* error, const std::string& what, int err) {
  if (error) *error = what + ": " + Reason(err);
  return false;
}

std::string DirOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// After a rename, the folder's entry must reach the disk too, or a crash may bring back the old
// name. Some file systems cannot fsync a folder (EINVAL): nothing more can be done there.
bool SyncDir(const std::string& dir, std::string* error, const FileOps& ops) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Fail(error, "cannot open folder " + dir, errno);
  const int rc = ops.fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL) return Fail(error, "cannot sync folder " + dir, err);
  return true;
}

}  // namespace

FileOps PosixFileOps() {
  FileOps ops;
  ops.write = [](int fd, const void* data, size_t size) { return ::write(fd, data, size); };
  ops.fsync = [](int fd) { return ::fsync(fd); };
  ops.close = [](int fd) { return ::close(fd); };
  ops.rename = [](const char* from, const char* to) { return ::rename(from, to); };
  return ops;
}

// [SECTION] Durable write
std::string UniqueTempPath(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + "." + std::to_string(static_cast<long>(::getpid())) + "." + std::to_string(++counter) + ".tmp";
}

bool WriteFileDurably(const std::string& path, std::string_view bytes, std::string* error, const FileOps& ops) {
  const std::string tmp = UniqueTempPath(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Fail(error, "cannot create " + tmp, errno);
  auto give_up = [&](const std::string& what, int err, bool close_fd) {
    if (close_fd) ops.close(fd);
    ::unlink(tmp.c_str());
    return Fail(error, what, err);
  };
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ops.write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return give_up("cannot write " + tmp, n == 0 ? ENOSPC : errno, true);
    done += static_cast<size_t>(n);
  }
  if (ops.fsync(fd) != 0) return give_up("cannot write " + tmp + " to disk", errno, true);
  // close() can report what the disk refused late (NFS, some quotas): checked, never ignored.
  if (ops.close(fd) != 0) return give_up("cannot finish writing " + tmp, errno, false);
  if (ops.rename(tmp.c_str(), path.c_str()) != 0) return give_up("cannot replace " + path, errno, false);
  return SyncDir(DirOf(path), error, ops);
}

// [SECTION] Read
ReadResult ReadSaveFile(const std::string& path, size_t max_bytes) {
  ReadResult out;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return out;  // Absent: nothing there at all
    out.status = ReadStatus::Unreadable;
    out.error = path + ": " + Reason(errno);
    return out;
  }
  out.status = ReadStatus::Unreadable;
  if (!S_ISREG(st.st_mode)) {
    out.error = path + ": not a regular file";
    return out;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out.error = path + ": " + Reason(errno);
    return out;
  }
  std::string text;
  char buf[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = path + ": " + Reason(errno);
      ::close(fd);
      return out;
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > max_bytes) {
      out.error = path + ": larger than " + std::to_string(max_bytes) + " bytes";
      ::close(fd);
      return out;
    }
  }
  ::close(fd);
  out.status = ReadStatus::Ok;
  out.text = std::move(text);
  return out;
}

// [SECTION] Backups
std::string BackupPath(const std::string& save_path, int n) {
  const fs::path p(save_path);
  return (p.parent_path() / (p.stem().string() + ".corrupt." + std::to_string(n) + ".json")).string();
}

std::string BackupCorruptFile(const std::string& save_path, std::string_view blob, std::string* error,
                              const FileOps& ops) {
  // 1. The new backup, whole and on disk, under a name no backup has yet.
  const std::string staged = UniqueTempPath(BackupPath(save_path, 1));
  if (blob.empty()) {
    // Empty or unreadable: move the file itself (a rename needs no read and no space).
    if (ops.rename(save_path.c_str(), staged.c_str()) != 0) {
      Fail(error, "cannot move " + save_path + " aside", errno);
      return "";
    }
  } else if (!WriteFileDurably(staged, blob, error, ops)) {
    return "";
  }
  // 2. Make room: 2 -> 3 (the oldest goes), 1 -> 2. Each move is checked.
  for (int n = kBackupsKept - 1; n >= 1; --n) {
    if (ops.rename(BackupPath(save_path, n).c_str(), BackupPath(save_path, n + 1).c_str()) != 0 && errno != ENOENT) {
      const int err = errno;
      if (blob.empty()) {
        ops.rename(staged.c_str(), save_path.c_str());  // put the save back where it was
      } else {
        ::unlink(staged.c_str());
      }
      Fail(error, "cannot move " + BackupPath(save_path, n) + " to " + BackupPath(save_path, n + 1), err);
      return "";
    }
  }
  const std::string backup = BackupPath(save_path, 1);
  if (ops.rename(staged.c_str(), backup.c_str()) != 0) {
    Fail(error, "cannot create " + backup, errno);
    return "";
  }
  // 3. The save itself is set aside, unless another window has meanwhile written a new one.
  if (!blob.empty()) {
    const ReadResult now = ReadSaveFile(save_path);
    if (now.status == ReadStatus::Ok && now.text == blob) ::unlink(save_path.c_str());
  }
  if (!SyncDir(DirOf(save_path), error, ops)) return "";
  return backup;
}

}  // namespace savefile
