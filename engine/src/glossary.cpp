// Loading the glossary and finding its terms in a text.
#include "statelab/glossary.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sim {

namespace {

using nlohmann::json;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Where `needle` occurs in `text`: anywhere (Korean), or at the start of a word, ignoring case.
bool Occurs(std::string_view text, std::string_view needle, Lang lang) {
  if (needle.empty() || needle.size() > text.size()) return false;
  if (lang == Lang::Ko) return text.find(needle) != std::string_view::npos;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (i > 0 && IsWordChar(text[i - 1])) continue;
    bool same = true;
    for (size_t k = 0; k < needle.size() && same; ++k) same = Lower(text[i + k]) == Lower(needle[k]);
    if (same) return true;
  }
  return false;
}

}  // namespace

Parsed<Glossary> ParseGlossary(std::string_view text, std::string_view file) {
  Parsed<Glossary> out;
  auto fail = [&](std::string path, std::string expected) {
    out.error = ValidationError{std::string(file), std::move(path), std::move(expected)};
    return out;
  };
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return fail("$", "valid JSON (the file does not parse)");
  if (!doc.is_object() || !doc.contains("terms") || !doc["terms"].is_array()) return fail("$.terms", "an array of terms");
  for (const auto& item : doc.items()) {
    if (item.key() != "terms" && item.key() != "about") return fail("$." + item.key(), "a known key (terms, about), got unknown key '" + item.key() + "'");
  }
  Glossary g;
  const json& terms = doc["terms"];
  for (size_t i = 0; i < terms.size(); ++i) {
    const std::string at = "$.terms[" + std::to_string(i) + "]";
    const json& t = terms[i];
    if (!t.is_object()) return fail(at, "an object");
    for (const auto& item : t.items()) {
      const std::string& k = item.key();
      if (k != "id" && k != "ko" && k != "en" && k != "gloss" && k != "avoid") {
        return fail(at + "." + k, "a known key (id, ko, en, gloss, avoid), got unknown key '" + k + "'");
      }
    }
    GlossaryTerm term;
    for (const char* key : {"id", "ko", "en"}) {
      if (!t.contains(key) || !t[key].is_string() || t[key].get<std::string>().empty()) {
        return fail(at + "." + key, "a non-empty string");
      }
    }
    term.id = t["id"].get<std::string>();
    term.term = {t["ko"].get<std::string>(), t["en"].get<std::string>()};
    if (!t.contains("gloss") || !t["gloss"].is_object()) return fail(at + ".gloss", "a translated text {\"ko\": ..., \"en\": ...}");
    for (const char* lang : {"ko", "en"}) {
      const json& v = t["gloss"];
      if (!v.contains(lang) || !v[lang].is_string() || v[lang].get<std::string>().empty()) {
        return fail(at + ".gloss." + lang, "non-empty text");
      }
    }
    term.gloss = {t["gloss"]["ko"].get<std::string>(), t["gloss"]["en"].get<std::string>()};
    if (t.contains("avoid")) {
      const json& a = t["avoid"];
      if (!a.is_object()) return fail(at + ".avoid", "an object {\"ko\": [...], \"en\": [...]}");
      for (const char* lang : {"ko", "en"}) {
        if (!a.contains(lang)) continue;
        const std::string path = at + ".avoid." + lang;
        if (!a[lang].is_array()) return fail(path, "an array of strings");
        auto& list = std::string_view(lang) == "ko" ? term.avoid_ko : term.avoid_en;
        const std::string& own = std::string_view(lang) == "ko" ? term.term.ko : term.term.en;
        for (size_t k = 0; k < a[lang].size(); ++k) {
          const json& v = a[lang][k];
          if (!v.is_string() || v.get<std::string>().empty()) return fail(path + "[" + std::to_string(k) + "]", "a non-empty string");
          if (v.get<std::string>() == own) return fail(path + "[" + std::to_string(k) + "]", "a variant other than the term itself");
          list.push_back(v.get<std::string>());
        }
      }
    }
    if (std::any_of(g.terms.begin(), g.terms.end(), [&](const GlossaryTerm& x) { return x.id == term.id; })) {
      return fail(at + ".id", "an id unique in the glossary, got '" + term.id + "' twice");
    }
    g.terms.push_back(std::move(term));
  }
  out.value = std::move(g);
  return out;
}

Parsed<Glossary> LoadGlossary(const std::string& path) {
  const std::optional<std::string> text = ReadTextFile(path);
  if (!text) {
    Parsed<Glossary> out;
    out.error = ValidationError{path, "$", "a readable file"};
    return out;
  }
  return ParseGlossary(*text, path);
}

std::vector<TermMisuse> FindAvoidedTerms(const Glossary& glossary, std::string_view text, Lang lang) {
  std::vector<TermMisuse> out;
  for (const GlossaryTerm& t : glossary.terms) {
    for (const std::string& v : lang == Lang::Ko ? t.avoid_ko : t.avoid_en) {
      if (Occurs(text, v, lang)) out.push_back({t.id, v, t.term.In(lang)});
    }
  }
  return out;
}

std::vector<const GlossaryTerm*> TermsIn(const Glossary& glossary, std::string_view text, Lang lang) {
  std::vector<const GlossaryTerm*> out;
  for (const GlossaryTerm& t : glossary.terms) {
    if (Occurs(text, t.term.In(lang), lang)) out.push_back(&t);
  }
  return out;
}

}  // namespace sim
