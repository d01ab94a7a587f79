#include "statelab/progress.h"

#include <algorithm>
#include <nlohmann/json.hpp>

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
  std::string message;
};

[[noreturn]] void Fail(std::string_view source, const std::string& path, const std::string& what) {
  throw Failure{std::string(source) + ": " + path + ": " + what};
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

ProgressLoad ParseProgress(std::string_view text, std::string_view source) {
  ProgressLoad out;
  const json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) {
    out.error = std::string(source) + ": $: not valid JSON";
    return out;
  }
  try {
    if (!doc.is_object()) Fail(source, "$", "expected an object");
    Progress p;
    for (const auto& [key, value] : doc.items()) {
      const std::string path = "$." + key;
      if (key == "version") {
        if (!value.is_number_integer() || value.get<long long>() != kProgressVersion) {
          Fail(source, path, "expected " + std::to_string(kProgressVersion));
        }
      } else if (key == "language") {
        if (!value.is_string()) Fail(source, path, "expected a string");
        const auto lang = value.get<std::string>();
        if (lang != "ko" && lang != "en" && !lang.empty()) Fail(source, path, "expected \"ko\", \"en\" or \"\"");
        p.language = lang;
      } else if (key == "completed") {
        if (!value.is_array() || value.size() > kMaxLessons) Fail(source, path, "expected an array of lesson ids");
        for (size_t i = 0; i < value.size(); ++i) {
          p.MarkCompleted(Id(source, path + "[" + std::to_string(i) + "]", value[i]));
        }
      } else if (key == "current_lesson") {
        p.current_lesson = value.is_string() && value.get<std::string>().empty() ? "" : Id(source, path, value);
      } else if (key == "current_step") {
        p.current_step = Step(source, path, value);
      } else if (key == "furthest_step") {
        if (!value.is_object() || value.size() > kMaxLessons) Fail(source, path, "expected an object of lesson id -> step");
        for (const auto& [lesson, step] : value.items()) {
          const std::string sub = path + "." + lesson;
          if (!IsId(lesson)) Fail(source, sub, "expected a lesson id as the key");
          p.furthest_step[lesson] = Step(source, sub, step);
        }
      } else if (key == "grades") {
        if (!value.is_object() || value.size() > kMaxLessons) Fail(source, path, "expected an object of lesson id -> grade");
        for (const auto& [lesson, letter] : value.items()) {
          const std::string sub = path + "." + lesson;
          if (!IsId(lesson)) Fail(source, sub, "expected a lesson id as the key");
          const bool ok = letter.is_string() && letter.get<std::string>().size() == 1 &&
                          std::string_view("ABCDF").find(letter.get<std::string>()[0]) != std::string_view::npos;
          if (!ok) Fail(source, sub, "expected a grade \"A\" to \"F\"");
          p.grades[lesson] = letter.get<std::string>();
        }
      } else {
        Fail(source, path,
             "unknown key (expected version, language, completed, current_lesson, current_step, furthest_step, grades)");
      }
    }
    if (!doc.contains("version")) Fail(source, "$.version", "missing");
    out.progress = std::move(p);
  } catch (const Failure& f) {
    out.error = f.message;
  }
  return out;
}

std::string SerializeProgress(const Progress& p) {
  json doc;
  doc["version"] = kProgressVersion;
  doc["language"] = p.language;
  doc["completed"] = p.completed;
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

}  // namespace sim
