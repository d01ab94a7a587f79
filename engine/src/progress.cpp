#include "statelab/progress.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "json_read.h"
#include "statelab/crypto.h"

namespace sim {

namespace {

using nlohmann::json;

constexpr size_t kMaxLessons = 256;
constexpr int kMaxStep = 999;

bool IsId(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

struct Failure {
  std::string path;
  std::string what;
};

[[noreturn]] void Fail(std::string_view /*source*/, const std::string& path, const std::string& what) {
  throw Failure{path, what};
}

int Step(std::string_view source, const std::string& path, const json& v) {
  if (!v.is_number_integer()) Fail(source, path, "expected a whole number");
  const auto n = v.get<long long>();
  if (n < 0 || n > kMaxStep) Fail(source, path, "expected a step from 0 to 999");
  return static_cast<int>(n);
}

std::string Id(std::string_view source, const std::string& path, const json& v) {
  if (!v.is_string() || !IsId(v.get<std::string>())) {
    Fail(source, path, "expected a lesson id (a-z, 0-9, '-')");
  }
  return v.get<std::string>();
}

}  // namespace

bool Progress::IsCompleted(std::string_view lesson) const {
  return std::binary_search(completed.begin(), completed.end(), lesson);
}

void Progress::MarkCompleted(std::string_view lesson) {
  auto it = std::lower_bound(completed.begin(), completed.end(), lesson);
  if (it == completed.end() || *it != lesson) completed.insert(it, std::string(lesson));
}

void Progress::RecordGrade(std::string_view lesson, std::string_view letter) {
  static constexpr std::string_view kOrder = "ABCDF";
  if (letter.size() != 1 || kOrder.find(letter[0]) == std::string_view::npos) return;
  std::string& saved = grades[std::string(lesson)];
  if (saved.empty() || kOrder.find(letter[0]) < kOrder.find(saved[0])) saved = std::string(letter);
}

void Progress::ChooseLanguage(std::string_view lang) {
  language = std::string(lang);
  ++language_revision;
}

ProgressLoad ParseProgress(std::string_view text, std::string_view source) {
  ProgressLoad out;
  // The one JSON reader's guard: size, depth and duplicate keys, as for lessons and scenarios.
  Parsed<json> parsed = ParseJsonText(text, source, JsonLimits{size_t{1} << 20, 16});
  if (!parsed.ok()) {
    out.error = parsed.error.Message();
    return out;
  }
  const json doc = std::move(*parsed.value);
  // The document as a whole: without an object of this version nothing in it can be trusted.
  if (!doc.is_object()) {
    out.error = std::string(source) + ": $: expected an object";
    return out;
  }
  if (!doc.contains("version")) {
    out.error = std::string(source) + ": $.version: expected " + std::to_string(kProgressVersion) + " (this key is required)";
    return out;
  }
  if (const json& v = doc["version"]; !v.is_number_integer() || v.get<long long>() != kProgressVersion) {
    out.error = std::string(source) + ": $.version: expected " + std::to_string(kProgressVersion);
    return out;
  }
  // Field by field: a bad one is dropped and named, the others are kept.
  Progress p;
  auto field = [&](const std::string& path, auto&& parse) {
    try {
      parse();
    } catch (const Failure& f) {
      out.dropped.push_back({f.path.empty() ? path : f.path, f.what});
    }
  };
  for (const auto& item : doc.items()) {  // no structured bindings: clang 14 cannot capture them
    const std::string& key = item.key();
    const json& value = item.value();
    const std::string path = "$." + key;
    if (key == "version") continue;
    if (key == "language") {
      field(path, [&] {
        if (!value.is_string()) Fail(source, path, "expected a string");
        const auto lang = value.get<std::string>();
        if (lang != "ko" && lang != "en" && !lang.empty()) Fail(source, path, "expected \"ko\", \"en\" or \"\"");
        p.language = lang;
      });
    } else if (key == "language_revision") {
      field(path, [&] {
        if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 1'000'000'000) {
          Fail(source, path, "expected a whole number from 0 to 1000000000");
        }
        p.language_revision = static_cast<int>(value.get<long long>());
      });
    } else if (key == "completed") {
      if (!value.is_array() || value.size() > kMaxLessons) {
        field(path, [&] { Fail(source, path, "expected an array of lesson ids"); });
        continue;
      }
      for (size_t i = 0; i < value.size(); ++i) {
        const std::string sub = path + "[" + std::to_string(i) + "]";
        field(sub, [&] { p.MarkCompleted(Id(source, sub, value[i])); });
      }
    } else if (key == "current_lesson") {
      field(path, [&] {
        p.current_lesson = value.is_string() && value.get<std::string>().empty() ? "" : Id(source, path, value);
      });
    } else if (key == "current_step") {
      field(path, [&] { p.current_step = Step(source, path, value); });
    } else if (key == "furthest_step") {
      if (!value.is_object() || value.size() > kMaxLessons) {
        field(path, [&] { Fail(source, path, "expected an object of lesson id -> step"); });
        continue;
      }
      for (const auto& entry : value.items()) {
        const std::string& lesson = entry.key();
        const json& step = entry.value();
        const std::string sub = path + "." + lesson;
        field(sub, [&] {
          if (!IsId(lesson)) Fail(source, sub, "expected a lesson id as the key");
          p.furthest_step[lesson] = Step(source, sub, step);
        });
      }
    } else if (key == "grades") {
      if (!value.is_object() || value.size() > kMaxLessons) {
        field(path, [&] { Fail(source, path, "expected an object of lesson id -> grade"); });
        continue;
      }
      for (const auto& entry : value.items()) {
        const std::string& lesson = entry.key();
        const json& letter = entry.value();
        const std::string sub = path + "." + lesson;
        field(sub, [&] {
          if (!IsId(lesson)) Fail(source, sub, "expected a lesson id as the key");
          const bool ok = letter.is_string() && letter.get<std::string>().size() == 1 &&
                          std::string_view("ABCDF").find(letter.get<std::string>()[0]) != std::string_view::npos;
          if (!ok) Fail(source, sub, "expected a grade \"A\" to \"F\"");
          p.grades[lesson] = letter.get<std::string>();
        });
      }
    } else {
      field(path, [&] {
        Fail(source, path,
             "unknown key (expected version, language, language_revision, completed, current_lesson, current_step, "
             "furthest_step, grades)");
      });
    }
  }
  // A path goes into a notice: no control bytes, and short however long the key was.
  for (ProgressDropped& d : out.dropped) {
    for (char& c : d.path) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    if (d.path.size() > 80) {
      size_t cut = 77;
      while (cut > 0 && (static_cast<unsigned char>(d.path[cut]) & 0xC0) == 0x80) --cut;  // whole characters
      d.path = d.path.substr(0, cut) + "...";
    }
  }
  out.progress = std::move(p);
  return out;
}

Progress MergeProgress(const Progress& saved, const Progress& ours) {
  Progress m = ours;
  for (const std::string& id : saved.completed) m.MarkCompleted(id);
  for (const auto& [lesson, step] : saved.furthest_step) {
    int& furthest = m.furthest_step[lesson];
    furthest = std::max(furthest, step);
  }
  for (const auto& [lesson, letter] : saved.grades) m.RecordGrade(lesson, letter);
  // The latest choice of language; a save from before choices were counted (both 0) keeps a
  // language over none.
  if (saved.language_revision > ours.language_revision || (ours.language.empty() && !saved.language.empty() &&
                                                            saved.language_revision == ours.language_revision)) {
    m.language = saved.language;
  }
  m.language_revision = std::max(saved.language_revision, ours.language_revision);
  return m;
}

std::string SerializeProgress(const Progress& p) {
  json doc;
  doc["version"] = kProgressVersion;
  doc["language"] = p.language;
  doc["completed"] = p.completed;
  if (p.language_revision > 0) doc["language_revision"] = p.language_revision;
  doc["current_lesson"] = p.current_lesson;
  doc["current_step"] = p.current_step;
  doc["furthest_step"] = json::object();
  for (const auto& [lesson, step] : p.furthest_step) doc["furthest_step"][lesson] = step;
  if (!p.grades.empty()) {
    doc["grades"] = json::object();
    for (const auto& [lesson, letter] : p.grades) doc["grades"][lesson] = letter;
  }
  return doc.dump();
}

// [SECTION] Progress code
namespace {

constexpr uint8_t kCodeVersion = 1;
constexpr size_t kCheckBytes = 4;
constexpr std::string_view kGradeLetters = "ABCDF";
enum : uint8_t { kCompleted = 1, kHasFurthest = 2, kCurrent = 4, kAllFlags = 7 };

void PutU16(std::vector<uint8_t>& out, int v) {
  const auto u = static_cast<uint16_t>(std::clamp(v, 0, 0xFFFF));
  out.push_back(static_cast<uint8_t>(u >> 8));
  out.push_back(static_cast<uint8_t>(u & 0xFF));
}

// Reads bytes in order; the first problem sticks.
struct CodeReader {
  const std::vector<uint8_t>& bytes;
  size_t pos = 0;
  bool ok = true;
  uint8_t U8() {
    if (pos >= bytes.size()) {
      ok = false;
      return 0;
    }
    return bytes[pos++];
  }
  int U16() {
    const int hi = U8();
    return (hi << 8) | U8();
  }
};

}  // namespace

std::string_view Describe(ProgressCodeProblem problem) {
  switch (problem) {
    case ProgressCodeProblem::NotACode: return "not a progress code (they start with SWL1-)";
    case ProgressCodeProblem::NewerVersion: return "the code was made by a newer version of the tutorial";
    case ProgressCodeProblem::Damaged: return "the code is damaged: mistyped or cut short";
    case ProgressCodeProblem::OutOfRange: return "the code holds a value the tutorial does not save";
    case ProgressCodeProblem::TooLong: return "the code is too long";
  }
  return "not a progress code";
}

std::string EncodeProgressCode(const Progress& p) {
  // Every lesson the progress names, once, in order.
  std::vector<std::string> ids = p.completed;
  for (const auto& [id, step] : p.furthest_step) ids.push_back(id);
  for (const auto& [id, letter] : p.grades) ids.push_back(id);
  if (!p.current_lesson.empty()) ids.push_back(p.current_lesson);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ids.erase(std::remove_if(ids.begin(), ids.end(), [](const std::string& id) { return !IsId(id); }), ids.end());
  if (ids.size() > 255) ids.resize(255);

  std::vector<uint8_t> b;
  b.push_back(kCodeVersion);
  b.push_back(p.language == "ko" ? 1 : p.language == "en" ? 2 : 0);
  PutU16(b, p.language_revision);
  b.push_back(static_cast<uint8_t>(ids.size()));
  for (const std::string& id : ids) {
    b.push_back(static_cast<uint8_t>(id.size()));
    b.insert(b.end(), id.begin(), id.end());
    const auto furthest = p.furthest_step.find(id);
    const auto grade = p.grades.find(id);
    uint8_t flags = 0;
    if (p.IsCompleted(id)) flags |= kCompleted;
    if (furthest != p.furthest_step.end()) flags |= kHasFurthest;
    if (id == p.current_lesson) flags |= kCurrent;
    b.push_back(flags);
    PutU16(b, furthest != p.furthest_step.end() ? furthest->second : 0);
    const size_t letter = grade != p.grades.end() && grade->second.size() == 1
                              ? kGradeLetters.find(grade->second[0]) : std::string_view::npos;
    b.push_back(letter == std::string_view::npos ? 0 : static_cast<uint8_t>(letter + 1));
  }
  PutU16(b, p.current_step);
  const Sha256Digest check = Sha256Of(std::span<const uint8_t>(b));
  b.insert(b.end(), check.begin(), check.begin() + kCheckBytes);
  return std::string(kProgressCodePrefix) + Base64UrlEncode(std::span<const uint8_t>(b));
}

ProgressCodeResult DecodeProgressCode(std::string_view text) noexcept {
  try {
    const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    if (text.size() > kProgressCodeMaxChars) return {std::nullopt, ProgressCodeProblem::TooLong};
    if (text.substr(0, 3) == "SWL" && text.size() > 4 && text[3] >= '2' && text[3] <= '9' && text[4] == '-') {
      return {std::nullopt, ProgressCodeProblem::NewerVersion};
    }
    if (text.substr(0, kProgressCodePrefix.size()) != kProgressCodePrefix) return {std::nullopt, ProgressCodeProblem::NotACode};
    const auto decoded = Base64UrlDecode(text.substr(kProgressCodePrefix.size()));
    if (!decoded || decoded->size() < 1 + kCheckBytes) return {std::nullopt, ProgressCodeProblem::Damaged};
    const std::vector<uint8_t> body(decoded->begin(), decoded->end() - kCheckBytes);
    const Sha256Digest check = Sha256Of(std::span<const uint8_t>(body));
    if (!std::equal(check.begin(), check.begin() + kCheckBytes, decoded->end() - kCheckBytes)) {
      return {std::nullopt, ProgressCodeProblem::Damaged};
    }
    CodeReader r{body};
    const uint8_t version = r.U8();
    if (version > kCodeVersion) return {std::nullopt, ProgressCodeProblem::NewerVersion};
    if (version != kCodeVersion) return {std::nullopt, ProgressCodeProblem::OutOfRange};
    Progress p;
    const uint8_t lang = r.U8();
    if (lang > 2) return {std::nullopt, ProgressCodeProblem::OutOfRange};
    p.language = lang == 1 ? "ko" : lang == 2 ? "en" : "";
    p.language_revision = r.U16();
    const uint8_t count = r.U8();
    std::string previous;
    for (uint8_t i = 0; i < count && r.ok; ++i) {
      const uint8_t size = r.U8();
      std::string id;
      for (uint8_t k = 0; k < size && r.ok; ++k) id.push_back(static_cast<char>(r.U8()));
      const uint8_t flags = r.U8();
      const int furthest = r.U16();
      const uint8_t grade = r.U8();
      if (!r.ok) break;
      // Ids sorted and unique, as the encoder writes them: one code per progress.
      if (!IsId(id) || id <= previous || (flags & ~kAllFlags) != 0 || furthest > kMaxStep ||
          grade > kGradeLetters.size() || ((flags & kHasFurthest) == 0 && furthest != 0)) {
        return {std::nullopt, ProgressCodeProblem::OutOfRange};
      }
      previous = id;
      if (flags & kCompleted) p.completed.push_back(id);
      if (flags & kHasFurthest) p.furthest_step[id] = furthest;
      if (grade > 0) p.grades[id] = std::string(1, kGradeLetters[grade - 1]);
      if (flags & kCurrent) {
        if (!p.current_lesson.empty()) return {std::nullopt, ProgressCodeProblem::OutOfRange};
        p.current_lesson = id;
      }
    }
    p.current_step = r.U16();
    if (!r.ok) return {std::nullopt, ProgressCodeProblem::Damaged};
    if (r.pos != body.size() || p.current_step > kMaxStep) return {std::nullopt, ProgressCodeProblem::OutOfRange};
    return {std::move(p), ProgressCodeProblem::NotACode};
  } catch (...) {  // allocation failure only: nothing above throws otherwise
    return {std::nullopt, ProgressCodeProblem::Damaged};
  }
}

}  // namespace sim
