// Loads the UI font (a Noto Sans CJK KR subset cut at build time) into ImGui's atlas.
#pragma once

#include <string>

#include "statelab/lesson.h"

namespace ui {

// Base text size in CSS pixels / logical points.
inline constexpr float kFontSizePx = 16.0f;

// The language switch names Korean in Korean, whatever the UI language.
inline constexpr const char* kKoreanName = "한국어";

// (Re)builds the atlas for `pixel_ratio` so text is rasterised at device resolution, with the
// glyphs `lang` needs: Korean gets every glyph in the subset; English gets Latin and symbols plus
// the letters of kKoreanName, a third of the glyphs, so it builds about three times faster (the
// atlas is rebuilt when the language changes). Falls back to ImGui's built-in font (Latin only)
// and returns false if the file is missing or unreadable.
bool LoadFonts(const std::string& data_dir, float pixel_ratio, sim::Lang lang = sim::Lang::Ko);

}  // namespace ui
