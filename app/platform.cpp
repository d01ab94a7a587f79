// Platform services: files and environment natively, the page's JS bridge on the web.
#include "platform.h"

#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// The page's script (web/statelab-page.js) defines window.statelab with these helpers.
// No JS exception may unwind into the main loop (it would stop the app): each call is guarded.
EM_JS(char*, JsGet, (const char* what), {
  try {
    const v = window.statelab ? window.statelab.get(UTF8ToString(what)) : null;
    if (v === null || v === undefined) return 0;
    const s = String(v);
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  } catch (e) {
    console.warn('statelab: ' + e);
    return 0;
  }
});
EM_JS(int, JsSet, (const char* what, const char* value), {
  try {
    return window.statelab ? (window.statelab.set(UTF8ToString(what), UTF8ToString(value)) | 0) : 0;
  } catch (e) {
    console.warn('statelab: ' + e);
    return 0;
  }
});

// Clipboard calls end later (promises); the page reports a refusal itself, in the words given.
EM_JS(int, JsCopy, (const char* text, const char* refused), {
  try {
    return window.statelab ? (window.statelab.copy(UTF8ToString(text), UTF8ToString(refused)) | 0) : 0;
  } catch (e) {
    console.warn('statelab: ' + e);
    return 0;
  }
});
EM_JS(void, JsPaste, (const char* refused), {
  try {
    if (window.statelab) window.statelab.paste(UTF8ToString(refused));
  } catch (e) {
    console.warn('statelab: ' + e);
  }
});

namespace {
std::optional<std::string> Get(const char* what) {
  char* p = JsGet(what);
  if (p == nullptr) return std::nullopt;
  std::string s(p);
  std::free(p);
  return s;
}
}  // namespace

namespace platform {
std::string DataDir() { return "/data"; }
std::optional<std::string> LoadProgress() { return Get("progress"); }
bool SaveProgress(const std::string& blob, std::string* error) {
  if (JsSet("progress", blob.c_str()) != 0) return true;
  if (error) *error = "localStorage refused the save (private mode or storage full)";
  return false;
}
std::string BackupCorruptProgress(const std::string& blob) {
  // The page keeps the last three (statelab.progress.backup, .2, .3) and checks each write.
  if (JsSet("progress-backup", blob.c_str()) == 0) return "";
  return "localStorage 'statelab.progress.backup'";
}
std::string UrlHash() { return Get("hash").value_or(""); }
void SetUrlHash(const std::string& hash) { JsSet("hash", hash.c_str()); }
std::string PreferredLanguage() { return Get("language").value_or("en"); }
void Announce(const std::string& text) { JsSet("announce", text.c_str()); }
bool ShowNotice(const std::string& text) { return JsSet("notice", text.c_str()) != 0; }
void SetDocumentLanguage(const std::string& lang) { JsSet("lang", lang.c_str()); }
void NotifyFirstFrame() { JsSet("first-frame", ""); }
std::string SaveTextFile(const std::string& name, const std::string& text) {
  return JsSet("download", (name + '\n' + text).c_str()) != 0 ? name : std::string();
}
bool PickTextFile() { return JsSet("pick-file", "") != 0; }
bool CopyText(const std::string& text, const std::string& refused) { return JsCopy(text.c_str(), refused.c_str()) != 0; }
std::optional<std::string> ReadClipboard(const std::string& refused) {
  JsPaste(refused.c_str());
  return std::nullopt;
}
std::string PageAddress() { return Get("address").value_or(""); }
bool IsEmbedded() { return Get("embed").value_or("") == "1"; }
bool OpenUrl(const std::string& url) { return JsSet("open", url.c_str()) != 0; }
void ReportCannotStart(const std::string& what) {
  std::fprintf(stderr, "statelab: %s\n", what.c_str());
  JsSet("cannot-start", what.c_str());
}
}  // namespace platform

#else  // native

#include "save_file.h"

namespace fs = std::filesystem;

namespace {
fs::path SaveDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return fs::path(xdg) / "statelab";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".local" / "share" / "statelab";
  }
  return fs::path(".statelab");
}
fs::path SavePath() { return SaveDir() / "progress.json"; }
}  // namespace

namespace platform {

std::string DataDir() {
  // Next to the executable first (build/native/data), then where the build put it.
  if (char* base = SDL_GetBasePath(); base != nullptr) {
    fs::path p = fs::path(base) / "data";
    SDL_free(base);
    std::error_code ec;
    if (fs::is_directory(p / "lessons", ec)) return p.string();
  }
#ifdef STATELAB_INSTALL_DATA_DIR
  return STATELAB_INSTALL_DATA_DIR;
#else
  return "data";
#endif
}

std::optional<std::string> LoadProgress() {
  const savefile::ReadResult r = savefile::ReadSaveFile(SavePath().string());
  switch (r.status) {
    case savefile::ReadStatus::Absent: return std::nullopt;
    case savefile::ReadStatus::Ok: return r.text;
    case savefile::ReadStatus::Unreadable:
      // Never "no save": the app treats "" as corrupt and sets the file aside, whole.
      std::fprintf(stderr, "statelab: cannot read the saved progress: %s\n", r.error.c_str());
      return std::string();
  }
  return std::nullopt;
}

bool SaveProgress(const std::string& blob, std::string* error) {
  std::error_code ec;
  fs::create_directories(SaveDir(), ec);
  return savefile::WriteFileDurably(SavePath().string(), blob, error);
}

std::string BackupCorruptProgress(const std::string& blob) {
  std::error_code ec;
  fs::create_directories(SaveDir(), ec);
  std::string error;
  const std::string backup = savefile::BackupCorruptFile(SavePath().string(), blob, &error);
  if (backup.empty()) std::fprintf(stderr, "statelab: cannot back up the saved progress: %s\n", error.c_str());
  return backup;
}

std::string UrlHash() { return ""; }
void SetUrlHash(const std::string&) {}

std::string PreferredLanguage() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') return v;
  }
  return "en";
}

void Announce(const std::string&) {}
bool ShowNotice(const std::string& text) {
  std::fprintf(stderr, "statelab: %s\n", text.c_str());
  return false;
}
void SetDocumentLanguage(const std::string&) {}
void NotifyFirstFrame() {}
std::string SaveTextFile(const std::string& name, const std::string& text) {
  std::error_code ec;
  fs::create_directories(SaveDir(), ec);
  const fs::path path = SaveDir() / name;
  std::string error;
  if (!savefile::WriteFileDurably(path.string(), text, &error)) {
    std::fprintf(stderr, "statelab: cannot write %s: %s\n", path.string().c_str(), error.c_str());
    return "";
  }
  return path.string();
}
bool PickTextFile() { return false; }
bool CopyText(const std::string& text, const std::string&) { return SDL_SetClipboardText(text.c_str()) == 0; }
std::optional<std::string> ReadClipboard(const std::string&) {
  char* text = SDL_GetClipboardText();  // "" when empty; never null in SDL 2.26
  std::string s = text != nullptr ? text : "";
  SDL_free(text);
  return s;
}
std::string PageAddress() { return ""; }
bool IsEmbedded() { return false; }
bool OpenUrl(const std::string& url) { return SDL_OpenURL(url.c_str()) == 0; }
void ReportCannotStart(const std::string& what) { std::fprintf(stderr, "statelab: %s\n", what.c_str()); }

}  // namespace platform
#endif
